import { createCms } from "./create-cms";
import { PadesSignError } from "./errors";
import { finish } from "./finish";
import type { SignOptions } from "./options";
import { prepare } from "./prepare";
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
  const prepared = await prepare(pdf, options);
  let cms = await createCms(options.signer, {
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
  return finish(prepared, { cms });
}
