import type { PdfDocument } from "../pdf/document";
import { openPdf } from "../pdf/open-pdf";
import { addValidationData } from "./add-validation-data";
import { addDocumentTimestamp } from "./document-timestamp";
import { LtvError } from "./errors";
import { type ExistingSignature, existingSignatures } from "./existing-signatures";
import { replaceContentsInPlace } from "./in-place-timestamp";
import { type PadesLevel, atLeast } from "./levels";
import type { HashAlgorithm, RevocationSource, TimestampAuthority } from "./ports";
import { addSignatureTimestamp, signatureTimestampsOf } from "./signature-timestamp";
import type { GatheredValidationData } from "./validation-data";

/** Options of {@link extendPdf} and {@link refreshLta}. */
export interface ExtendOptions {
  /** Required for B-T and B-LTA. */
  readonly tsa?: TimestampAuthority;
  /** Required for B-LT and B-LTA. */
  readonly revocation?: RevocationSource;
  /** Issuer certificates the signatures do not carry (DER). */
  readonly extraCertificates?: readonly Uint8Array[];
  readonly hashAlg?: HashAlgorithm;
  readonly crypto?: Crypto;
  /** User or owner password of an encrypted input; updates are encrypted the same way. */
  readonly password?: string;
}

/** Opens the PDF with the caller's password, if any. */
function open(pdf: Uint8Array, options: ExtendOptions) {
  return openPdf(pdf, options.password === undefined ? {} : { password: options.password });
}

/** The options shared by every step: hash, crypto, password. */
function common(options: ExtendOptions) {
  return {
    ...(options.hashAlg ? { hashAlg: options.hashAlg } : {}),
    ...(options.crypto ? { crypto: options.crypto } : {}),
    ...(options.password === undefined ? {} : { password: options.password }),
  };
}

/** What was done to reach the level, and the validation data that could not be found. */
export interface ExtendResult {
  /** The whole output file (assembled on first use when `parts` is set). */
  readonly pdf: Uint8Array;
  /**
   * The output as the untouched input followed by the new bytes, when the step kept the input
   * as it lies (`signAtLevel` below B-LT): write these in order to avoid copying the input.
   */
  readonly parts?: readonly Uint8Array[];
  /** `signature-timestamp` (unsigned attribute written in place), `document-timestamp`, `dss`. */
  readonly steps: readonly ("signature-timestamp" | "document-timestamp" | "dss")[];
  readonly missing: GatheredValidationData["missing"];
}

/** The option or a typed error naming what the level needs. */
function need<T>(value: T | undefined, what: string, level: PadesLevel): T {
  if (value === undefined) throw new LtvError("LTV_BAD_LEVEL", `${level} needs ${what}`);
  return value;
}

/** True when the signature already has a time-stamp: its own attribute, or a later document time-stamp. */
function isTimestamped(signatures: readonly ExistingSignature[], index: number): boolean {
  const sig = signatures[index] as ExistingSignature;
  if (sig.isDocTimestamp || signatures.slice(index + 1).some((s) => s.isDocTimestamp)) return true;
  try {
    return signatureTimestampsOf(sig.contents).length > 0;
  } catch {
    return false;
  }
}

/**
 * B-T on an existing PDF: the newest signature gets the unsigned attribute in place when its
 * reserved `/Contents` has room (no later signature covers it, so nothing else changes);
 * otherwise — or when older signatures lack a time-stamp — a document time-stamp is appended,
 * which time-stamps every earlier signature at once (ETSI EN 319 142-1 §5.3, §5.5).
 */
async function ensureTimestamp(
  pdf: Uint8Array,
  options: ExtendOptions,
  steps: ExtendResult["steps"][number][],
  opened?: PdfDocument,
) {
  const signatures = existingSignatures(opened ?? (await open(pdf, options)));
  const untimed = signatures.map((_, i) => i).filter((i) => !isTimestamped(signatures, i));
  if (untimed.length === 0) return pdf;
  const tsa = need(options.tsa, "a time-stamp authority", "B-T");
  const newest = signatures.length - 1;
  if (untimed.length === 1 && untimed[0] === newest) {
    const sig = signatures[newest] as ExistingSignature;
    try {
      const cms = await addSignatureTimestamp(sig.contents, {
        tsa,
        ...(options.hashAlg ? { hashAlg: options.hashAlg } : {}),
        ...(options.crypto ? { crypto: options.crypto } : {}),
      });
      const replaced = replaceContentsInPlace(pdf, sig, cms);
      steps.push("signature-timestamp");
      return replaced;
    } catch (error) {
      if (!(error instanceof LtvError) || !["LTV_CONTENTS_TOO_SMALL", "LTV_BAD_CMS"].includes(error.code))
        throw error;
    }
  }
  steps.push("document-timestamp");
  return addDocumentTimestamp(pdf, { tsa, ...common(options) });
}

/**
 * Raises an already-signed PDF to `level` (B-T, B-LT or B-LTA), appending only incremental
 * updates — except the in-place B-T attribute described at `ensureTimestamp`.
 *
 * @example
 * const { pdf } = await extendPdf(signed, { level: "B-LTA", tsa, revocation: httpRevocationSource() });
 */
export async function extendPdf(
  pdf: Uint8Array,
  options: ExtendOptions & { readonly level: PadesLevel },
): Promise<ExtendResult> {
  const level = options.level;
  // Opened once; reused by the next steps while they read the same bytes.
  const doc = await open(pdf, options);
  if (existingSignatures(doc).length === 0) throw new LtvError("LTV_NO_SIGNATURE");
  const steps: ExtendResult["steps"][number][] = [];
  let out = pdf;
  let missing: ExtendResult["missing"] = [];
  if (atLeast(level, "B-T")) out = await ensureTimestamp(out, options, steps, doc);
  if (atLeast(level, "B-LT")) {
    const lt = await addValidationData(
      out,
      {
        revocation: need(options.revocation, "a revocation source", level),
        ...(options.extraCertificates ? { extraCertificates: options.extraCertificates } : {}),
        ...(options.password === undefined ? {} : { password: options.password }),
      },
      out === pdf ? doc : undefined,
    );
    out = lt.pdf;
    missing = lt.gathered.missing;
    if (lt.added > 0) steps.push("dss");
  }
  if (level === "B-LTA") {
    const tsa = need(options.tsa, "a time-stamp authority", level);
    out = await addDocumentTimestamp(out, { tsa, ...common(options) });
    steps.push("document-timestamp");
  }
  return { pdf: out, steps, missing };
}

/**
 * LTA refresh (ETSI EN 319 142-1 §5.5; run it before the last time-stamp's TSA certificate or
 * algorithms weaken): adds validation data for the newest time-stamp, then a new document
 * time-stamp over everything.
 *
 * @example
 * const { pdf } = await refreshLta(archived, { tsa, revocation });
 */
export async function refreshLta(pdf: Uint8Array, options: ExtendOptions): Promise<ExtendResult> {
  const signatures = existingSignatures(await open(pdf, options));
  if (signatures.length === 0) throw new LtvError("LTV_NO_SIGNATURE");
  const hasDocTimestamp = signatures.some((s) => s.isDocTimestamp);
  const tsa = need(options.tsa, "a time-stamp authority", "B-LTA");
  const lt = await addValidationData(pdf, {
    revocation: need(options.revocation, "a revocation source", "B-LTA"),
    scope: hasDocTimestamp ? "last" : "all",
    ...(options.extraCertificates ? { extraCertificates: options.extraCertificates } : {}),
    ...(options.password === undefined ? {} : { password: options.password }),
  });
  const steps: ExtendResult["steps"][number][] = lt.added > 0 ? ["dss"] : [];
  const out = await addDocumentTimestamp(lt.pdf, { tsa, ...common(options) });
  return { pdf: out, steps: [...steps, "document-timestamp"], missing: lt.gathered.missing };
}
