import { describe, expect, it } from "vitest";
import type { AccountEvent } from "./account";
import { accountTransition } from "./account";
import type { Role } from "./roles";

const allowed: [string, AccountEvent, Role, string, string?][] = [
  ["registered", "submit", "pegawai", "waiting_verification"],
  ["registered", "submit", "system", "waiting_verification"],
  ["waiting_verification", "approve", "admin_satker", "verified"],
  ["waiting_verification", "reject", "admin_satker", "rejected", "Scan KTP buram"],
  ["rejected", "correct", "pegawai", "corrected"],
  ["corrected", "correct", "pegawai", "corrected"],
  ["corrected", "resubmit", "pegawai", "resubmitted"],
  ["resubmitted", "approve", "super_admin", "verified"],
  ["resubmitted", "reject", "admin_satker", "rejected", "Surat rekomendasi belum ditandatangani"],
  ["verified", "admin_correct", "admin_satker", "verified", "Email salah ketik"],
  ["verified", "suspend", "super_admin", "suspended", "Mutasi"],
  ["suspended", "reinstate", "admin_satker", "verified"],
  ["suspended", "deactivate", "super_admin", "deactivated", "Pensiun"],
  ["registered", "deactivate", "admin_satker", "deactivated", "Duplikat"],
];

const refused: [string, AccountEvent, Role, string | undefined, string][] = [
  ["verified", "approve", "admin_satker", undefined, "STATE_EVENT_NOT_ALLOWED"],
  ["rejected", "resubmit", "pegawai", undefined, "STATE_EVENT_NOT_ALLOWED"],
  ["deactivated", "reinstate", "super_admin", undefined, "STATE_EVENT_NOT_ALLOWED"],
  ["waiting_verification", "approve", "pegawai", undefined, "STATE_ROLE_FORBIDDEN"],
  ["waiting_verification", "approve", "verifikator", undefined, "STATE_ROLE_FORBIDDEN"],
  ["rejected", "correct", "admin_satker", undefined, "STATE_ROLE_FORBIDDEN"],
  ["verified", "suspend", "public", "x", "STATE_ROLE_FORBIDDEN"],
  ["waiting_verification", "reject", "admin_satker", undefined, "STATE_NOTE_REQUIRED"],
  ["waiting_verification", "reject", "admin_satker", "   ", "STATE_NOTE_REQUIRED"],
  ["verified", "admin_correct", "super_admin", "", "STATE_NOTE_REQUIRED"],
  ["paused", "submit", "pegawai", undefined, "STATE_UNKNOWN"],
];

describe("account lifecycle", () => {
  it.each(allowed)("%s -%s (%s)-> %s", (from, event, role, to, note) => {
    const r = accountTransition(from, event, note === undefined ? { role } : { role, note });
    expect(r.ok && r.value.to).toBe(to);
  });
  it.each(refused)("%s -%s (%s, note %j) is refused with %s", (from, event, role, note, code) => {
    const r = accountTransition(from, event, note === undefined ? { role } : { role, note });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual([code]);
  });
});
