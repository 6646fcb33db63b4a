import type * as pkijs from "pkijs";
import { buildPath, type LeafPurpose } from "./build-path";
import { bytesEqual } from "./bytes";
import { certFields } from "./cert-cache";
import { certDer, parseCert, sameCert, summarize } from "./certificates";
import type { VerifyContext } from "./context";
import type { Failure } from "./judge";
import type { Finding, RevocationCheck, WarningCode } from "./report";
import {
  combineEvidence,
  judgeFreshness,
  joinPools,
  parseRevocation,
  type RevocationEvidence,
  type RevocationPool,
  revocationStatus,
} from "./revocation";

/**
 * CA certificates (counted from the signer's issuer) asked of the online revocation source when
 * the DSS and the CMS hold nothing fresh for them: bounds the lookups a long path can cause.
 */
export const MAX_ONLINE_CA_LOOKUPS = 4;

/** The outcome of the certificate checks for one signer or TSA. */
export interface CertificateOutcome {
  readonly path: readonly pkijs.Certificate[];
  readonly trusted: boolean;
  readonly revocation: "good" | "revoked" | "unknown" | "not-checked";
  readonly revocationChecks: readonly RevocationCheck[];
  readonly failures: readonly Failure[];
  readonly warnings: readonly Finding<WarningCode>[];
}

/** Times that bound the validation: the proven time (POE) and the claimed time. */
export interface TimeEvidence {
  readonly proven: Date | null;
  readonly claimed: Date | null;
  /** Valid document time-stamps (for the proof of existence of DSS revocation data). */
  readonly docTimestamps?: readonly { readonly revision: number; readonly time: Date }[];
}

const fail = (
  indication: Failure["indication"],
  sub: Failure["sub"],
  code: Failure["reason"]["code"],
  detail?: string,
): Failure => ({
  indication,
  sub,
  reason: detail === undefined ? { code } : { code, detail },
});

/** The decision about one certificate's revocation, with what the report shows about it. */
interface RevocationDecision {
  readonly status: "good" | "revoked" | "unknown" | "stale";
  readonly revocationTime: Date | null;
  readonly check: RevocationCheck;
  readonly warnings: readonly Finding<WarningCode>[];
}

const iso = (d: Date | null | undefined): string | null => (d == null ? null : d.toISOString());

/** Earliest proven time of revocation data: a valid document time-stamp over the DSS revision holding it. */
function poeOf(ctx: VerifyContext, e: RevocationEvidence | undefined, time: TimeEvidence): Date | null {
  if (e === undefined || e.origin !== "dss") return null;
  const rev = ctx.dssRevisionOf(e.der);
  if (rev === null) return null;
  let best: Date | null = null;
  for (const d of time.docTimestamps ?? [])
    if (d.revision >= rev && (best === null || d.time < best)) best = d.time;
  return best;
}

/**
 * Looks up a certificate's revocation in the DSS and the CMS, then online when they hold
 * nothing fresh, and judges freshness at the control time (EN 319 102-1 §5.2.5).
 */
async function decideRevocation(
  ctx: VerifyContext,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  cms: RevocationPool,
  time: TimeEvidence,
  online: boolean,
): Promise<RevocationDecision> {
  const control = time.proven ?? ctx.now;
  let status = await revocationStatus(ctx.crypto, cert, issuer, joinPools(ctx.dssRevocation, cms));
  let fresh = judgeFreshness(status.evidence, control, ctx.now);
  if (
    online &&
    status.status !== "revoked" &&
    fresh.fresh.length === 0 &&
    ctx.revocationSource !== undefined
  ) {
    try {
      const source = ctx.revocationSource;
      const ocsp = await source.ocsp(certDer(cert), certDer(issuer)).catch(() => undefined);
      const crl = ocsp === undefined ? await source.crl(certDer(cert)).catch(() => undefined) : undefined;
      const fetched = parseRevocation(
        crl === undefined ? [] : [crl],
        ocsp === undefined ? [] : [ocsp],
        "online",
      );
      const more = await revocationStatus(ctx.crypto, cert, issuer, fetched);
      status = combineEvidence([...status.evidence, ...more.evidence]);
      fresh = judgeFreshness(status.evidence, control, ctx.now);
    } catch {
      /* the port failing leaves the status as it was (TRY_LATER when nothing else is known) */
    }
  }
  const warnings: Finding<WarningCode>[] = [];
  if (fresh.future.length > 0) warnings.push({ code: "REVOCATION_FROM_FUTURE" });
  const revoked =
    status.status === "revoked"
      ? status.evidence.find(
          (e) => e.status === "revoked" && e.revocationTime?.getTime() === status.revocationTime?.getTime(),
        )
      : undefined;
  const decider = revoked ?? fresh.fresh[0] ?? fresh.stale[0];
  const decided: RevocationDecision["status"] =
    revoked !== undefined
      ? "revoked"
      : fresh.fresh.length > 0
        ? "good"
        : fresh.stale.length > 0
          ? "stale"
          : "unknown";
  if (fresh.stale.length > 0 && decided !== "revoked")
    warnings.push({
      code: "REVOCATION_STALE",
      detail: `${fresh.stale.length} CRL/OCSP answer(s) valid until before ${control.toISOString()}`,
    });
  const summary = await summarize(ctx.crypto, cert);
  return {
    status: decided,
    revocationTime: status.revocationTime,
    warnings,
    check: {
      subject: summary.subject,
      serialNumber: summary.serialNumber,
      status: decided,
      source: decider?.origin ?? null,
      type: decider?.type ?? null,
      thisUpdate: iso(decider?.thisUpdate),
      nextUpdate: iso(decider?.nextUpdate),
      producedAt: iso(decider?.producedAt),
      revocationTime: iso(revoked?.revocationTime),
      controlTime: control.toISOString(),
      poe: iso(poeOf(ctx, decider, time)),
    },
  };
}

/**
 * Walks up from `leaf` by issuer name through the known certificates and, where the next
 * issuer is missing, asks the issuer source (AIA caIssuers); returns what was downloaded.
 * Signatures are checked afterwards by the path builder, so a wrong download only fails.
 */
async function downloadIssuers(
  ctx: VerifyContext,
  leaf: pkijs.Certificate,
  pool: readonly pkijs.Certificate[],
): Promise<pkijs.Certificate[]> {
  const got: pkijs.Certificate[] = [];
  let cur = leaf;
  for (let depth = 0; depth < 8 && ctx.fetchIssuers !== undefined; depth++) {
    if (ctx.anchors.some((a) => sameCert(a, cur))) break;
    const want = certFields(cur).issuer;
    const named = (c: pkijs.Certificate) => c !== cur && bytesEqual(certFields(c).subject, want);
    let next = [...ctx.anchors, ...pool, ...got].find(named);
    if (next === undefined) {
      const fetched = (await ctx.fetchIssuers(cur)).filter(named);
      got.push(...fetched.filter((c) => !got.includes(c)));
      next = fetched[0];
    }
    if (next === undefined || bytesEqual(certFields(next).subject, certFields(next).issuer)) break;
    cur = next;
  }
  return got;
}

/**
 * Judges a certificate with only stale or no revocation data (the signer's, or the CA named by
 * `which`): never a silent pass. With a proven signing time stale data had expired before it
 * (EN 319 102-1 REVOCATION_OUT_OF_BOUNDS_NO_POE); without, fresh data may still be fetched
 * (TRY_LATER). Without `requireRevocation`, or for a TSA, a warning.
 */
function judgeMissing(
  ctx: VerifyContext,
  d: RevocationDecision,
  time: TimeEvidence,
  purpose: LeafPurpose,
  which: string | null,
  failures: Failure[],
  warnings: Finding<WarningCode>[],
): void {
  if (d.status !== "stale" && d.status !== "unknown") return;
  const named = (detail: string) => (which === null ? detail : `${which}: ${detail}`);
  const required = ctx.requireRevocation && purpose === "signature";
  if (d.status === "stale") {
    const detail = named(
      `newest valid until ${d.check.nextUpdate ?? d.check.thisUpdate}, needed at ${d.check.controlTime}`,
    );
    if (required)
      failures.push(
        time.proven !== null
          ? fail("INDETERMINATE", "REVOCATION_OUT_OF_BOUNDS_NO_POE", "REVOCATION_STALE", detail)
          : fail("INDETERMINATE", "TRY_LATER", "REVOCATION_STALE", detail),
      );
    else warnings.push({ code: "REVOCATION_NOT_CHECKED", detail: named("only stale revocation data") });
  } else if (required)
    failures.push(fail("INDETERMINATE", "TRY_LATER", "REVOCATION_DATA_MISSING", which ?? undefined));
  else
    warnings.push(
      which === null ? { code: "REVOCATION_NOT_CHECKED" } : { code: "REVOCATION_NOT_CHECKED", detail: which },
    );
}

/**
 * Validates a signer or TSA certificate (EN 319 102-1 §5.2.6, §5.6.2.1): path to an anchor,
 * validity at the proven time (or now), and revocation with the POE rules for revoked certificates.
 */
export async function checkCertificate(
  ctx: VerifyContext,
  leaf: pkijs.Certificate,
  cmsCerts: readonly pkijs.Certificate[],
  cmsRevocation: RevocationPool,
  time: TimeEvidence,
  purpose: LeafPurpose,
): Promise<CertificateOutcome> {
  const failures: Failure[] = [];
  const warnings: Finding<WarningCode>[] = [];
  let built = await buildPath(ctx.crypto, leaf, [...cmsCerts, ...ctx.dssCerts], ctx.anchors, purpose);
  if (built.failure?.reason.code === "CHAIN_NOT_FOUND" && ctx.fetchIssuers !== undefined) {
    const fetched = await downloadIssuers(ctx, leaf, [...cmsCerts, ...ctx.dssCerts]);
    if (fetched.length > 0) {
      built = await buildPath(
        ctx.crypto,
        leaf,
        [...cmsCerts, ...ctx.dssCerts, ...fetched],
        ctx.anchors,
        purpose,
      );
      if (built.trusted)
        warnings.push({ code: "ISSUER_FROM_AIA", detail: `${fetched.length} certificate(s)` });
    }
  }
  if (built.failure !== null) failures.push(built.failure);
  const ref = time.proven ?? ctx.now;
  built.path.forEach((cert, i) => {
    if (cert.notBefore.value > ref)
      failures.push(
        fail(
          i === 0 ? "TOTAL_FAILED" : "INDETERMINATE",
          i === 0 ? "NOT_YET_VALID" : "CHAIN_CONSTRAINTS_FAILURE",
          "CERTIFICATE_NOT_YET_VALID",
          `certificate ${i}`,
        ),
      );
    else if (cert.notAfter.value < ref)
      failures.push(
        fail(
          "INDETERMINATE",
          "OUT_OF_BOUNDS_NO_POE",
          "CERTIFICATE_EXPIRED_NO_POE",
          `certificate ${i} expired ${cert.notAfter.value.toISOString()}`,
        ),
      );
  });
  let revocation: CertificateOutcome["revocation"] = "not-checked";
  const checks: RevocationCheck[] = [];
  const issuer = built.path[1];
  if (built.trusted && issuer !== undefined) {
    const d = await decideRevocation(ctx, leaf, issuer, cmsRevocation, time, true);
    checks.push(d.check);
    warnings.push(...d.warnings);
    revocation = d.status === "stale" ? "unknown" : d.status;
    if (d.status === "revoked") {
      const at = d.revocationTime ?? new Date(0);
      if (time.proven !== null && time.proven < at) revocation = "good";
      else if (time.proven !== null || (time.claimed !== null && time.claimed >= at))
        failures.push(fail("TOTAL_FAILED", "REVOKED", "CERTIFICATE_REVOKED", at.toISOString()));
      else
        failures.push(
          fail("INDETERMINATE", "REVOKED_NO_POE", "CERTIFICATE_REVOKED_NO_POE", at.toISOString()),
        );
    } else judgeMissing(ctx, d, time, purpose, null, failures, warnings);
    // EN 319 102-1 §5.2.6 (X.509 validation): every certificate of the path but the trust
    // anchor needs revocation status, so a CA without current data is judged like the signer.
    for (let i = 1; i + 1 < built.path.length; i++) {
      const ca = await decideRevocation(
        ctx,
        built.path[i]!,
        built.path[i + 1]!,
        cmsRevocation,
        time,
        i <= MAX_ONLINE_CA_LOOKUPS,
      );
      checks.push(ca.check);
      const which = `CA certificate ${i}`;
      warnings.push(
        ...ca.warnings.map((w) => ({
          code: w.code,
          detail: w.detail === undefined ? which : `${which}: ${w.detail}`,
        })),
      );
      if (ca.status === "revoked") {
        if (!(time.proven !== null && ca.revocationTime !== null && time.proven < ca.revocationTime))
          failures.push(fail("INDETERMINATE", "REVOKED_CA_NO_POE", "CERTIFICATE_REVOKED", which));
      } else judgeMissing(ctx, ca, time, purpose, which, failures, warnings);
    }
  }
  return {
    path: built.path,
    trusted: built.trusted,
    revocation,
    revocationChecks: checks,
    failures,
    warnings,
  };
}

/** Parses DER certificates, skipping unreadable ones. */
export function parseCerts(ders: readonly Uint8Array[]): pkijs.Certificate[] {
  return ders.map(parseCert).filter((c): c is pkijs.Certificate => c !== null);
}
