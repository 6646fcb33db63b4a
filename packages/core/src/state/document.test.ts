import { describe, expect, it } from "vitest";
import {
  createDocumentWorkflow,
  currentStep,
  type DocumentWorkflow,
  documentTransition,
  validateSteps,
  type WorkflowStep,
} from "./document";

const steps: WorkflowStep[] = [
  { kind: "paraf", actorId: "kasubbag" },
  { kind: "paraf", actorId: "kabag" },
  { kind: "sign", actorId: "kakanwil" },
];

function draft(s: readonly WorkflowStep[] = steps): DocumentWorkflow {
  const r = createDocumentWorkflow(s);
  if (!r.ok) throw new Error("fixture");
  return r.value;
}

function codes(r: { ok: boolean; issues?: readonly { code: string }[] }): string[] {
  return r.ok ? [] : (r.issues ?? []).map((i) => i.code);
}

describe("document workflow", () => {
  it("runs paraf, paraf, sign in order to completed", () => {
    let wf = draft();
    const admin = { role: "admin_satker", actorId: "admin-1" } as const;
    const submitted = documentTransition(wf, "submit", admin);
    expect(submitted.ok && submitted.value).toEqual({ status: "in_progress", steps, currentStep: 0 });
    if (!submitted.ok) return;
    wf = submitted.value;
    expect(currentStep(wf)).toEqual(steps[0]);
    const a = documentTransition(wf, "paraf", { role: "verifikator", actorId: "kasubbag" });
    const b = a.ok ? documentTransition(a.value, "paraf", { role: "verifikator", actorId: "kabag" }) : a;
    const c = b.ok ? documentTransition(b.value, "sign", { role: "pegawai", actorId: "kakanwil" }) : b;
    expect(b.ok && b.value.currentStep).toBe(2);
    expect(c.ok && c.value).toEqual({ status: "completed", steps, currentStep: 3 });
    if (c.ok) expect(currentStep(c.value)).toBeUndefined();
  });

  it("returns with a note, revises to draft and restarts at step 1 on resubmission", () => {
    const wf: DocumentWorkflow = { status: "in_progress", steps, currentStep: 1 };
    const r = documentTransition(wf, "return", {
      role: "verifikator",
      actorId: "kabag",
      note: " Perbaiki perihal ",
    });
    expect(r.ok && r.value).toEqual({ status: "returned", steps, currentStep: 1, note: "Perbaiki perihal" });
    if (!r.ok) return;
    const d = documentTransition(r.value, "revise", { role: "admin_satker", actorId: "admin-1" });
    expect(d.ok && d.value.status).toBe("draft");
    expect(d.ok && d.value.note).toBe("Perbaiki perihal");
    const s = d.ok ? documentTransition(d.value, "submit", { role: "admin_satker", actorId: "admin-1" }) : d;
    expect(s.ok && s.value).toEqual({ status: "in_progress", steps, currentStep: 0 });
  });

  it.each(["draft", "in_progress", "returned"] as const)("cancels from %s", (status) => {
    const r = documentTransition({ status, steps, currentStep: 0 }, "cancel", {
      role: "super_admin",
      actorId: "x",
    });
    expect(r.ok && r.value.status).toBe("cancelled");
  });

  const inProgress: DocumentWorkflow = { status: "in_progress", steps, currentStep: 0 };
  const refusals: [
    string,
    DocumentWorkflow,
    Parameters<typeof documentTransition>[1],
    Parameters<typeof documentTransition>[2],
    string[],
  ][] = [
    [
      "sign out of turn",
      { ...inProgress, currentStep: 1 },
      "sign",
      { role: "pegawai", actorId: "kakanwil" },
      ["WORKFLOW_NOT_YOUR_STEP"],
    ],
    [
      "paraf by someone else",
      inProgress,
      "paraf",
      { role: "verifikator", actorId: "kabag" },
      ["WORKFLOW_NOT_YOUR_STEP"],
    ],
    [
      "return by someone else",
      inProgress,
      "return",
      { role: "verifikator", actorId: "kabag", note: "x" },
      ["WORKFLOW_NOT_YOUR_STEP"],
    ],
    [
      "sign on a paraf step",
      inProgress,
      "sign",
      { role: "pegawai", actorId: "kasubbag" },
      ["WORKFLOW_STEP_KIND_MISMATCH"],
    ],
    [
      "paraf by a pegawai role",
      inProgress,
      "paraf",
      { role: "pegawai", actorId: "kasubbag" },
      ["STATE_ROLE_FORBIDDEN"],
    ],
    [
      "return without a note",
      inProgress,
      "return",
      { role: "verifikator", actorId: "kasubbag" },
      ["STATE_NOTE_REQUIRED"],
    ],
    [
      "cancel a completed one",
      { status: "completed", steps, currentStep: 3 },
      "cancel",
      { role: "super_admin", actorId: "x" },
      ["STATE_EVENT_NOT_ALLOWED"],
    ],
    [
      "sign a draft",
      { ...inProgress, status: "draft" },
      "sign",
      { role: "pegawai", actorId: "kasubbag" },
      ["STATE_EVENT_NOT_ALLOWED"],
    ],
    ["public cancel", inProgress, "cancel", { role: "public", actorId: "x" }, ["STATE_ROLE_FORBIDDEN"]],
    [
      "submit without steps",
      { status: "draft", steps: [], currentStep: 0 },
      "submit",
      { role: "pegawai", actorId: "x" },
      ["WORKFLOW_NO_STEPS"],
    ],
  ];
  it.each(refusals)("refuses %s", (_label, wf, event, actor, expected) => {
    expect(codes(documentTransition(wf, event, actor))).toEqual(expected);
  });

  it("validates step lists", () => {
    expect(validateSteps(steps)).toEqual([]);
    expect(validateSteps([]).map((i) => i.code)).toEqual(["WORKFLOW_NO_STEPS"]);
    expect(
      validateSteps([
        { kind: "sign", actorId: "a" },
        { kind: "paraf", actorId: " " },
      ]),
    ).toEqual([
      { code: "WORKFLOW_STEP_ACTOR_MISSING", path: ["steps", 1], params: { step: 2 } },
      { code: "WORKFLOW_LAST_STEP_NOT_SIGN", path: ["steps"] },
    ]);
    expect(codes(createDocumentWorkflow([{ kind: "paraf", actorId: "a" }]))).toEqual([
      "WORKFLOW_LAST_STEP_NOT_SIGN",
    ]);
  });
});
