import type { TransitionCode } from "../codes";
import type { Result } from "../result";
import { type StateMachine, type TransitionActor, type TransitionOutcome, transition } from "./machine";

/** Registration / TTE account statuses (DOMAIN.md §2 steps 1-2). */
export const accountStates = [
  "registered",
  "waiting_verification",
  "verified",
  "rejected",
  "corrected",
  "resubmitted",
  "suspended",
  "deactivated",
] as const;
/** One account status; see `accountStates`. */
export type AccountState = (typeof accountStates)[number];

/** Events that move an account between statuses. */
export const accountEvents = [
  "submit",
  "approve",
  "reject",
  "correct",
  "resubmit",
  "admin_correct",
  "suspend",
  "reinstate",
  "deactivate",
] as const;
/** One account event; see `accountEvents`. */
export type AccountEvent = (typeof accountEvents)[number];

/** The statuses that sit in an admin's verification queue. */
export const accountAwaitingVerification: readonly AccountState[] = ["waiting_verification", "resubmitted"];

const admins = ["admin_satker", "super_admin"] as const;

/**
 * The account lifecycle: registered -> waiting_verification -> verified, or rejected (with a
 * reason) -> corrected (any number of times) -> resubmitted -> verified / rejected again; an
 * admin may correct a verified account's data (an audited self-transition, the wrong-email
 * case), suspend and reinstate it, and deactivate any account for good.
 */
export const accountMachine: StateMachine<AccountState, AccountEvent> = {
  name: "account",
  states: accountStates,
  events: accountEvents,
  initial: "registered",
  terminal: ["deactivated"],
  transitions: [
    { from: ["registered"], event: "submit", to: "waiting_verification", roles: ["pegawai", "system"] },
    { from: accountAwaitingVerification, event: "approve", to: "verified", roles: admins },
    { from: accountAwaitingVerification, event: "reject", to: "rejected", roles: admins, requiresNote: true },
    { from: ["rejected", "corrected"], event: "correct", to: "corrected", roles: ["pegawai"] },
    { from: ["corrected"], event: "resubmit", to: "resubmitted", roles: ["pegawai"] },
    { from: ["verified"], event: "admin_correct", to: "verified", roles: admins, requiresNote: true },
    { from: ["verified"], event: "suspend", to: "suspended", roles: admins, requiresNote: true },
    { from: ["suspended"], event: "reinstate", to: "verified", roles: admins },
    {
      from: [
        "registered",
        "waiting_verification",
        "verified",
        "rejected",
        "corrected",
        "resubmitted",
        "suspended",
      ],
      event: "deactivate",
      to: "deactivated",
      roles: admins,
      requiresNote: true,
    },
  ],
};

/**
 * Applies an account event as `actor`.
 * @example accountTransition("waiting_verification", "approve", { role: "admin_satker" }) // ok, to "verified"
 */
export function accountTransition(
  state: string,
  event: AccountEvent,
  actor: TransitionActor,
): Result<TransitionOutcome<AccountState, AccountEvent>, TransitionCode> {
  return transition(accountMachine, state, event, actor);
}
