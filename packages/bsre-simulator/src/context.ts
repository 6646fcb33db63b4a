import type { SimulatorCa } from "./ca-port";
import type { PassphrasePolicy } from "./options";
import type { SimulatorSigner, SimulatorVerifier } from "./signer-port";
import type { OutboxMessage, SimulatorState } from "./state";

/** Everything a handler needs: the state, its save, the ports and the resolved settings. */
export interface SimulatorContext {
  readonly state: SimulatorState;
  readonly save: () => Promise<void>;
  readonly ca: SimulatorCa;
  readonly signer: SimulatorSigner | undefined;
  readonly verifier: SimulatorVerifier | undefined;
  readonly crypto: Crypto;
  readonly now: () => Date;
  readonly policy: PassphrasePolicy;
  readonly settings: {
    readonly validityDays: number;
    readonly maxAttempts: number;
    readonly windowMs: number;
    readonly lockMs: number;
    readonly maxFileBytes: number;
    readonly totpTtlMs: number;
    readonly downloadTtlMs: number;
    readonly kdfIterations: number;
  };
}

/** A random id (UUID v4). */
export function newId(ctx: SimulatorContext): string {
  return ctx.crypto.randomUUID();
}

/** "Sends" an email: appends it to the outbox the operator can read. */
export function sendMail(ctx: SimulatorContext, to: string, subject: string, body: string): OutboxMessage {
  const message: OutboxMessage = { id: newId(ctx), to, subject, body, sentAt: ctx.now().toISOString() };
  ctx.state.outbox.push(message);
  return message;
}
