import { createCms, signSignedAttributes } from "./create-cms";
import { PadesSignError } from "./errors";
import { cmsOf, finish, finishParts } from "./finish";
import type { SignOptions } from "./options";
import { type PreparedSignature, prepareSignature } from "./prepare";
import type { Signer } from "./ports";

/** Options of `signPdf`: `prepare`'s options with a signer that can sign now, plus an optional CMS hook. */
export interface SignPdfOptions extends SignOptions {
  readonly signer: Signer;
  /** Transforms the CMS before embedding, e.g. adds a signature time-stamp (reserve room with `contentsReserve`). */
  readonly augmentCms?: (cms: Uint8Array) => Promise<Uint8Array>;
}

/**
 * Signs a PDF in one call — PAdES B-B by default (ETSI EN 319 142-1 §6.3): prepare the
 * incremental update, build the CMS with the signer, embed it.
 *
 * @example
 * const signer = await signerFromPkcs12(p12, "secret");
 * const signed = await signPdf(pdf, { signer, reason: "Menyetujui", location: "Jakarta" });
 */
export async function signPdf(pdf: Uint8Array, options: SignPdfOptions): Promise<Uint8Array> {
  const { prepared, cms } = await signPrepared(pdf, options);
  return finish(prepared, { cms });
}

/**
 * `signPdf` returning the signed file as `[input, update]` — the input untouched and never
 * copied, then the signed incremental update — for callers that write or stream the result
 * (a 100 MB file is then hashed once and written once, never copied in memory). Pass an
 * incremental `digester` too: Web Crypto's one-shot digest needs the file in one buffer.
 *
 * @example
 * const [input, update] = await signPdfParts(pdf, { signer, digester });
 * writeSync(fd, input); writeSync(fd, update);
 */
export async function signPdfParts(
  pdf: Uint8Array,
  options: SignPdfOptions,
): Promise<readonly [Uint8Array, Uint8Array]> {
  const { prepared, cms } = await signPrepared(pdf, options);
  return finishParts(prepared, { cms });
}

async function signPrepared(
  pdf: Uint8Array,
  options: SignPdfOptions,
): Promise<{ prepared: PreparedSignature; cms: Uint8Array }> {
  const prepared = await prepareSignature(pdf, options, { attributesDigest: false });
  const signer = options.signer;
  const { identity, signedAttributes } = prepared;
  // A key-holding signer signs the attributes prepare already built (RFC 5652 §5.4).
  let cms =
    signer.kind !== "cms" && identity && signedAttributes
      ? cmsOf(prepared, {
          signature: await signSignedAttributes(signer, signedAttributes, prepared.digest, options.crypto),
        })
      : await createCms(signer, {
          documentDigest: prepared.documentDigest,
          digest: prepared.digest,
          subFilter: prepared.subFilter,
          signingTime: prepared.signingTime,
          crypto: options.crypto,
        });
  if (options.augmentCms) {
    try {
      cms = await options.augmentCms(cms);
    } catch (cause) {
      throw new PadesSignError("PADES_SIGN_SIGNER_FAILED", "augmentCms", { cause });
    }
  }
  return { prepared, cms };
}
