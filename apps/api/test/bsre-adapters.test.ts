import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileStore } from "@teken/bsre-simulator";
import { type PdfArray, type PdfNumber, findAnchors, openPdf, verify } from "@teken/pades";
import {
  type RegistryDeps,
  type SigningService,
  createAccount,
  createDatabase,
  createDatabaseBlobStore,
  createDocument,
  createUnit,
  downloadRevision,
  enrolCertificate,
  reconcileSigningRequests,
  signStep,
  syncCertificate,
  tables,
} from "@teken/registry";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAMP_SIZE, bsreSigningService } from "../src/adapters/bsre-ports";
import {
  type InProcessBsre,
  certificateValidity,
  createInProcessBsre,
} from "../src/adapters/in-process-bsre";
import { createMemoryDirectory } from "../src/adapters/memory-directory";
import { composeDeps } from "../src/compose";
import { POSTGRES_URL, identity, letter } from "./support/world";

const PASSPHRASE = "Sejuk-Pagi-di-Ambon-7";

function ok<T>(r: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T {
  if (!r.ok) throw new Error(`setup failed: ${JSON.stringify(r.issues)}`);
  return r.value;
}

/** The registry over one database and one simulator state folder, re-openable as after a crash. */
class Node {
  dir = mkdtempSync(join(tmpdir(), "teken-api-adapters-"));
  schema = `api_${randomBytes(6).toString("hex")}`;
  database!: Awaited<ReturnType<typeof createDatabase>>;
  bsre!: InProcessBsre;
  registry!: RegistryDeps;

  constructor(readonly engine: "pglite" | "postgres") {}

  /** Opens (or re-opens) the database and the simulator from their stored state. */
  async start(signer?: (inner: SigningService) => SigningService): Promise<void> {
    this.database =
      this.engine === "pglite"
        ? await createDatabase({ dataDir: join(this.dir, "db") })
        : await createDatabase({ url: POSTGRES_URL, schema: this.schema });
    this.bsre = await createInProcessBsre({ kdfIterations: 1000, store: fileStore(join(this.dir, "bsre")) });
    const deps = composeDeps({
      db: this.database.db,
      blobs: createDatabaseBlobStore(this.database.db),
      directory: createMemoryDirectory(),
      bsre: this.bsre.client,
      simulator: this.bsre,
      trustAnchors: this.bsre.trustAnchors,
      publicUrl: "https://tte.example.go.id",
    });
    this.registry = signer
      ? { ...deps.registry, signer: signer(bsreSigningService(this.bsre.client)) }
      : deps.registry;
  }

  async stop(): Promise<void> {
    await this.database.close();
  }

  async destroy(): Promise<void> {
    if (this.engine === "postgres") {
      const admin = await createDatabase({ url: POSTGRES_URL, schema: this.schema, migrate: false });
      await admin.db.execute(sql.raw(`drop schema if exists ${this.schema} cascade`));
      await admin.close();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

for (const engine of ["pglite", "postgres"] as const) {
  describe(`BSrE adapters over the in-process simulator (${engine})`, () => {
    const node = new Node(engine);
    let adminId = "";
    let signer = { id: "", nik: "", nip: "" };

    beforeAll(async () => {
      await node.start();
      const r = node.registry;
      ok(await createUnit(r, { code: "U1", name: "Kanwil Satu" }));
      adminId = ok(
        await createAccount(r, {
          actorId: null,
          role: "admin_satker",
          unitCode: "U1",
          name: "Admin Satu",
          email: "admin.satu@kemenag.go.id",
          password: "Rahasia-Kuat-Sekali-2026!",
        }),
      ).id;
      const who = identity();
      const email = "pejabat.satu@kemenag.go.id";
      const id = ok(
        await createAccount(r, {
          actorId: null,
          role: "pegawai",
          unitCode: "U1",
          name: "Pejabat Satu",
          email,
          password: "Rahasia-Kuat-Sekali-2026!",
          ...who,
        }),
      ).id;
      signer = { id, ...who };
      ok(await enrolCertificate(r, { userId: id }));
      await node.bsre.issue({ nik: who.nik, email, passphrase: PASSPHRASE });
      expect(ok(await syncCertificate(r, { userId: id })).status).toBe("ISSUE");
    }, 120_000);

    afterAll(async () => {
      await node.stop();
      await node.destroy();
    });

    const upload = async (anchor: string) =>
      ok(
        await createDocument(node.registry, {
          actorId: adminId,
          pdf: letter(),
          jenis: "Surat Undangan",
          perihal: `Uji ${anchor}`,
          paperSize: "A4",
          anchor,
          steps: [{ kind: "sign", userId: signer.id }],
        }),
      );

    /** Signs the document's step, downloads the signed revision and reads its signature widget's /Rect. */
    const signAndReadWidget = async (documentId: string, key: string) => {
      const signed = ok(
        await signStep(node.registry, {
          actorId: signer.id,
          documentId,
          passphrase: PASSPHRASE,
          idempotencyKey: `${key}-${engine}`,
        }),
      );
      const rev = ok(
        await downloadRevision(node.registry, { actorId: signer.id, documentId, number: signed.revision }),
      );
      const pdf = await openPdf(rev.bytes);
      const [field] = pdf.fields().filter((f) => f.type === "Sig");
      const rect = (pdf.resolve(field?.widgets[0]?.dict.get("Rect")) as PdfArray).items.map(
        (n) => (n as PdfNumber).value,
      );
      return { rev, rect, pdf, field };
    };

    it("records the issued certificate's validity, read from the certificate", async () => {
      const [row] = await node.database.db
        .select()
        .from(tables.certificates)
        .where(eq(tables.certificates.userId, signer.id));
      const der = node.bsre.simulator.state.users.find((u) => u.nik === signer.nik)?.certificate;
      const expected = certificateValidity(new Uint8Array(Buffer.from(der ?? "", "base64")));
      expect(row?.notBefore?.toISOString()).toBe(expected.notBefore.toISOString());
      expect(row?.notAfter?.toISOString()).toBe(expected.notAfter.toISOString());
      // The simulator issues for 730 days.
      const days = ((row?.notAfter?.getTime() ?? 0) - (row?.notBefore?.getTime() ?? 0)) / 86_400_000;
      expect(Math.round(days)).toBe(730);
    });

    it("stamps the signature visibly at the anchor: QR + name/NIP widget over the ^", async () => {
      const doc = await upload("^");
      const { rev, rect, pdf, field } = await signAndReadWidget(doc.documentId, "stamp");
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = rect;
      expect([x2 - x1, y2 - y1].map(Math.round)).toEqual([STAMP_SIZE.width, STAMP_SIZE.height]);
      const anchor = findAnchors(pdf, "^")[0]?.box;
      const cx = ((anchor?.x0 ?? 0) + (anchor?.x1 ?? 0)) / 2;
      const cy = ((anchor?.y0 ?? 0) + (anchor?.y1 ?? 0)) / 2;
      expect(cx).toBeGreaterThan(x1);
      expect(cx).toBeLessThan(x2);
      expect(cy).toBeGreaterThan(y1);
      expect(cy).toBeLessThan(y2);
      expect(field?.widgets[0]?.dict.get("AP")).toBeDefined();
      const report = await verify(rev.bytes, { trustAnchors: node.bsre.trustAnchors });
      expect(report.verdict).toBe("TOTAL_PASSED");
      // The signature also recorded the certificate's validity.
      const [cert] = await node.database.db
        .select()
        .from(tables.certificates)
        .where(eq(tables.certificates.userId, signer.id));
      expect(cert?.notAfter).toBeInstanceOf(Date);
    }, 60_000);

    it("reads the signing certificate's validity from the signed PDF (for a BSrE without dates)", async () => {
      const service = bsreSigningService(node.bsre.client, { validityFromSignature: true });
      const outcome = await service.sign({
        requestId: `validity-${engine}`,
        nik: signer.nik,
        email: "pejabat.satu@kemenag.go.id",
        passphrase: PASSPHRASE,
        pdf: letter(),
        anchor: "^",
        reason: "Uji",
        signerName: "Pejabat Satu",
        verifyUrl: "https://tte.example.go.id/v/abc",
      });
      expect(outcome.ok).toBe(true);
      const expected = await node.bsre.validityOf(signer.nik);
      expect(outcome.ok && outcome.certificate).toEqual(expected);
    }, 60_000);

    it("signs invisibly when the anchor is not in the letter", async () => {
      const doc = await upload("@@");
      const { rect } = await signAndReadWidget(doc.documentId, "invisible");
      expect(rect).toEqual([0, 0, 0, 0]);
    }, 60_000);

    it("finishes a signature after a crash: BSrE's id_dokumen was stored, the restarted process downloads it", async () => {
      const doc = await upload("^");
      await node.stop();
      // The process dies after BSrE answered (and the id was handed over), before the PDF was stored.
      await node.start((inner) => ({
        ...inner,
        async sign(request) {
          await inner.sign(request);
          throw new Error("process killed");
        },
      }));
      const crashed = await signStep(node.registry, {
        actorId: signer.id,
        documentId: doc.documentId,
        passphrase: PASSPHRASE,
        idempotencyKey: `crash-${engine}`,
      });
      expect(crashed).toMatchObject({ ok: false, issues: [{ code: "SIGNING_FAILED" }] });
      const [pending] = await node.database.db
        .select()
        .from(tables.signingRequests)
        .where(eq(tables.signingRequests.documentId, doc.documentId));
      expect(pending?.status).toBe("pending");
      expect(pending?.serviceReference).toMatch(/^[0-9a-f-]{36}$/);
      await node.stop();
      // Restart: new database connection, simulator re-read from its folder, a signer with no memory.
      await node.start();
      expect(await reconcileSigningRequests(node.registry, { olderThanMs: 0 })).toEqual({
        completed: 1,
        abandoned: 0,
      });
      const rev = ok(
        await downloadRevision(node.registry, { actorId: signer.id, documentId: doc.documentId }),
      );
      expect(rev.number).toBe(3);
      const report = await verify(rev.bytes, { trustAnchors: node.bsre.trustAnchors });
      expect(report.verdict).toBe("TOTAL_PASSED");
      // BSrE's download is one-shot: a second reconciliation finds nothing left to do.
      expect(await reconcileSigningRequests(node.registry, { olderThanMs: 0 })).toEqual({
        completed: 0,
        abandoned: 0,
      });
    }, 120_000);
  });
}
