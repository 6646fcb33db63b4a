import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/audit/audit-log";
import { certificates, outbox, revisions, signingRequests } from "../../src/db/schema";
import { rowsOf } from "../../src/db/rows";
import { createAccount } from "../../src/usecases/accounts";
import {
  cancelDocument,
  createDocument,
  downloadRevision,
  listInbox,
  listSignedDocuments,
  parafStep,
  returnDocument,
  reviseDocument,
} from "../../src/usecases/documents";
import { downloadPublicDocument, lookupByToken } from "../../src/usecases/lookup";
import { reconcileSigningRequests, signStep } from "../../src/usecases/signing";
import type { SignRequest } from "../../src/ports";
import { FakeSigner, pdf } from "./fakes";
import type { ContractContext } from "./registry-contract";
import { type World, makeWorld, signerReady } from "./world";

const codes = (r: { ok: boolean; issues?: readonly { code: string }[] }) =>
  r.ok ? [] : r.issues!.map((i) => i.code);
const PASS = "rahasia-Passphrase-1";
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Documents, inbox, signing with idempotency, return/cancel, public lookup, crash reconciliation. */
export function documentsContract(ctx: ContractContext): void {
  let w: World;
  let verifikator: string;
  let s1: { userId: string; nik: string; email: string };
  let s2: { userId: string; nik: string; email: string };
  beforeAll(async () => {
    w = await makeWorld(ctx.database);
    const v = await createAccount(w.deps, {
      actorId: null,
      role: "verifikator",
      unitCode: w.unitCode,
      name: "Verifikator Satu",
      email: `verif.${w.unitCode.toLowerCase()}@kemenag.go.id`,
      password: "Kopi-Tubruk-Sore-Hari-7",
    });
    verifikator = v.ok ? v.value.id : "";
    s1 = await signerReady(w, "Kepala Seksi");
    s2 = await signerReady(w, "Kepala Kantor");
  });

  const upload = (
    label: string,
    steps = [
      { kind: "paraf" as const, userId: verifikator },
      { kind: "sign" as const, userId: s1.userId },
      { kind: "sign" as const, userId: s2.userId },
    ],
  ) =>
    createDocument(w.deps, {
      actorId: w.adminId,
      pdf: pdf(label),
      jenis: "Surat Keputusan",
      perihal: `Perihal ${label}`,
      paperSize: "A4",
      steps,
    });

  it("runs paraf -> sign -> sign in order, with idempotent signing, revisions, inbox and Dokumen DS", async () => {
    const created = await upload("alur");
    if (!created.ok) throw new Error(JSON.stringify(created.issues));
    const { documentId, token, shortCode } = created.value;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(shortCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const prepared = await downloadRevision(w.deps, { actorId: w.adminId, documentId });
    expect(prepared.ok && prepared.value.number).toBe(2);
    expect(prepared.ok && text(prepared.value.bytes)).toContain(
      `TEKEN-FOOTER ${shortCode} https://tte.example.go.id/verifikasi/${token}`,
    );

    const inboxOf = async (id: string) => {
      const r = await listInbox(w.deps, { actorId: id });
      return r.ok ? r.value.map((i) => i.documentId) : [];
    };
    expect(await inboxOf(verifikator)).toContain(documentId);
    expect(await inboxOf(s1.userId)).not.toContain(documentId);
    expect(
      codes(
        await signStep(w.deps, { actorId: s1.userId, documentId, passphrase: PASS, idempotencyKey: "k0" }),
      ),
    ).toEqual(["WORKFLOW_NOT_YOUR_STEP"]);
    expect((await parafStep(w.deps, { actorId: verifikator, documentId })).ok).toBe(true);
    expect(await inboxOf(verifikator)).not.toContain(documentId);
    expect(await inboxOf(s1.userId)).toContain(documentId);
    expect(
      codes(
        await signStep(w.deps, { actorId: s2.userId, documentId, passphrase: PASS, idempotencyKey: "k1" }),
      ),
    ).toEqual(["WORKFLOW_NOT_YOUR_STEP"]);

    const calls0 = w.signer.calls;
    const wrong = await signStep(w.deps, {
      actorId: s1.userId,
      documentId,
      passphrase: "salah",
      idempotencyKey: "s1-a",
    });
    expect(wrong).toMatchObject({
      ok: false,
      issues: [{ code: "SIGNING_FAILED", params: { reason: "WRONG_PASSPHRASE" } }],
    });
    const first = await signStep(w.deps, {
      actorId: s1.userId,
      documentId,
      passphrase: PASS,
      idempotencyKey: "s1-a",
    });
    expect(first).toMatchObject({ ok: true, value: { revision: 3, status: "in_progress" } });
    const again = await signStep(w.deps, {
      actorId: s1.userId,
      documentId,
      passphrase: PASS,
      idempotencyKey: "s1-a",
    });
    expect(again).toEqual(first);
    expect(w.signer.calls).toBe(calls0 + 2);
    const other = await upload("kunci-lain", [{ kind: "sign", userId: s1.userId }]);
    const reused = await signStep(w.deps, {
      actorId: s1.userId,
      documentId: other.ok ? other.value.documentId : "",
      passphrase: PASS,
      idempotencyKey: "s1-a",
    });
    expect(codes(reused)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
    expect(
      codes(
        await signStep(w.deps, { actorId: s1.userId, documentId, passphrase: PASS, idempotencyKey: "s1-b" }),
      ),
    ).toEqual(["WORKFLOW_NOT_YOUR_STEP"]);

    const done = await signStep(w.deps, {
      actorId: s2.userId,
      documentId,
      passphrase: PASS,
      idempotencyKey: "s2-a",
    });
    expect(done).toMatchObject({ ok: true, value: { revision: 4, status: "completed" } });
    const final = await downloadRevision(w.deps, { actorId: s2.userId, documentId });
    const finalText = final.ok ? text(final.value.bytes) : "";
    expect(finalText.indexOf(`SIGNED-BY ${s1.nik}`)).toBeGreaterThan(finalText.indexOf("TEKEN-FOOTER"));
    expect(finalText.indexOf(`SIGNED-BY ${s2.nik}`)).toBeGreaterThan(
      finalText.indexOf(`SIGNED-BY ${s1.nik}`),
    );
    const original = await downloadRevision(w.deps, { actorId: s1.userId, documentId, number: 1 });
    expect(original.ok && text(original.value.bytes)).toBe(text(pdf("alur")));

    const ds = await listSignedDocuments(w.deps, { actorId: s1.userId });
    expect(ds.ok && ds.value.map((x) => x.id)).toContain(documentId);
    const revs = await ctx.database.db.select().from(revisions).where(eq(revisions.documentId, documentId));
    expect(revs.map((r) => r.reason).sort()).toEqual(["original", "prepared", "signed", "signed"]);
    const mails = await ctx.database.db.select().from(outbox).where(eq(outbox.kind, "document_waiting"));
    expect(mails.filter((m) => m.subject.includes("Perihal alur")).map((m) => m.recipient)).toEqual(
      expect.arrayContaining([`verif.${w.unitCode.toLowerCase()}@kemenag.go.id`, s1.email, s2.email]),
    );
    const signedMail = await ctx.database.db.select().from(outbox).where(eq(outbox.kind, "document_signed"));
    expect(signedMail.some((m) => m.recipient === s1.email && m.body.includes(shortCode))).toBe(true);

    const pub = await lookupByToken(w.deps, { token: shortCode.toLowerCase().replace("-", "") });
    expect(pub.ok && pub.value).toMatchObject({
      status: "completed",
      jenis: "Surat Keputusan",
      currentRevision: { number: 4 },
    });
    const json = JSON.stringify(pub);
    for (const secret of [s1.nik, s1.email, s1.userId, documentId, token]) expect(json).not.toContain(secret);
    expect(pub.ok && pub.value.steps.map((s) => s.name)).toEqual([
      "Verifikator Satu",
      "Kepala Seksi",
      "Kepala Kantor",
    ]);
    const bytes = await downloadPublicDocument(w.deps, { token });
    expect(bytes.ok && text(bytes.value)).toBe(finalText);
    expect(codes(await lookupByToken(w.deps, { token: "AAAAAAAAAAAAAAAAAAAAAA" }))).toEqual(["NOT_FOUND"]);
  });

  it("enforces who may upload, certificate status and TOTP", async () => {
    expect(
      codes(
        await createDocument(w.deps, {
          actorId: s1.userId,
          pdf: pdf("x"),
          jenis: "Nota",
          perihal: "x",
          paperSize: "A4",
          steps: [{ kind: "sign", userId: s2.userId }],
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
    const own = await createDocument(w.deps, {
      actorId: s1.userId,
      pdf: pdf("own"),
      jenis: "Nota",
      perihal: "own",
      paperSize: "A4",
      steps: [{ kind: "sign", userId: s1.userId }],
    });
    expect(own.ok).toBe(true);
    const other = await makeWorld(ctx.database);
    const foreign = await signerReady(other, "Pejabat Satker Lain");
    const routed = await createDocument(w.deps, {
      actorId: w.adminId,
      pdf: pdf("foreign"),
      jenis: "Nota",
      perihal: "to another unit",
      paperSize: "A4",
      steps: [{ kind: "sign", userId: foreign.userId }],
    });
    expect(routed).toMatchObject({
      ok: false,
      issues: [{ code: "FORBIDDEN", path: ["steps", 0, "userId"] }],
    });
    expect(codes(await upload("bad", [{ kind: "paraf", userId: verifikator }]))).toEqual([
      "WORKFLOW_LAST_STEP_NOT_SIGN",
    ]);
    expect(
      codes(
        await createDocument(w.deps, {
          actorId: w.adminId,
          pdf: new Uint8Array([1, 2]),
          jenis: "a",
          perihal: "b",
          paperSize: "A4",
          steps: [{ kind: "sign", userId: s1.userId }],
        }),
      ),
    ).toEqual(["UPLOAD_TYPE_UNKNOWN"]);
    const expired = await signerReady(w, "Pejabat Kedaluwarsa");
    w.ca.set(expired.nik, { status: "EXPIRED" });
    const { syncCertificate } = await import("../../src/usecases/certificates");
    await syncCertificate(w.deps, { userId: expired.userId });
    const doc = await upload("cert", [{ kind: "sign", userId: expired.userId }]);
    const documentId = doc.ok ? doc.value.documentId : "";
    expect(
      codes(
        await signStep(w.deps, {
          actorId: expired.userId,
          documentId,
          passphrase: PASS,
          idempotencyKey: "e1",
        }),
      ),
    ).toEqual(["CERTIFICATE_NOT_ISSUED"]);
    const totpUser = await createAccount(w.deps, {
      actorId: null,
      role: "pegawai",
      unitCode: w.unitCode,
      name: "Pakai TOTP",
      email: `totp.${w.unitCode.toLowerCase()}@kemenag.go.id`,
      password: "Nasi-Uduk-Betawi-Enak-9",
      nik: "3201010101800999",
      nip: "198001012005011999",
      totpEnabled: true,
    });
    const tu = totpUser.ok ? totpUser.value.id : "";
    w.ca.set("3201010101800999", { status: "ISSUE" });
    await syncCertificate(w.deps, { userId: tu });
    const tdoc = await upload("totp", [{ kind: "sign", userId: tu }]);
    const tid = tdoc.ok ? tdoc.value.documentId : "";
    expect(
      codes(await signStep(w.deps, { actorId: tu, documentId: tid, passphrase: PASS, idempotencyKey: "t1" })),
    ).toEqual(["TOTP_REQUIRED"]);
    expect(
      (
        await signStep(w.deps, {
          actorId: tu,
          documentId: tid,
          passphrase: PASS,
          totp: "123456",
          idempotencyKey: "t1",
        })
      ).ok,
    ).toBe(true);
  });

  it("returns with a note, cancels, and keeps cancelled documents out of inboxes", async () => {
    const a = await upload("kembali");
    const documentId = a.ok ? a.value.documentId : "";
    expect(codes(await returnDocument(w.deps, { actorId: s1.userId, documentId, note: "x" }))).toEqual([
      "WORKFLOW_NOT_YOUR_STEP",
    ]);
    expect(codes(await returnDocument(w.deps, { actorId: verifikator, documentId, note: " " }))).toEqual([
      "STATE_NOTE_REQUIRED",
    ]);
    expect(
      await returnDocument(w.deps, { actorId: verifikator, documentId, note: "Nomor surat salah" }),
    ).toEqual({ ok: true, value: { status: "returned" } });
    const back = await ctx.database.db.select().from(outbox).where(eq(outbox.kind, "document_returned"));
    expect(back.some((m) => m.body.includes("Nomor surat salah"))).toBe(true);
    const inboxV = async () => {
      const r = await listInbox(w.deps, { actorId: verifikator });
      return r.ok ? r.value.map((i) => i.documentId) : [];
    };
    expect(await inboxV()).not.toContain(documentId);
    expect(
      codes(await reviseDocument(w.deps, { actorId: s1.userId, documentId, pdf: pdf("kembali-2") })),
    ).toEqual(["FORBIDDEN"]);
    const revised = await reviseDocument(w.deps, { actorId: w.adminId, documentId, pdf: pdf("kembali-2") });
    expect(revised).toEqual({ ok: true, value: { status: "in_progress", revision: 4 } });
    expect(await inboxV()).toContain(documentId);
    const current = await downloadRevision(w.deps, { actorId: w.adminId, documentId });
    expect(current.ok && text(current.value.bytes)).toContain("% kembali-2");
    expect(current.ok && text(current.value.bytes)).toContain("TEKEN-FOOTER");
    const b = await upload("batal");
    const cancelId = b.ok ? b.value.documentId : "";
    expect(codes(await cancelDocument(w.deps, { actorId: s2.userId, documentId: cancelId }))).toEqual([
      "FORBIDDEN",
    ]);
    expect(
      await cancelDocument(w.deps, { actorId: w.adminId, documentId: cancelId, reason: "Salah kirim" }),
    ).toEqual({ ok: true, value: { status: "cancelled" } });
    const inbox = await listInbox(w.deps, { actorId: verifikator });
    expect(inbox.ok && inbox.value.map((i) => i.documentId)).not.toContain(cancelId);
    expect(codes(await parafStep(w.deps, { actorId: verifikator, documentId: cancelId }))).toEqual([
      "STATE_EVENT_NOT_ALLOWED",
    ]);
    expect(codes(await cancelDocument(w.deps, { actorId: w.adminId, documentId: cancelId }))).toEqual([
      "STATE_EVENT_NOT_ALLOWED",
    ]);
  });

  it("reconciles a request whose answer was lost: completes it exactly once; abandons one never signed", async () => {
    const lost = new FakeSigner();
    lost.afterSign = async () => {
      throw new Error("connection reset after BSrE signed");
    };
    const deps = { ...w.deps, signer: lost };
    const doc = await upload("hilang", [{ kind: "sign", userId: s1.userId }]);
    const documentId = doc.ok ? doc.value.documentId : "";
    expect(
      codes(
        await signStep(deps, { actorId: s1.userId, documentId, passphrase: PASS, idempotencyKey: "lost-1" }),
      ),
    ).toEqual(["SIGNING_FAILED"]);
    expect(
      codes(
        await signStep(deps, { actorId: s1.userId, documentId, passphrase: PASS, idempotencyKey: "lost-2" }),
      ),
    ).toEqual(["SIGNING_IN_PROGRESS"]);
    expect(
      codes(
        await signStep(deps, { actorId: s1.userId, documentId, passphrase: PASS, idempotencyKey: "lost-1" }),
      ),
    ).toEqual(["SIGNING_IN_PROGRESS"]);
    expect(await reconcileSigningRequests(deps, { olderThanMs: 0 })).toMatchObject({ completed: 1 });
    expect(await reconcileSigningRequests(deps, { olderThanMs: 0 })).toEqual({ completed: 0, abandoned: 0 });
    expect(lost.calls).toBe(1);
    const replay = await signStep(deps, {
      actorId: s1.userId,
      documentId,
      passphrase: PASS,
      idempotencyKey: "lost-1",
    });
    expect(replay).toMatchObject({ ok: true, value: { revision: 3, status: "completed" } });
    const revs = await ctx.database.db.select().from(revisions).where(eq(revisions.documentId, documentId));
    expect(revs.filter((r) => r.reason === "signed")).toHaveLength(1);

    const never = new FakeSigner();
    never.sign = async () => {
      never.calls++;
      throw new Error("timeout before reaching BSrE");
    };
    const doc2 = await upload("tak-sampai", [{ kind: "sign", userId: s1.userId }]);
    const id2 = doc2.ok ? doc2.value.documentId : "";
    expect(
      codes(
        await signStep(
          { ...w.deps, signer: never },
          { actorId: s1.userId, documentId: id2, passphrase: PASS, idempotencyKey: "n1" },
        ),
      ),
    ).toEqual(["SIGNING_FAILED"]);
    expect(await reconcileSigningRequests({ ...w.deps, signer: never }, { olderThanMs: 0 })).toEqual({
      completed: 0,
      abandoned: 1,
    });
    expect(
      (
        await signStep(w.deps, {
          actorId: s1.userId,
          documentId: id2,
          passphrase: PASS,
          idempotencyKey: "n1",
        })
      ).ok,
    ).toBe(true);
    const states = await ctx.database.db
      .select({ s: signingRequests.status })
      .from(signingRequests)
      .where(eq(signingRequests.documentId, id2));
    expect(states.map((s) => s.s).sort()).toEqual(["abandoned", "stored"]);
  });

  it("keeps the service's reference of a result: after a crash a fresh signer retrieves it by that reference", async () => {
    const bsre = new FakeSigner();
    const seen: SignRequest[] = [];
    bsre.afterSign = async (request) => {
      seen.push(request);
      await request.remember?.(`id-dokumen-${request.requestId}`);
      throw new Error("process died after BSrE answered");
    };
    const doc = await upload("rujukan", [{ kind: "sign", userId: s1.userId }]);
    const documentId = doc.ok ? doc.value.documentId : "";
    const token = doc.ok ? doc.value.token : "";
    expect(
      codes(
        await signStep(
          { ...w.deps, signer: bsre },
          { actorId: s1.userId, documentId, passphrase: PASS, idempotencyKey: "ref-1" },
        ),
      ),
    ).toEqual(["SIGNING_FAILED"]);
    // What the service was told: who signs, where the QR points, the anchor.
    expect(seen[0]).toMatchObject({
      nik: s1.nik,
      anchor: "^",
      verifyUrl: `${w.deps.verifyBaseUrl ?? "https://tte.example.go.id/verifikasi/"}${token}`,
    });
    expect(seen[0]?.signerName).toEqual(expect.any(String));
    const [row] = await ctx.database.db
      .select()
      .from(signingRequests)
      .where(eq(signingRequests.documentId, documentId));
    expect(row?.serviceReference).toBe(`id-dokumen-${row?.id}`);
    // The restarted process has a signer that remembers nothing but answers by reference.
    const asked: [string, string | undefined][] = [];
    const fresh = new FakeSigner();
    fresh.retrieve = async (requestId, reference) => {
      asked.push([requestId, reference]);
      return reference === `id-dokumen-${requestId}` ? bsre.results.get(requestId) : undefined;
    };
    expect(await reconcileSigningRequests({ ...w.deps, signer: fresh }, { olderThanMs: 0 })).toEqual({
      completed: 1,
      abandoned: 0,
    });
    expect(asked).toEqual([[row?.id, `id-dokumen-${row?.id}`]]);
    const revs = await ctx.database.db.select().from(revisions).where(eq(revisions.documentId, documentId));
    expect(revs.filter((r) => r.reason === "signed")).toHaveLength(1);
  });

  it("records the validity of the certificate that signed", async () => {
    const notBefore = new Date("2026-01-02T03:04:05Z");
    const notAfter = new Date("2028-01-02T03:04:05Z");
    const bsre = new FakeSigner();
    const plain = bsre.sign.bind(bsre);
    bsre.sign = async (request) => {
      const out = await plain(request);
      return out.ok ? { ...out, certificate: { notBefore, notAfter } } : out;
    };
    const doc = await upload("masa-berlaku", [{ kind: "sign", userId: s2.userId }]);
    const documentId = doc.ok ? doc.value.documentId : "";
    const signed = await signStep(
      { ...w.deps, signer: bsre },
      { actorId: s2.userId, documentId, passphrase: PASS, idempotencyKey: "validity-1" },
    );
    expect(signed.ok).toBe(true);
    const [cert] = await ctx.database.db
      .select()
      .from(certificates)
      .where(eq(certificates.userId, s2.userId));
    expect(cert?.notBefore?.toISOString()).toBe(notBefore.toISOString());
    expect(cert?.notAfter?.toISOString()).toBe(notAfter.toISOString());
  });

  it("never stores the passphrase or TOTP anywhere, and the audit chain holds", async () => {
    const tables = [
      "users",
      "documents",
      "document_steps",
      "revisions",
      "signing_requests",
      "idempotency_keys",
      "outbox",
      "audit_log",
      "registration_history",
      "certificates",
    ];
    for (const t of tables) {
      const rows = rowsOf<{ t: string }>(
        await ctx.database.db.execute(sql.raw(`SELECT (x.*)::text AS t FROM ${t} x`)),
      );
      const all = rows.map((r) => r.t).join("\n");
      expect(all).not.toContain(PASS);
      expect(all).not.toContain("123456");
    }
    expect((await verifyAuditChain(ctx.database.db)).ok).toBe(true);
  });
}
