import { addUnsignedAttribute } from "../cms/add-unsigned-attribute";
import { parseSignedData } from "../cms/parse-signed-data";
import { digest } from "./bytes";
import { timestampTokensOf, walkSignedData } from "./cms-walk";
import { LtvError } from "./errors";
import { OID } from "./oids";
import type { HashAlgorithm, TimestampAuthority } from "./ports";

/** Options of {@link addSignatureTimestamp}. */
export interface SignatureTimestampOptions {
  readonly tsa: TimestampAuthority;
  /** Imprint hash (default SHA-256). */
  readonly hashAlg?: HashAlgorithm;
  readonly crypto?: Crypto;
  /** Which SignerInfo to time-stamp (default 0, the PAdES signer). */
  readonly signerIndex?: number;
}

/** Parses CMS bytes, turning the CMS layer's errors into `LTV_BAD_CMS`. */
function parse(cms: Uint8Array): ReturnType<typeof parseSignedData> {
  try {
    return parseSignedData(cms);
  } catch (cause) {
    throw new LtvError("LTV_BAD_CMS", undefined, { cause });
  }
}

/**
 * PAdES B-T (ETSI EN 319 142-1 §5.3): asks the TSA for a time-stamp whose imprint is the hash of
 * the SignerInfo's `signature` value (RFC 3161 Appendix A) and returns the CMS with the token as
 * the unsigned attribute id-aa-signatureTimeStampToken. Signed bytes are left untouched.
 *
 * @example
 * const cmsT = await addSignatureTimestamp(cms, { tsa: httpTimestampAuthority({ endpoints: [url] }) });
 */
export async function addSignatureTimestamp(
  cms: Uint8Array,
  options: SignatureTimestampOptions,
): Promise<Uint8Array> {
  const index = options.signerIndex ?? 0;
  // The DER walk reads the signature value without an ASN.1 object tree; PKI.js-free BER
  // (poppler/NSS) goes through the full parser, whose DER is then spliced.
  const walked = walkSignedData(cms);
  const parsed = walked === undefined ? parse(cms) : undefined;
  const signerInfo = (walked ?? parsed)?.signerInfos[index];
  if (signerInfo === undefined) throw new LtvError("LTV_BAD_CMS", `no SignerInfo #${index}`);
  const hashAlg = options.hashAlg ?? "SHA-256";
  const imprint = await digest(options.crypto ?? globalThis.crypto, hashAlg, signerInfo.signature);
  const token = await options.tsa.timestamp(imprint, hashAlg);
  try {
    return addUnsignedAttribute(
      parsed?.der ?? cms,
      { oid: OID.signatureTimeStampToken, values: [token] },
      index,
    );
  } catch (cause) {
    throw new LtvError("LTV_BAD_CMS", undefined, { cause });
  }
}

/** The signature time-stamp tokens (DER) already attached to a CMS's first SignerInfo. */
export function signatureTimestampsOf(cms: Uint8Array, signerIndex = 0): Uint8Array[] {
  const walked = walkSignedData(cms);
  if (walked !== undefined) return timestampTokensOf(walked, signerIndex);
  const signerInfo = parse(cms).signerInfos[signerIndex];
  return (signerInfo?.unsignedAttributes ?? [])
    .filter((a) => a.oid === OID.signatureTimeStampToken)
    .flatMap((a) => [...a.values]);
}
