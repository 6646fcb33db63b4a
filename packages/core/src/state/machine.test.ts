import { describe, expect, it } from "vitest";
import { accountMachine } from "./account";
import { certificateMachine } from "./certificate";
import { documentMachine } from "./document";
import { allowedEvents, eventsBetween, isState, type StateMachine, transition } from "./machine";
import { roles } from "./roles";

const machines: StateMachine<string, string>[] = [accountMachine, certificateMachine, documentMachine];

/** States reachable from the initial one by following the table's edges. */
function reachable(m: StateMachine<string, string>): Set<string> {
  const seen = new Set([m.initial]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of m.transitions) {
      for (const to of [t.to, t.toWhenDone]) {
        if (to !== undefined && t.from.some((f) => seen.has(f)) && !seen.has(to)) {
          seen.add(to);
          grew = true;
        }
      }
    }
  }
  return seen;
}

describe.each(machines.map((m) => [m.name, m] as const))("%s machine data", (_name, m) => {
  it("names only its own states, events and known roles", () => {
    for (const t of m.transitions) {
      for (const f of t.from) expect(m.states).toContain(f);
      expect(m.states).toContain(t.to);
      expect(m.events).toContain(t.event);
      expect(t.roles.length).toBeGreaterThan(0);
      for (const r of t.roles) expect(roles).toContain(r);
    }
  });
  it("uses every event and reaches every state from the initial one", () => {
    expect(new Set(m.transitions.map((t) => t.event))).toEqual(new Set(m.events));
    expect(reachable(m)).toEqual(new Set(m.states));
  });
  it("has no edge out of a terminal state and one rule per (state, event)", () => {
    for (const t of m.transitions) for (const f of t.from) expect(m.terminal).not.toContain(f);
    const keys = m.transitions.flatMap((t) => t.from.map((f) => `${f}/${t.event}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
  it("never lets the public change anything", () => {
    for (const t of m.transitions) expect(t.roles).not.toContain("public");
  });
});

describe("generic transition", () => {
  it("refuses an unknown state with STATE_UNKNOWN", () => {
    const r = transition(accountMachine, "limbo", "approve", { role: "admin_satker" });
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          code: "STATE_UNKNOWN",
          path: ["state"],
          params: { machine: "account", state: "limbo", event: "approve", role: "admin_satker" },
        },
      ],
    });
  });
  it("lists allowed events per role and the events between two states", () => {
    expect(allowedEvents(accountMachine, "waiting_verification", "admin_satker")).toEqual([
      "approve",
      "reject",
      "deactivate",
    ]);
    expect(allowedEvents(accountMachine, "waiting_verification", "pegawai")).toEqual([]);
    expect(eventsBetween(certificateMachine, "WAITING_FOR_VERIFICATION", "ISSUE")).toEqual(["issue"]);
    expect(eventsBetween(certificateMachine, "NOT_REGISTERED", "ISSUE")).toEqual([]);
    expect(isState(certificateMachine, "ISSUE")).toBe(true);
    expect(isState(certificateMachine, "issue")).toBe(false);
  });
});
