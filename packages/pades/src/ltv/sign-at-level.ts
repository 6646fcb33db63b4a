import { openPdf } from "../pdf/open-pdf";
import { type SignPdfOptions, signPdf, signPdfParts } from "../sign/sign-pdf";
import { concatBytes } from "../pdf/serialize";
import { type DocMdpPermission, type FieldLock, assertSignatureAllowed } from "./docmdp";
import { type ExtendResult, extendPdf } from "./extend-pdf";
import { LtvError } from "./errors";
import { type PadesLevel, atLeast } from "./levels";
import type { HashAlgorithm, RevocationSource, TimestampAuthority } from "./ports";
import { addSignatureTimestamp } from "./signature-timestamp";
import { signWithMdp } from "./sign-with-mdp";

/** Options of {@link signAtLevel}: the signing options plus what the chosen level needs. */
export interface SignAtLevelOptions extends Omit<SignPdfOptions, "augmentCms"> {
  readonly level: PadesLevel;
  /** Required from B-T up. */
  readonly tsa?: TimestampAuthority;
  /** Required from B-LT up. */
  readonly revocation?: RevocationSource;
  /** Issuer certificates the CMS does not carry (DER), for B-LT. */
  readonly extraCertificates?: readonly Uint8Array[];
  /** Time-stamp imprint hash (default SHA-256). */
  readonly timestampHash?: HashAlgorithm;
  /** Extra `/Contents` bytes kept for the signature time-stamp token (default 12 000). */
  readonly timestampReserve?: number;
  /** Certification signature with this DocMDP permission (first signature only). */
  readonly certify?: DocMdpPermission;
  /** Fields this signature locks (FieldMDP). */
  readonly lock?: FieldLock;
}

/**
 * Signs a PDF at a PAdES baseline level in one call (ETSI EN 319 142-1 §6): B-B, then the
 * signature time-stamp embedded during signing (B-T), then `/DSS` (B-LT), then a document
 * time-stamp (B-LTA). `missing` lists certificates left without revocation evidence.
 *
 * @example
 * const { pdf } = await signAtLevel(input, { signer, level: "B-LT", tsa, revocation: httpRevocationSource() });
 */
export async function signAtLevel(pdf: Uint8Array, options: SignAtLevelOptions): Promise<ExtendResult> {
  const {
    level,
    tsa,
    revocation,
    extraCertificates,
    timestampHash,
    timestampReserve,
    certify,
    lock,
    ...signOptions
  } = options;
  if (atLeast(level, "B-T") && tsa === undefined) throw new LtvError("LTV_BAD_LEVEL", `${level} needs a TSA`);
  const password = signOptions.password === undefined ? {} : { password: signOptions.password };
  assertSignatureAllowed(await openPdf(pdf, { ...password, crypto: signOptions.crypto }), {
    certify: certify !== undefined,
  });
  const augment =
    tsa === undefined || !atLeast(level, "B-T")
      ? undefined
      : (cms: Uint8Array) =>
          addSignatureTimestamp(cms, {
            tsa,
            ...(timestampHash ? { hashAlg: timestampHash } : {}),
            ...(signOptions.crypto ? { crypto: signOptions.crypto } : {}),
          });
  // A plain signature below B-LT with an incremental digester keeps the input as it lies: the
  // result is handed out in parts. (Web Crypto's digest needs the assembled file anyway.)
  const partsOnly =
    certify === undefined &&
    lock === undefined &&
    !atLeast(level, "B-LT") &&
    signOptions.digester !== undefined;
  const sign = partsOnly ? signPdfParts : certify === undefined && lock === undefined ? signPdf : signWithMdp;
  const signed = await sign(pdf, {
    ...signOptions,
    ...(certify === undefined ? {} : { certify }),
    ...(lock === undefined ? {} : { lock }),
    ...(augment
      ? {
          augmentCms: augment,
          contentsReserve: (signOptions.contentsReserve ?? 0) + (timestampReserve ?? 12_000),
        }
      : {}),
  }).catch((error: unknown) => {
    // signPdf wraps hook failures; surface the time-stamp client's own typed error.
    const cause = (error as { cause?: unknown }).cause;
    throw cause instanceof LtvError ? cause : error;
  });
  if (!(signed instanceof Uint8Array)) {
    let whole: Uint8Array | undefined;
    return {
      get pdf() {
        whole ??= concatBytes(signed);
        return whole;
      },
      parts: signed,
      steps: augment ? ["signature-timestamp"] : [],
      missing: [],
    };
  }
  if (!atLeast(level, "B-LT")) {
    return { pdf: signed, steps: augment ? ["signature-timestamp"] : [], missing: [] };
  }
  const extended = await extendPdf(signed, {
    level,
    ...(tsa ? { tsa } : {}),
    ...(revocation ? { revocation } : {}),
    ...(extraCertificates ? { extraCertificates } : {}),
    ...(timestampHash ? { hashAlg: timestampHash } : {}),
    ...password,
  });
  return { ...extended, steps: ["signature-timestamp", ...extended.steps] };
}
