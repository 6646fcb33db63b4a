import type { TransitionCode } from "../codes";
import { type Result, fail, issue, ok } from "../result";
import type { Role } from "./roles";

/** The names of the lifecycles @teken/core defines. */
export type MachineName = "account" | "certificate" | "document";

/** One edge of a state machine: from which states, on which event, to which state, by whom. */
export interface TransitionRule<S extends string, E extends string> {
  readonly from: readonly S[];
  readonly event: E;
  readonly to: S;
  readonly roles: readonly Role[];
  /** True when the actor must give a non-blank note (a rejection reason, a return note). */
  readonly requiresNote?: boolean;
  /** The state reached instead of `to` when the event finishes the last step (document workflow). */
  readonly toWhenDone?: S;
}

/** A lifecycle as data: its states, the initial and terminal ones, and every allowed edge. */
export interface StateMachine<S extends string, E extends string> {
  readonly name: MachineName;
  readonly states: readonly S[];
  readonly events: readonly E[];
  readonly initial: S;
  readonly terminal: readonly S[];
  readonly transitions: readonly TransitionRule<S, E>[];
}

/** Who acts, and the note they give when the transition needs one. */
export interface TransitionActor {
  readonly role: Role;
  readonly note?: string;
}

/** The successful outcome of a transition: the next state and the rule that allowed it. */
export interface TransitionOutcome<S extends string, E extends string> {
  readonly from: S;
  readonly to: S;
  readonly rule: TransitionRule<S, E>;
}

/**
 * Applies `event` to `state` as `actor`: the next state, or a typed refusal (`STATE_UNKNOWN`,
 * `STATE_EVENT_NOT_ALLOWED`, `STATE_ROLE_FORBIDDEN`, `STATE_NOTE_REQUIRED`).
 */
export function transition<S extends string, E extends string>(
  machine: StateMachine<S, E>,
  state: string,
  event: string,
  actor: TransitionActor,
): Result<TransitionOutcome<S, E>, TransitionCode> {
  const params = { machine: machine.name, state, event, role: actor.role };
  if (!isState(machine, state)) return fail(issue("STATE_UNKNOWN", ["state"], params));
  const rule = machine.transitions.find((t) => t.event === event && t.from.includes(state));
  if (rule === undefined) return fail(issue("STATE_EVENT_NOT_ALLOWED", ["event"], params));
  if (!rule.roles.includes(actor.role)) return fail(issue("STATE_ROLE_FORBIDDEN", ["role"], params));
  if (rule.requiresNote === true && (actor.note ?? "").trim() === "") {
    return fail(issue("STATE_NOTE_REQUIRED", ["note"], params));
  }
  return ok({ from: state, to: rule.to, rule });
}

/** True when `state` is one of the machine's states (e.g. a value read back from a database). */
export function isState<S extends string, E extends string>(
  machine: StateMachine<S, E>,
  state: string,
): state is S {
  return (machine.states as readonly string[]).includes(state);
}

/** The events `role` may trigger from `state`, in table order (for menus and buttons). */
export function allowedEvents<S extends string, E extends string>(
  machine: StateMachine<S, E>,
  state: S,
  role: Role,
): E[] {
  const events = machine.transitions
    .filter((t) => t.from.includes(state) && t.roles.includes(role))
    .map((t) => t.event);
  return [...new Set(events)];
}

/**
 * The events that lead directly from `from` to `to` (empty when BSrE reported a jump the table
 * does not know): lets a poller turn an observed status change into an audited event.
 */
export function eventsBetween<S extends string, E extends string>(
  machine: StateMachine<S, E>,
  from: S,
  to: S,
): E[] {
  return machine.transitions.filter((t) => t.from.includes(from) && t.to === to).map((t) => t.event);
}
