/** @teken/bsre-simulator: A local BSrE Esign Client Service for development and tests, built on @teken/ca and @teken/pades. */
export { DEFAULT_PUBLIC_BASE_URL, createSimulatorApp } from "./app";
export { fileStore } from "./adapters/file-store";
export { threadSigner } from "./adapters/thread-signer";
export type { ThreadSigner, ThreadSignerOptions } from "./adapters/thread-signer";
export { defaultSigner, defaultVerifier, pkiFetch, placementOf, stampContentOf } from "./pades-adapter";
export type { DefaultSignerOptions, DefaultVerifierOptions, PkiServices } from "./pades-adapter";
export type { Simulator } from "./app";
export { createDevCa } from "./ca-port";
export type { DevCaOptions, SimulatorCa } from "./ca-port";
export { BsreFault, fault } from "./faults";
export { openKey, sealKey } from "./key-vault";
export type { KeyVaultOptions } from "./key-vault";
export { DEFAULT_CREDENTIALS, DEFAULT_OPERATOR, corePassphrasePolicy } from "./options";
export type {
  BasicCredentials,
  LockoutOptions,
  PassphrasePolicy,
  PassphraseRuleContext,
  SimulatorOptions,
} from "./options";
export { V1_STATUS_CODES } from "./routes/user";
export type { SimulatorSignRequest, SimulatorSigner, SimulatorVerifier, StampRequest } from "./signer-port";
export { emptyState } from "./state";
export type { OutboxMessage, SimulatorState, UserRecord } from "./state";
export { memoryStore } from "./store";
export type { SimulatorStore } from "./store";
