export { verify } from "./verify";
export type { VerifyOptions, AlgorithmPolicy } from "./options";
export { DEFAULT_POLICY } from "./options";
export * from "./report";
