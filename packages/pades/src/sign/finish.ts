import { ecdsaRawToDer } from "../cms/ecdsa-signature";
import { encodeSignedData } from "../cms/signed-data";
import { embedContents } from "./byte-range";
import { PadesSignError } from "./errors";
import type { PreparedSignature } from "./prepare";

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
  embedContents(prepared.pdf, prepared.positions, cms);
  return prepared.pdf;
}
