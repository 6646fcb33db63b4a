import type { TransitionCode } from "../codes";
import { type Issue, type Result, fail, issue, ok } from "../result";
import { type StateMachine, type TransitionActor, transition } from "./machine";

/** Document request statuses (DOMAIN.md §3). */
export const documentStates = ["draft", "in_progress", "returned", "cancelled", "completed"] as const;
/** One document status; see `documentStates`. */
export type DocumentState = (typeof documentStates)[number];

/** Events of the document workflow; `paraf` and `sign` complete the current step. */
export const documentEvents = ["submit", "paraf", "sign", "return", "revise", "cancel"] as const;
/** One document event; see `documentEvents`. */
export type DocumentEvent = (typeof documentEvents)[number];

/** A step is an initial by a reviewer (`paraf`) or a signature (`sign`). */
export type StepKind = "paraf" | "sign";

/** One step of a document's fixed order: what to do and which user does it. */
export interface WorkflowStep {
  readonly kind: StepKind;
  readonly actorId: string;
}

/** A document's workflow position: status, the ordered steps, the index of the step due now, the last return note. */
export interface DocumentWorkflow {
  readonly status: DocumentState;
  readonly steps: readonly WorkflowStep[];
  /** Index into `steps` of the step that may act now; equals `steps.length` once completed. */
  readonly currentStep: number;
  readonly note?: string;
}

/** The acting user: their role for this action, their user id, and a note when one is needed. */
export interface DocumentActor extends TransitionActor {
  readonly actorId: string;
}

/**
 * The document workflow: draft -submit-> in_progress; each step acts in order (`paraf` by a
 * verifikator, `sign` by a pegawai) and the last step completes it; the current step's actor may
 * return it with a note (-> returned -revise-> draft); anything unfinished may be cancelled.
 * `paraf`/`sign` go to `toWhenDone` (`completed`) instead of `in_progress` after the last step.
 */
export const documentMachine: StateMachine<DocumentState, DocumentEvent> = {
  name: "document",
  states: documentStates,
  events: documentEvents,
  initial: "draft",
  terminal: ["cancelled", "completed"],
  transitions: [
    { from: ["draft"], event: "submit", to: "in_progress", roles: ["admin_satker", "pegawai"] },
    {
      from: ["in_progress"],
      event: "paraf",
      to: "in_progress",
      toWhenDone: "completed",
      roles: ["verifikator"],
    },
    { from: ["in_progress"], event: "sign", to: "in_progress", toWhenDone: "completed", roles: ["pegawai"] },
    {
      from: ["in_progress"],
      event: "return",
      to: "returned",
      roles: ["verifikator", "pegawai"],
      requiresNote: true,
    },
    { from: ["returned"], event: "revise", to: "draft", roles: ["admin_satker", "pegawai"] },
    {
      from: ["draft", "in_progress", "returned"],
      event: "cancel",
      to: "cancelled",
      roles: ["admin_satker", "super_admin", "pegawai"],
    },
  ],
};

/** Checks a step list: at least one step, each naming a user, the last one a signature. */
export function validateSteps(steps: readonly WorkflowStep[]): Issue<TransitionCode>[] {
  if (steps.length === 0) return [issue("WORKFLOW_NO_STEPS", ["steps"])];
  const issues: Issue<TransitionCode>[] = [];
  steps.forEach((s, i) => {
    if (s.actorId.trim() === "")
      issues.push(issue("WORKFLOW_STEP_ACTOR_MISSING", ["steps", i], { step: i + 1 }));
  });
  if (steps[steps.length - 1]?.kind !== "sign") issues.push(issue("WORKFLOW_LAST_STEP_NOT_SIGN", ["steps"]));
  return issues;
}

/** Starts a draft with the given ordered steps, or refuses an invalid step list. */
export function createDocumentWorkflow(
  steps: readonly WorkflowStep[],
): Result<DocumentWorkflow, TransitionCode> {
  const issues = validateSteps(steps);
  return issues.length > 0 ? fail(...issues) : ok({ status: "draft", steps, currentStep: 0 });
}

/** The step that may act now, or undefined when the document is not in progress. */
export function currentStep(workflow: DocumentWorkflow): WorkflowStep | undefined {
  return workflow.status === "in_progress" ? workflow.steps[workflow.currentStep] : undefined;
}

/** Refuses an actor who is not the current step's user, or an event of the wrong kind. */
function checkStepActor(
  workflow: DocumentWorkflow,
  event: DocumentEvent,
  actor: DocumentActor,
): Issue<TransitionCode> | undefined {
  const step = currentStep(workflow);
  const params = { step: workflow.currentStep + 1 };
  if (step === undefined || step.actorId !== actor.actorId)
    return issue("WORKFLOW_NOT_YOUR_STEP", ["actorId"], params);
  if (event !== "return" && step.kind !== event) {
    return issue("WORKFLOW_STEP_KIND_MISMATCH", ["event"], { ...params, expected: step.kind, actual: event });
  }
  return undefined;
}

/**
 * Applies a document event as `actor` and returns the workflow's next position, or a typed refusal.
 * @example documentTransition(wf, "sign", { role: "pegawai", actorId: "u-1" })
 */
export function documentTransition(
  workflow: DocumentWorkflow,
  event: DocumentEvent,
  actor: DocumentActor,
): Result<DocumentWorkflow, TransitionCode> {
  const moved = transition(documentMachine, workflow.status, event, actor);
  if (!moved.ok) return moved;
  if (event === "submit") {
    const issues = validateSteps(workflow.steps);
    return issues.length > 0
      ? fail(...issues)
      : ok({ status: "in_progress", steps: workflow.steps, currentStep: 0 });
  }
  if (event === "paraf" || event === "sign" || event === "return") {
    const refusal = checkStepActor(workflow, event, actor);
    if (refusal !== undefined) return fail(refusal);
  }
  if (event === "paraf" || event === "sign") {
    const next = workflow.currentStep + 1;
    const status =
      next >= workflow.steps.length ? (moved.value.rule.toWhenDone ?? moved.value.to) : moved.value.to;
    return ok({ status, steps: workflow.steps, currentStep: next });
  }
  const note = event === "return" ? actor.note?.trim() : workflow.note;
  const base = { status: moved.value.to, steps: workflow.steps, currentStep: workflow.currentStep };
  return ok(note === undefined ? base : { ...base, note });
}
