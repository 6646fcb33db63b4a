import type { ChangePolicy } from "./analyse-changes";
import { bytesEqual } from "./bytes";
import { type DecryptionOutcome, decryptScan, encryptEntry } from "./decrypt";
import { parseCert } from "./certificates";
import { parseCerts } from "./check-certificate";
import type { VerifyContext } from "./context";
import { readDss } from "./dss";
import { type FoundSignature, findSignatures } from "./find-signatures";
import { issuerLookup } from "./issuer-source";
import { docMdpLevel, fieldLock } from "./mdp";
import { DEFAULT_POLICY, type VerifyOptions } from "./options";
import { type ScannedPdf, scanPdf } from "./pdf-scan/document";
import { asName, dictGet } from "./pdf-scan/objects";
import { REPORT_VERSION, type SignatureReport, type VerificationReport, worstIndication } from "./report";
import { parseRevocation } from "./revocation";
import { type DocTimestampProof, type SignatureInputs, verifySignature } from "./verify-signature";

const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

function emptyReport(
  now: Date,
  size: number,
  code: "NOT_A_PDF" | "UNREADABLE_XREF" | "TOO_LARGE",
  detail: string,
): VerificationReport {
  return {
    version: REPORT_VERSION,
    validationTime: now.toISOString(),
    document: {
      readable: false,
      error: { code, detail },
      fileSize: size,
      revisions: 0,
      signatureCount: 0,
      documentTimestampCount: 0,
    },
    verdict: "UNREADABLE",
    signatures: [],
  };
}

function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  return head.includes("%PDF-");
}

function revisionOf(pdf: ScannedPdf, s: FoundSignature): number {
  const br = dictGet(s.dict, "ByteRange");
  const items = br !== null && typeof br === "object" && br?.kind === "array" ? br.items : [];
  const end = (Number(items[2]) || 0) + (Number(items[3]) || 0);
  const r = pdf.revisions.findIndex((x) => x.eofEnd === end || x.eofEndWithEol === end);
  return r < 0 ? pdf.revisions.length : r;
}

function firstDssRevision(pdf: ScannedPdf): number | null {
  for (let r = 0; r < pdf.revisions.length; r++)
    if (dictGet(pdf.view(r).catalog(), "DSS") !== undefined) return r;
  return null;
}

/**
 * Finds the first revision whose DSS holds a given CRL/OCSP DER (read lazily, once): a later
 * document time-stamp over that revision proves the data existed at its time.
 */
function dssRevisionIndex(pdf: ScannedPdf): (der: Uint8Array) => number | null {
  let index: Map<string, { der: Uint8Array; revision: number }[]> | null = null;
  const key = (der: Uint8Array) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < der.length; i++) h = Math.imul(h ^ der[i]!, 0x01000193);
    return `${der.length}:${h >>> 0}`;
  };
  return (der) => {
    if (index === null) {
      index = new Map();
      const first = firstDssRevision(pdf);
      for (let r = first ?? pdf.revisions.length; r < pdf.revisions.length; r++) {
        let dss: ReturnType<typeof readDss>;
        try {
          dss = readDss(pdf.view(r));
        } catch {
          continue;
        }
        for (const d of [...dss.crls, ...dss.ocsps]) {
          const list = index.get(key(d)) ?? [];
          if (!list.some((x) => bytesEqual(x.der, d))) list.push({ der: d, revision: r });
          index.set(key(d), list);
        }
      }
    }
    return index.get(key(der))?.find((x) => bytesEqual(x.der, der))?.revision ?? null;
  };
}

async function buildContext(pdf: ScannedPdf, options: VerifyOptions, now: Date): Promise<VerifyContext> {
  const last = pdf.view(pdf.revisions.length - 1);
  const dss = readDss(last);
  return {
    pdf,
    crypto: options.crypto ?? globalThis.crypto,
    digester: options.digester,
    policy: { ...DEFAULT_POLICY, ...options.policy },
    now,
    anchors: (options.trustAnchors ?? []).map(parseCert).filter((c) => c !== null),
    dssCerts: parseCerts(dss.certs),
    dssRevocation: parseRevocation(dss.crls, dss.ocsps, "dss"),
    dssRevisionOf: dssRevisionIndex(pdf),
    requireRevocation: options.requireRevocation ?? true,
    revocationSource: options.revocationSource,
    fetchIssuers: issuerLookup(options.issuerSource, options.maxIssuerDownloads ?? 8),
    dssRevision: firstDssRevision(pdf),
    notDecrypted: null,
  };
}

/** The value of `read()`, or `fallback` when the damaged document makes it throw. */
function orElse<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

async function verifyAll(ctx: VerifyContext, all: readonly FoundSignature[]): Promise<SignatureReport[]> {
  const pdf = ctx.pdf;
  const last = pdf.view(pdf.revisions.length - 1);
  const ordered = [...all].sort((a, b) => revisionOf(pdf, a) - revisionOf(pdf, b));
  const isDocTs = (s: FoundSignature) =>
    s.type === "DocTimeStamp" || asName(dictGet(s.dict, "SubFilter")) === "ETSI.RFC3161";
  // The certification signature (at most one, the first) sets the change policy for everything after it.
  // A certification entry that cannot be read (a damaged object under /Reference or /Perms)
  // counts as the strictest level, P=1, and an unreadable FieldMDP lock as locking every field:
  // what cannot be read cannot permit a change (found by `pnpm fuzz 20000 4`).
  const certified = ordered.map((s) => ({
    s,
    p: isDocTs(s) ? null : orElse(() => docMdpLevel(last, s.dict, s.sigObject), 1 as const),
  }));
  const first = certified.find((c) => !isDocTs(c.s));
  const cert = first !== undefined && first.p !== null ? first : undefined;
  const certRevision = cert === undefined ? null : revisionOf(pdf, cert.s);
  const policyFor = (s: FoundSignature): ChangePolicy =>
    cert !== undefined && certRevision !== null && revisionOf(pdf, s) >= certRevision
      ? (`docmdp-${cert.p}` as ChangePolicy)
      : "approval";
  const reports = new Map<FoundSignature, SignatureReport>();
  const proofs: DocTimestampProof[] = [];
  // Latest first: each document time-stamp's TSA is judged at the POE the later ones prove.
  for (const s of ordered.filter(isDocTs).reverse()) {
    const r = await safely(ctx, s, {
      found: s,
      policy: policyFor(s),
      lock: () => false,
      docTimestamps: [...proofs],
      certification: null,
    });
    reports.set(s, r);
    if (r.indication === "TOTAL_PASSED" && r.provenTime !== null && r.coverage.revision !== null)
      proofs.push({ revision: r.coverage.revision, time: new Date(r.provenTime) });
  }
  for (const { s, p } of certified) {
    if (isDocTs(s)) continue;
    reports.set(
      s,
      await safely(ctx, s, {
        found: s,
        policy: policyFor(s),
        lock: orElse(
          () => fieldLock(last, s.dict, s.lock),
          () => true,
        ),
        docTimestamps: proofs,
        certification: p,
        lateCertification: p !== null && s !== first?.s,
      }),
    );
  }
  return ordered.map((s) => reports.get(s)!);
}

/**
 * Runs one signature's checks; a damaged structure that makes a check throw becomes
 * TOTAL_FAILED/FORMAT_FAILURE with STRUCTURE_DAMAGED instead of an exception.
 */
async function safely(
  ctx: VerifyContext,
  s: FoundSignature,
  inputs: SignatureInputs,
): Promise<SignatureReport> {
  try {
    return await verifySignature(ctx, inputs);
  } catch (error) {
    const br = dictGet(s.dict, "ByteRange");
    return {
      kind: s.type === "DocTimeStamp" ? "document-timestamp" : "signature",
      fieldName: s.fieldName,
      indication: "TOTAL_FAILED",
      subIndication: "FORMAT_FAILURE",
      reasons: [{ code: "STRUCTURE_DAMAGED", detail: (error as Error)?.message ?? String(error) }],
      warnings: [],
      subFilter: asName(dictGet(s.dict, "SubFilter")) ?? null,
      level: "NOT_ETSI",
      ltv: { ready: false, missing: ["readable structure"] },
      certification: null,
      signer: null,
      claimedTime: null,
      provenTime: null,
      timestamps: [],
      digestAlgorithm: null,
      signatureAlgorithm: null,
      reason: null,
      location: null,
      coverage: {
        byteRange:
          br !== null && typeof br === "object" && br?.kind === "array"
            ? br.items.map((x) => (typeof x === "number" ? x : -1))
            : null,
        revision: null,
        coversWholeFile: false,
        fileSize: ctx.pdf.bytes.length,
      },
      changes: [],
    };
  }
}

/**
 * Verifies every signature and document time-stamp of a PDF (ETSI EN 319 102-1 basic and
 * long-term validation, PAdES per EN 319 142-1) and reports; never throws for bad input.
 *
 * @example
 * const report = await verify(bytes, { trustAnchors: [rootDer] });
 * if (report.verdict === "TOTAL_PASSED") console.log("every signature is valid");
 */
export async function verify(pdf: Uint8Array, options: VerifyOptions = {}): Promise<VerificationReport> {
  const now = options.now ?? new Date();
  if (pdf.length > (options.maxBytes ?? DEFAULT_MAX_BYTES))
    return emptyReport(now, pdf.length, "TOO_LARGE", `${pdf.length} bytes`);
  if (!looksLikePdf(pdf))
    return emptyReport(now, pdf.length, "NOT_A_PDF", "no %PDF- header in the first 1024 bytes");
  let scanned: ScannedPdf;
  let found: { fields: FoundSignature[]; orphans: FoundSignature[] };
  let encryption: DecryptionOutcome | null = null;
  try {
    scanned = scanPdf(pdf);
    if (encryptEntry(scanned) !== undefined)
      encryption = await decryptScan(scanned, options.password, options.crypto ?? globalThis.crypto);
    found = findSignatures(scanned);
  } catch (error) {
    return emptyReport(now, pdf.length, "UNREADABLE_XREF", (error as Error)?.message ?? String(error));
  }
  let ctx: VerifyContext;
  try {
    ctx = await buildContext(scanned, options, now);
    if (encryption !== null && !encryption.decrypted)
      ctx = { ...ctx, notDecrypted: encryption.problem ?? "not decrypted" };
  } catch (error) {
    return emptyReport(now, pdf.length, "UNREADABLE_XREF", (error as Error)?.message ?? String(error));
  }
  const signatures = await verifyAll(ctx, [...found.fields, ...found.orphans]);
  const docTs = signatures.filter((s) => s.kind === "document-timestamp").length;
  return {
    version: REPORT_VERSION,
    validationTime: now.toISOString(),
    document: {
      readable: true,
      error: null,
      fileSize: pdf.length,
      revisions: scanned.revisions.length,
      signatureCount: signatures.length - docTs,
      documentTimestampCount: docTs,
      encryption,
    },
    verdict: signatures.length === 0 ? "NO_SIGNATURE" : worstIndication(signatures.map((s) => s.indication)),
    signatures,
  };
}
