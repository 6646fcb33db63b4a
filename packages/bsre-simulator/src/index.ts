/** @teken/bsre-simulator: A local BSrE Esign Client Service for development and tests, built on @teken/ca and @teken/pades. */
export { createSimulatorApp } from "./app";
export type { Simulator } from "./app";
export { createDevCa } from "./ca-port";
export type { DevCaOptions, SimulatorCa } from "./ca-port";
export { BsreFault, fault } from "./faults";
export { openKey, sealKey } from "./key-vault";
export type { KeyVaultOptions } from "./key-vault";
export { DEFAULT_CREDENTIALS, DEFAULT_OPERATOR, basicPassphrasePolicy } from "./options";
export type { BasicCredentials, LockoutOptions, PassphrasePolicy, SimulatorOptions } from "./options";
export { V1_STATUS_CODES } from "./routes/user";
export type { SimulatorSignRequest, SimulatorSigner, SimulatorVerifier, StampRequest } from "./signer-port";
export { emptyState } from "./state";
export type { OutboxMessage, SimulatorState, UserRecord } from "./state";
export { memoryStore } from "./store";
export type { SimulatorStore } from "./store";
