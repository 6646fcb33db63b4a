import type * as pkijs from "pkijs";
import { analyseChanges, type ChangePolicy, type FieldLock } from "./analyse-changes";
import { certEmail, dnString, nameAttr, summarize } from "./certificates";
import { checkByteRange } from "./check-byte-range";
import { checkCertificate, type CertificateOutcome } from "./check-certificate";
import { algorithmAtPoe, checkSignerInfo, type SignerInfoResult } from "./check-signer-info";
import { checkTimestampToken } from "./check-timestamp";
import { cmsRevocation } from "./cms-revocation";
import type { VerifyContext } from "./context";
import type { FoundSignature } from "./find-signatures";
import { type Failure, judge } from "./judge";
import { OID, SIGNATURE_ALGS } from "./oids";
import { asName, decodeTextString, dictGet } from "./pdf-scan/objects";
import { parsePdfDate } from "./pdf-date";
import type {
  ChangeEntry,
  Finding,
  RevocationCheck,
  SignatureLevel,
  SignatureReport,
  SignerSummary,
  TimestampSummary,
  WarningCode,
} from "./report";

/** A verified document time-stamp as other signatures use it: the revision it covers and its time. */
export interface DocTimestampProof {
  readonly revision: number;
  readonly time: Date;
}

/** The per-signature inputs that come from the whole document. */
export interface SignatureInputs {
  readonly found: FoundSignature;
  readonly policy: ChangePolicy;
  readonly lock: FieldLock;
  readonly docTimestamps: readonly DocTimestampProof[];
  readonly certification: 1 | 2 | 3 | null;
  /** True when this signature carries DocMDP but is not the document's first signature. */
  readonly lateCertification?: boolean;
}

function text(found: FoundSignature, key: string): string | null {
  const v = dictGet(found.dict, key);
  return v !== null && typeof v === "object" && v?.kind === "string" ? decodeTextString(v.bytes) : null;
}

async function signatureTimestamps(
  ctx: VerifyContext,
  signer: SignerInfoResult,
  poe: Date | null,
): Promise<{ summaries: TimestampSummary[]; proven: Date | null; warnings: Finding<WarningCode>[] }> {
  const summaries: TimestampSummary[] = [];
  const warnings: Finding<WarningCode>[] = [];
  let proven: Date | null = null;
  const info = signer.signerInfo;
  if (info === null) return { summaries, proven, warnings };
  const sigValue = info.signature;
  for (const attr of info.unsignedAttrs) {
    if (attr.oid !== OID.signatureTimeStampToken) continue;
    for (const der of attr.values) {
      const ts = await checkTimestampToken(ctx.crypto, ctx.policy, der, [sigValue]);
      const reasons = [...ts.reasons];
      if (ts.signer.signerCert !== null && reasons.length === 0) {
        const tsa = await checkCertificate(
          ctx,
          ts.signer.signerCert,
          ts.signer.certificates,
          cmsRevocation(ts.signer.signedData),
          // The token cannot prove its own time: its TSA is judged now, or at the time a later
          // valid document time-stamp proves the token existed (EN 319 102-1 §5.6.2.2, §5.6.3).
          { proven: poe, claimed: ts.time },
          "timestamp",
        );
        for (const f of tsa.failures) reasons.push({ code: "TIMESTAMP_UNTRUSTED", detail: f.reason.code });
      }
      const valid = reasons.length === 0 && ts.time !== null;
      if (valid && (proven === null || ts.time! < proven)) proven = ts.time;
      if (!valid) warnings.push({ code: "TIMESTAMP_NOT_VERIFIED" });
      summaries.push({
        kind: "signature-timestamp",
        time: ts.time?.toISOString() ?? null,
        tsaName: ts.tsaName,
        valid,
        reasons,
      });
    }
  }
  return { summaries, proven, warnings };
}

function level(
  subFilter: string | null,
  timestamped: boolean,
  lt: boolean,
  lta: boolean,
  cmsOk: boolean,
): SignatureLevel {
  if (!cmsOk) return "NOT_ETSI";
  // EN 319 142-1 §6.3: each level builds on the one below — LT needs T (a signature or document
  // time-stamp proving the signature's time), LTA needs LT.
  const l = !timestamped ? 0 : lta ? 3 : lt ? 2 : 1;
  if (subFilter === "ETSI.CAdES.detached")
    return (["PAdES-BASELINE-B", "PAdES-BASELINE-T", "PAdES-BASELINE-LT", "PAdES-BASELINE-LTA"] as const)[l];
  if (subFilter === "adbe.pkcs7.detached")
    return (["PKCS7-B", "PKCS7-T", "PKCS7-LT", "PKCS7-LTA"] as const)[l];
  return "NOT_ETSI";
}

async function signerSummary(
  ctx: VerifyContext,
  cert: pkijs.Certificate,
  outcome: CertificateOutcome | null,
): Promise<SignerSummary> {
  const me = await summarize(ctx.crypto, cert);
  const chain = await Promise.all((outcome?.path ?? [cert]).map((c) => summarize(ctx.crypto, c)));
  return {
    name: nameAttr(cert.subject, OID.commonName),
    email: certEmail(cert),
    subject: dnString(cert.subject),
    issuer: dnString(cert.issuer),
    serialNumber: me.serialNumber,
    notBefore: me.notBefore,
    notAfter: me.notAfter,
    trusted: outcome?.trusted ?? false,
    revocation: outcome?.revocation ?? "not-checked",
    chain,
    revocationChecks: outcome?.revocationChecks ?? [],
  };
}

function changeFailures(changes: readonly ChangeEntry[], inputs: SignatureInputs): Failure[] {
  const bad = changes.filter((c) => !c.allowed);
  if (bad.length === 0) return [];
  const first = bad[0]!;
  const code =
    first.kind === "trailing-data"
      ? "TRAILING_DATA"
      : first.kind === "form-fill" && first.field !== null && inputs.lock(first.field)
        ? "FIELDMDP_VIOLATION"
        : inputs.policy !== "approval"
          ? "DOCMDP_VIOLATION"
          : "UNPERMITTED_CHANGES";
  return [
    {
      indication: "TOTAL_FAILED",
      sub: "HASH_FAILURE",
      reason: {
        code,
        detail: `${bad.length} change(s); first: ${first.kind} in revision ${first.revision}${first.objectNumber === null ? "" : ` object ${first.objectNumber}`}`,
      },
    },
  ];
}

/**
 * Validates one signature or document time-stamp (EN 319 102-1 §5.3 basic validation plus
 * time-stamp POE, §5.5) and lists the changes made after it; never throws for bad input.
 */
export async function verifySignature(ctx: VerifyContext, inputs: SignatureInputs): Promise<SignatureReport> {
  const { found } = inputs;
  const subFilter = asName(dictGet(found.dict, "SubFilter")) ?? null;
  const isDocTs = found.type === "DocTimeStamp" || subFilter === "ETSI.RFC3161";
  const failures: Failure[] = [];
  const warnings: Finding<WarningCode>[] = [];
  const br = checkByteRange(ctx.pdf, found.dict);
  warnings.push(...br.warnings);
  for (const r of br.reasons) failures.push({ indication: "TOTAL_FAILED", sub: "FORMAT_FAILURE", reason: r });
  // ISO 32000-2 §12.8.2.2.1: a DocMDP signature shall be the first signed field of the document.
  if (inputs.lateCertification === true)
    failures.push({
      indication: "TOTAL_FAILED",
      sub: "FORMAT_FAILURE",
      reason: { code: "CERTIFICATION_NOT_FIRST" },
    });
  const known = ["adbe.pkcs7.detached", "ETSI.CAdES.detached", "ETSI.RFC3161"];
  if (subFilter === null || !known.includes(subFilter))
    failures.push({
      indication: "TOTAL_FAILED",
      sub: "FORMAT_FAILURE",
      reason: { code: "SUBFILTER_UNSUPPORTED", detail: subFilter ?? "none" },
    });
  const claimedIso = (() => {
    const m = text(found, "M");
    return m === null ? null : parsePdfDate(m);
  })();
  let signer: SignerInfoResult | null = null;
  let timestamps: TimestampSummary[] = [];
  let proven: Date | null = null;
  const ranges = br.ranges?.map(([a, b]) => ctx.pdf.bytes.subarray(a, b)) ?? null;
  const revision = br.coverage.revision;
  // The earliest time a later valid document time-stamp proves this revision existed.
  let laterPoe: Date | null = null;
  if (revision !== null)
    for (const d of inputs.docTimestamps)
      if (d.revision >= revision && (laterPoe === null || d.time < laterPoe)) laterPoe = d.time;
  if (failures.length === 0 && br.contents !== null && ranges !== null) {
    if (isDocTs) {
      const ts = await checkTimestampToken(ctx.crypto, ctx.policy, br.contents, ranges, ctx.digester);
      signer = ts.signer;
      if (ts.signer.failure !== null) failures.push(ts.signer.failure);
      else
        for (const r of ts.reasons)
          failures.push({
            indication: "TOTAL_FAILED",
            sub: r.code === "TIMESTAMP_IMPRINT_MISMATCH" ? "HASH_FAILURE" : "FORMAT_FAILURE",
            reason: r,
          });
      proven = ts.time;
      timestamps = [
        {
          kind: "document-timestamp",
          time: ts.time?.toISOString() ?? null,
          tsaName: ts.tsaName,
          valid: failures.length === 0,
          reasons: ts.reasons,
        },
      ];
    } else {
      signer = await checkSignerInfo(br.contents, {
        crypto: ctx.crypto,
        digester: ctx.digester,
        policy: ctx.policy,
        content: ranges,
        requireSignedAttrs: subFilter === "ETSI.CAdES.detached",
        requireSigningCertificate: subFilter === "ETSI.CAdES.detached",
        contentType: OID.data,
      });
      warnings.push(...signer.warnings);
      const sts = await signatureTimestamps(ctx, signer, laterPoe);
      timestamps = sts.summaries;
      warnings.push(...sts.warnings);
      proven = sts.proven;
    }
  }
  if (!isDocTs && laterPoe !== null && (proven === null || laterPoe < proven)) proven = laterPoe;
  // A weak algorithm is judged at the best signature time (EN 319 102-1 §5.6.2.4): a sound
  // signature proven to predate the algorithm's sunset passes with a warning.
  if (!isDocTs && signer !== null) {
    const algo = algorithmAtPoe(signer, proven);
    if (algo.failure !== null) failures.push(algo.failure);
    warnings.push(...algo.warnings);
  }
  let certOutcome: CertificateOutcome | null = null;
  if (
    signer?.signerCert != null &&
    (signer.failure === null || signer.failure.indication === "INDETERMINATE")
  ) {
    certOutcome = await checkCertificate(
      ctx,
      signer.signerCert,
      signer.certificates,
      cmsRevocation(signer.signedData),
      // A document time-stamp's TSA, like a signature time-stamp's, is judged now or at the
      // POE a later document time-stamp gives — never at the time the token claims for itself.
      isDocTs
        ? { proven: laterPoe, claimed: proven, docTimestamps: inputs.docTimestamps }
        : {
            proven,
            claimed: claimedIso === null ? null : new Date(claimedIso),
            docTimestamps: inputs.docTimestamps,
          },
      isDocTs ? "timestamp" : "signature",
    );
    failures.push(...certOutcome.failures);
    warnings.push(...certOutcome.warnings);
  }
  const changes = revision === null ? [] : analyseChanges(ctx.pdf, revision, inputs.policy, inputs.lock);
  if (ctx.pdf.trailingFrom !== null)
    changes.push({
      revision: ctx.pdf.revisions.length,
      objectNumber: null,
      kind: "trailing-data",
      page: null,
      field: null,
      allowed: false,
    });
  failures.push(...changeFailures(changes, inputs));
  // Encrypted and not opened: names, field values and object streams are unreadable, so the
  // change analysis (field locks above all) cannot be trusted: never a pass.
  if (ctx.notDecrypted !== null)
    failures.push({
      indication: "INDETERMINATE",
      sub: "SIGNED_DATA_NOT_FOUND",
      reason: { code: "DOCUMENT_NOT_DECRYPTED", detail: ctx.notDecrypted },
    });
  if (!isDocTs && proven === null) warnings.push({ code: "NO_TIMESTAMP" });
  if (proven !== null && claimedIso !== null && new Date(claimedIso) > proven && !isDocTs)
    warnings.push({ code: "CLAIMED_TIME_AFTER_PROVEN_TIME" });
  const verdict = judge(failures);
  const cmsOk = signer !== null && (signer.failure === null || signer.failure.indication === "INDETERMINATE");
  // LT: good revocation data for every certificate of the path but the anchor, kept in the
  // document — the DSS (or, for adbe.pkcs7.detached, the CMS as Adobe stores it); data fetched
  // online while verifying does not make the file LT.
  const kept = (c: RevocationCheck) =>
    c.status === "good" &&
    (c.source === "dss" || (subFilter === "adbe.pkcs7.detached" && c.source === "cms"));
  const checked = certOutcome?.revocationChecks ?? [];
  const ltData =
    certOutcome?.trusted === true &&
    checked.length > 0 &&
    checked.length >= certOutcome.path.length - 1 &&
    checked.every(kept);
  const ltaTs =
    revision !== null &&
    ctx.dssRevision !== null &&
    inputs.docTimestamps.some((d) => d.revision >= (ctx.dssRevision ?? 0) && d.revision > revision);
  const missing: string[] = [];
  if (certOutcome === null || !certOutcome.trusted) missing.push("certificate chain");
  if (!ltData) missing.push("revocation data in the DSS");
  if (proven === null) missing.push("time-stamp");
  return {
    kind: isDocTs ? "document-timestamp" : "signature",
    fieldName: found.fieldName,
    indication: verdict.indication,
    subIndication: verdict.sub,
    reasons: verdict.ordered.map((f) => f.reason),
    warnings: found.fieldName === null ? [{ code: "ORPHAN_SIGNATURE_DICTIONARY" }, ...warnings] : warnings,
    subFilter,
    level: isDocTs ? "NOT_ETSI" : level(subFilter, proven !== null, ltData, ltaTs && ltData, cmsOk),
    ltv: { ready: missing.length === 0, missing },
    certification: inputs.certification === null ? null : { permissions: inputs.certification },
    signer: signer?.signerCert == null ? null : await signerSummary(ctx, signer.signerCert, certOutcome),
    claimedTime: claimedIso,
    provenTime: proven?.toISOString() ?? null,
    timestamps,
    digestAlgorithm: signer?.digestAlgorithm ?? null,
    signatureAlgorithm:
      signer?.signatureAlgorithm == null
        ? null
        : (SIGNATURE_ALGS[signer.signatureAlgorithm]?.name ?? signer.signatureAlgorithm),
    reason: text(found, "Reason"),
    location: text(found, "Location"),
    coverage: br.coverage,
    changes,
  };
}
