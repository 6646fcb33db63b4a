import { describe, expect, it } from "vitest";
import type { CertificateEvent } from "./certificate";
import { canSign, certificateStates, certificateTransition } from "./certificate";
import type { Role } from "./roles";

const allowed: [string, CertificateEvent, Role, string][] = [
  ["NOT_REGISTERED", "register", "pegawai", "NEW"],
  ["NEW", "submit_identity", "pegawai", "WAITING_FOR_VERIFICATION"],
  ["WAITING_FOR_VERIFICATION", "issue", "bsre", "ISSUE"],
  ["WAITING_FOR_VERIFICATION", "issue", "system", "ISSUE"],
  ["WAITING_FOR_VERIFICATION", "reject_enrolment", "bsre", "NO_CERTIFICATE"],
  ["NO_CERTIFICATE", "request_issuance", "pegawai", "WAITING_FOR_VERIFICATION"],
  ["ISSUE", "expire", "system", "EXPIRED"],
  ["ISSUE", "request_renewal", "pegawai", "RENEW"],
  ["EXPIRED", "request_renewal", "pegawai", "RENEW"],
  ["RENEW", "approve_renewal", "bsre", "ISSUE"],
  ["RENEW", "reject_renewal", "bsre", "NO_CERTIFICATE"],
  ["RENEW", "expire", "system", "EXPIRED"],
  ["ISSUE", "suspend", "bsre", "SUSPEND"],
  ["SUSPEND", "unsuspend", "bsre", "ISSUE"],
  ["SUSPEND", "revoke", "bsre", "REVOKE"],
  ["REVOKE", "request_issuance", "pegawai", "WAITING_FOR_VERIFICATION"],
];

const refused: [string, CertificateEvent, Role, string][] = [
  ["NOT_REGISTERED", "issue", "bsre", "STATE_EVENT_NOT_ALLOWED"],
  ["REVOKE", "unsuspend", "bsre", "STATE_EVENT_NOT_ALLOWED"],
  ["SUSPEND", "request_renewal", "pegawai", "STATE_EVENT_NOT_ALLOWED"],
  ["WAITING_FOR_VERIFICATION", "issue", "pegawai", "STATE_ROLE_FORBIDDEN"],
  ["WAITING_FOR_VERIFICATION", "issue", "admin_satker", "STATE_ROLE_FORBIDDEN"],
  ["ISSUE", "request_renewal", "bsre", "STATE_ROLE_FORBIDDEN"],
  ["ISSUE", "revoke", "bsre", "STATE_NOTE_REQUIRED"],
  ["issue", "expire", "system", "STATE_UNKNOWN"],
];

describe("certificate lifecycle", () => {
  it.each(allowed)("%s -%s (%s)-> %s", (from, event, role, to) => {
    const r = certificateTransition(from, event, { role, note: "alasan" });
    expect(r.ok && r.value.to).toBe(to);
  });
  it.each(refused)("%s -%s (%s) is refused with %s", (from, event, role, code) => {
    const r = certificateTransition(from, event, { role });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual([code]);
  });
  it("lets only ISSUE sign", () => {
    expect(certificateStates.filter(canSign)).toEqual(["ISSUE"]);
    expect(canSign("issue")).toBe(false);
  });
});
