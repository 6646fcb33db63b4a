import type * as pkijs from "pkijs";
import { buildPath, type LeafPurpose } from "./build-path";
import { certDer, parseCert } from "./certificates";
import type { VerifyContext } from "./context";
import type { Failure } from "./judge";
import type { Finding, WarningCode } from "./report";
import { parseRevocation, type RevocationPool, revocationStatus } from "./revocation";

/** The outcome of the certificate checks for one signer or TSA. */
export interface CertificateOutcome {
  readonly path: readonly pkijs.Certificate[];
  readonly trusted: boolean;
  readonly revocation: "good" | "revoked" | "unknown" | "not-checked";
  readonly revocationFromDss: boolean;
  readonly failures: readonly Failure[];
  readonly warnings: readonly Finding<WarningCode>[];
}

/** Times that bound the validation: the proven time (POE) and the claimed time. */
export interface TimeEvidence {
  readonly proven: Date | null;
  readonly claimed: Date | null;
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

async function lookupRevocation(
  ctx: VerifyContext,
  cert: pkijs.Certificate,
  issuer: pkijs.Certificate,
  cms: RevocationPool,
) {
  const pool: RevocationPool = {
    crls: [...ctx.dssRevocation.crls, ...cms.crls],
    ocsps: [...ctx.dssRevocation.ocsps, ...cms.ocsps],
  };
  let status = await revocationStatus(ctx.crypto, cert, issuer, pool);
  const fromDss =
    status.status !== "unknown" &&
    (await revocationStatus(ctx.crypto, cert, issuer, ctx.dssRevocation)).status !== "unknown";
  if (status.status === "unknown" && ctx.revocationSource !== undefined) {
    try {
      const ocsp = await ctx.revocationSource.ocsp(certDer(cert), certDer(issuer)).catch(() => undefined);
      const crl =
        ocsp === undefined ? await ctx.revocationSource.crl(certDer(cert)).catch(() => undefined) : undefined;
      status = await revocationStatus(
        ctx.crypto,
        cert,
        issuer,
        parseRevocation(crl === undefined ? [] : [crl], ocsp === undefined ? [] : [ocsp]),
      );
    } catch {
      /* the port failing leaves the status unknown (TRY_LATER) */
    }
  }
  return { status, fromDss };
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
  const built = await buildPath(ctx.crypto, leaf, [...cmsCerts, ...ctx.dssCerts], ctx.anchors, purpose);
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
  let revocationFromDss = false;
  const issuer = built.path[1];
  if (built.trusted && issuer !== undefined) {
    const { status, fromDss } = await lookupRevocation(ctx, leaf, issuer, cmsRevocation);
    revocationFromDss = fromDss;
    revocation = status.status;
    if (status.status === "revoked") {
      const at = status.revocationTime ?? new Date(0);
      if (time.proven !== null && time.proven < at) revocation = "good";
      else if (time.proven !== null || (time.claimed !== null && time.claimed >= at))
        failures.push(fail("TOTAL_FAILED", "REVOKED", "CERTIFICATE_REVOKED", at.toISOString()));
      else
        failures.push(
          fail("INDETERMINATE", "REVOKED_NO_POE", "CERTIFICATE_REVOKED_NO_POE", at.toISOString()),
        );
    } else if (status.status === "unknown") {
      if (ctx.requireRevocation && purpose === "signature")
        failures.push(fail("INDETERMINATE", "TRY_LATER", "REVOCATION_DATA_MISSING"));
      else warnings.push({ code: "REVOCATION_NOT_CHECKED" });
    }
    for (let i = 1; i + 1 < built.path.length; i++) {
      const ca = await revocationStatus(ctx.crypto, built.path[i]!, built.path[i + 1]!, {
        crls: [...ctx.dssRevocation.crls, ...cmsRevocation.crls],
        ocsps: [...ctx.dssRevocation.ocsps, ...cmsRevocation.ocsps],
      });
      if (
        ca.status === "revoked" &&
        !(time.proven !== null && ca.revocationTime !== null && time.proven < ca.revocationTime)
      ) {
        failures.push(
          fail("INDETERMINATE", "REVOKED_CA_NO_POE", "CERTIFICATE_REVOKED", `CA certificate ${i}`),
        );
      }
    }
  }
  return { path: built.path, trusted: built.trusted, revocation, revocationFromDss, failures, warnings };
}

/** Parses DER certificates, skipping unreadable ones. */
export function parseCerts(ders: readonly Uint8Array[]): pkijs.Certificate[] {
  return ders.map(parseCert).filter((c): c is pkijs.Certificate => c !== null);
}
