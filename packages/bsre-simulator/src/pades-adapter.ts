import type { SimulatorSigner, SimulatorVerifier } from "./signer-port";

/** Options of the default PAdES signer. */
export interface DefaultSignerOptions {
  /** Base URL of this simulator (its `/pki` TSA is used for B-T/B-LT when available). */
  readonly publicBaseUrl?: string;
}

/**
 * The PAdES signer over @teken/pades, or undefined while that package does not export
 * one-call signing yet (the sign endpoints then answer 501 instead of faking a signature).
 */
export function defaultSigner(_options: DefaultSignerOptions = {}): SimulatorSigner | undefined {
  return undefined;
}

/** The verifier over @teken/pades' report, or undefined while that package has none. */
export function defaultVerifier(): SimulatorVerifier | undefined {
  return undefined;
}
