import type { TransitionCode } from "../codes";
import type { Result } from "../result";
import { type StateMachine, type TransitionActor, type TransitionOutcome, transition } from "./machine";

/** BSrE user statuses of the v2 API `user/check/status` (DOMAIN.md §2). */
export const certificateStates = [
  "NOT_REGISTERED",
  "NEW",
  "WAITING_FOR_VERIFICATION",
  "ISSUE",
  "EXPIRED",
  "RENEW",
  "SUSPEND",
  "REVOKE",
  "NO_CERTIFICATE",
] as const;
/** One BSrE status; see `certificateStates`. */
export type CertificateState = (typeof certificateStates)[number];

/** Events of the certificate lifecycle. */
export const certificateEvents = [
  "register",
  "submit_identity",
  "issue",
  "reject_enrolment",
  "request_issuance",
  "expire",
  "request_renewal",
  "approve_renewal",
  "reject_renewal",
  "suspend",
  "unsuspend",
  "revoke",
] as const;
/** One certificate event; see `certificateEvents`. */
export type CertificateEvent = (typeof certificateEvents)[number];

const ca = ["bsre", "system"] as const;
const holder = ["pegawai", "system"] as const;

/**
 * The certificate lifecycle mirroring BSrE: NOT_REGISTERED -register-> NEW -submit_identity->
 * WAITING_FOR_VERIFICATION -issue-> ISSUE; ISSUE -expire-> EXPIRED; ISSUE or EXPIRED
 * -request_renewal (new passphrase)-> RENEW -approve_renewal-> ISSUE (or -reject_renewal->
 * NO_CERTIFICATE, from where the holder requests issuance again); SUSPEND and REVOKE by the CA. `bsre` acts at BSrE; `system` is Teken recording a status it read from BSrE.
 */
export const certificateMachine: StateMachine<CertificateState, CertificateEvent> = {
  name: "certificate",
  states: certificateStates,
  events: certificateEvents,
  initial: "NOT_REGISTERED",
  terminal: [],
  transitions: [
    { from: ["NOT_REGISTERED"], event: "register", to: "NEW", roles: holder },
    { from: ["NEW"], event: "submit_identity", to: "WAITING_FOR_VERIFICATION", roles: holder },
    { from: ["WAITING_FOR_VERIFICATION"], event: "issue", to: "ISSUE", roles: ca },
    {
      from: ["WAITING_FOR_VERIFICATION"],
      event: "reject_enrolment",
      to: "NO_CERTIFICATE",
      roles: ca,
      requiresNote: true,
    },
    {
      from: ["NO_CERTIFICATE", "REVOKE"],
      event: "request_issuance",
      to: "WAITING_FOR_VERIFICATION",
      roles: holder,
    },
    { from: ["ISSUE", "RENEW"], event: "expire", to: "EXPIRED", roles: ca },
    { from: ["ISSUE", "EXPIRED"], event: "request_renewal", to: "RENEW", roles: holder },
    { from: ["RENEW"], event: "approve_renewal", to: "ISSUE", roles: ca },
    { from: ["RENEW"], event: "reject_renewal", to: "NO_CERTIFICATE", roles: ca, requiresNote: true },
    { from: ["ISSUE"], event: "suspend", to: "SUSPEND", roles: ca, requiresNote: true },
    { from: ["SUSPEND"], event: "unsuspend", to: "ISSUE", roles: ca },
    {
      from: ["ISSUE", "EXPIRED", "RENEW", "SUSPEND"],
      event: "revoke",
      to: "REVOKE",
      roles: ca,
      requiresNote: true,
    },
  ],
};

/** True only for `ISSUE`: the one BSrE status that may sign (DOMAIN.md §2). */
export function canSign(state: string): boolean {
  return state === "ISSUE";
}

/**
 * Applies a certificate event as `actor`.
 * @example certificateTransition("ISSUE", "request_renewal", { role: "pegawai" }) // ok, to "RENEW"
 */
export function certificateTransition(
  state: string,
  event: CertificateEvent,
  actor: TransitionActor,
): Result<TransitionOutcome<CertificateState, CertificateEvent>, TransitionCode> {
  return transition(certificateMachine, state, event, actor);
}
