import { ecdsaRawToDer } from "../cms/ecdsa-signature";
import { encodeSignedData } from "../cms/signed-data";
import { embedContents } from "./byte-range";
import { PadesSignError } from "./errors";
import { type PreparedSignature, writePrepared } from "./prepare";

/** What completes a prepared signature: a whole CMS, or a bare signature over `signedAttributes`. */
export type SignatureInput =
  | { readonly cms: Uint8Array }
  | { readonly signature: Uint8Array; readonly ecdsaFormat?: "der" | "raw" };

/**
 * Phase two of signing: writes the DER CMS into the reserved `/Contents` of `prepared.pdf`
 * (in place) and returns that buffer, the signed PDF. With a bare `signature`, the CMS is
 * assembled from the prepared signed attributes and identity (RFC 5652 §5).
 */
export function finish(prepared: PreparedSignature, input: SignatureInput): Uint8Array {
  embed(prepared, cmsOf(prepared, input));
  return prepared.pdf;
}

/**
 * Like `finish`, but returns the signed file as its two parts — the untouched input and the
 * signed update — so a caller can write them one after the other without ever copying the input.
 *
 * @example
 * const [original, update] = finishParts(prepared, { cms });
 * await file.write(original); await file.write(update);
 */
export function finishParts(
  prepared: PreparedSignature,
  input: SignatureInput,
): readonly [Uint8Array, Uint8Array] {
  embed(prepared, cmsOf(prepared, input));
  return [prepared.original, prepared.update];
}

function embed(prepared: PreparedSignature, cms: Uint8Array): void {
  // embedContents raises PADES_SIGN_CONTENTS_TOO_SMALL before writing a byte, and every target
  // shares the same positions, so the first write fails and a failure leaves both parts as they were.
  writePrepared(prepared, (target, shift) => embedContents(target, prepared.positions, cms, shift));
}

/** The CMS a {@link SignatureInput} completes `prepared` with (a bare signature is wrapped, RFC 5652 §5). */
export function cmsOf(prepared: PreparedSignature, input: SignatureInput): Uint8Array {
  let cms: Uint8Array;
  if ("cms" in input) cms = input.cms;
  else {
    const { identity, signedAttributes } = prepared;
    if (!identity || !signedAttributes) {
      throw new PadesSignError(
        "PADES_SIGN_INVALID_OPTIONS",
        "a bare signature needs a signer identity at prepare time",
      );
    }
    const signature =
      identity.scheme === "ECDSA" && input.ecdsaFormat === "raw"
        ? ecdsaRawToDer(input.signature)
        : input.signature;
    cms = encodeSignedData({
      digest: prepared.digest,
      scheme: identity.scheme,
      signedAttributes,
      signature,
      signerCertificate: identity.certificate,
      chain: identity.chain,
    });
  }
  return cms;
}
