import type { DigestAlgorithm, SignatureScheme } from "../cms/algorithms";
import { buildSignedAttributes } from "../cms/signed-attributes";
import { bufferSource } from "../cms/buffer-source";
import { openPdf } from "../pdf/open-pdf";
import { createIncrementalUpdate } from "../pdf/incremental-update";
import { PdfArray, PdfDict, PdfName, PdfString } from "../pdf/objects";
import { resolveVisibleSignature } from "../appearance/visible-signature";
import {
  type PlaceholderPositions,
  byteRangePlaceholder,
  digestByteRange,
  locatePlaceholders,
  patchByteRange,
} from "./byte-range";
import { measureContentsSize } from "./contents-size";
import { concatBytes } from "../pdf/serialize";
import { type SubFilter, schemeOf } from "./create-cms";
import type { SignOptions } from "./options";
import { pdfDate } from "./pdf-date";
import { attachSignatureField } from "./signature-field";

/** The result of `prepare`: the PDF with a reserved `/Contents`, its byte range and digest. */
export interface PreparedSignature {
  /**
   * The whole output file (`original` followed by `update`), assembled on first use with one
   * allocation; `finish` writes the CMS into it in place (and into `update`).
   */
  readonly pdf: Uint8Array;
  /** The input, never copied nor changed: the output file is `original` followed by `update`. */
  readonly original: Uint8Array;
  /** The appended incremental update holding the reserved `/Contents`; `finish` writes the CMS into it. */
  readonly update: Uint8Array;
  /** `[0, a, b, c]`: the signed bytes are `[0, a) + [b, b + c)` (ISO 32000-2 §12.8.1). */
  readonly byteRange: readonly [number, number, number, number];
  readonly positions: PlaceholderPositions;
  readonly digest: DigestAlgorithm;
  /** Digest of the byte ranges: the CMS message-digest (RFC 5652 §11.2). */
  readonly documentDigest: Uint8Array;
  /** Bytes available for the DER CMS in `/Contents`. */
  readonly contentsCapacity: number;
  readonly subFilter: SubFilter;
  readonly signingTime: Date;
  readonly fieldName: string;
  /** The signer's certificate and chain and scheme, when the signer holds a key (not a CMS provider). */
  readonly identity?: {
    readonly certificate: Uint8Array;
    readonly chain: readonly Uint8Array[];
    readonly scheme: SignatureScheme;
  };
  /** DER signed attributes (SET OF) to be signed by a raw signer, when `identity` is known. */
  readonly signedAttributes?: Uint8Array;
  /** Digest of `signedAttributes` with `digest`: what a "sign this hash" service signs. */
  readonly dataToSignDigest?: Uint8Array;
}

function signatureDictionary(
  options: SignOptions,
  subFilter: SubFilter,
  capacity: number,
  when: Date,
): PdfDict {
  const d = new PdfDict([
    ["Type", new PdfName("Sig")],
    ["Filter", new PdfName("Adobe.PPKLite")],
    ["SubFilter", new PdfName(subFilter)],
    ["ByteRange", new PdfArray(byteRangePlaceholder())],
    ["Contents", new PdfString(new Uint8Array(capacity), true)],
    ["M", PdfString.fromText(pdfDate(when))],
  ]);
  const text: [string, string | undefined][] = [
    ["Name", options.name],
    ["Reason", options.reason],
    ["Location", options.location],
    ["ContactInfo", options.contactInfo],
  ];
  for (const [key, value] of text)
    if (value !== undefined && value !== "") d.set(key, PdfString.fromText(value));
  return d;
}

async function capacityFor(
  options: SignOptions,
  digest: DigestAlgorithm,
  subFilter: SubFilter,
  when: Date,
): Promise<number> {
  if (options.contentsSize !== undefined) return options.contentsSize;
  const signer = options.signer;
  const sizingSigner =
    signer.kind === "identity"
      ? { ...signer, kind: "raw" as const, sign: async () => new Uint8Array() }
      : signer;
  return measureContentsSize(sizingSigner, {
    digest,
    signingTime: subFilter === "adbe.pkcs7.detached" ? when : undefined,
    reserve: options.contentsReserve,
    crypto: options.crypto,
  });
}

/**
 * Phase one of signing: appends an incremental update with the signature field, widget and a
 * signature dictionary whose `/Contents` is reserved (sized by a dry run) and `/ByteRange`
 * filled in, then digests the byte ranges. Nothing is signed yet.
 *
 * @example
 * const prepared = await prepare(pdf, { signer });
 * const signed = finish(prepared, await createCms(signer, { documentDigest: prepared.documentDigest, ... }));
 */
export async function prepare(pdf: Uint8Array, options: SignOptions): Promise<PreparedSignature> {
  return prepareSignature(pdf, options, { attributesDigest: true });
}

/**
 * `prepare`, with `dataToSignDigest` left out when the caller signs the attributes itself
 * (`signPdf`): one Web Crypto round trip fewer per signature.
 */
export async function prepareSignature(
  pdf: Uint8Array,
  options: SignOptions,
  what: { readonly attributesDigest: boolean },
): Promise<PreparedSignature> {
  const crypto = options.crypto ?? globalThis.crypto;
  const digest = options.digest ?? "SHA-256";
  const subFilter = options.subFilter ?? "ETSI.CAdES.detached";
  const signingTime = options.signingTime ?? new Date();
  const doc = await openPdf(pdf, { password: options.password, crypto });
  const capacity = await capacityFor(options, digest, subFilter, signingTime);
  const up = createIncrementalUpdate(doc);
  const sigRef = up.allocate();
  const dictionary = signatureDictionary(options, subFilter, capacity, signingTime);
  up.set(sigRef, dictionary);
  const placement = options.visible
    ? await resolveVisibleSignature(doc, up, options.visible, { name: options.name, signingTime })
    : undefined;
  const fieldName = attachSignatureField(doc, up, {
    signature: sigRef,
    fieldName: options.fieldName,
    placement,
  });
  await options.amendUpdate?.({ doc, update: up, signature: sigRef, dictionary });
  // write() encrypts new objects of an encrypted file with its own key, except the signature's /Contents (§7.6.2).
  const written = await up.write();
  const update = written.bytes;
  const local = locatePlaceholders(
    update,
    (written.offsets.get(sigRef.num) ?? pdf.length) - pdf.length,
    capacity,
  );
  const total = pdf.length + update.length;
  const positions = {
    contentsStart: local.contentsStart + pdf.length,
    contentsEnd: local.contentsEnd + pdf.length,
    byteRangeAt: local.byteRangeAt + pdf.length,
  };
  const byteRange = [
    0,
    positions.contentsStart,
    positions.contentsEnd,
    total - positions.contentsEnd,
  ] as const;
  patchByteRange(update, local.byteRangeAt, byteRange);
  // With an incremental digester the input is hashed where it lies and never copied; Web Crypto
  // digests one buffer, so the output is assembled first (one allocation) and hashed in place.
  let whole: Uint8Array | undefined;
  let documentDigest: Uint8Array;
  if (options.digester) {
    documentDigest = await options.digester(
      [pdf, update.subarray(0, local.contentsStart), update.subarray(local.contentsEnd)],
      digest,
    );
  } else {
    whole = concatBytes([pdf, update]);
    documentDigest = await digestByteRange(whole, positions, digest, crypto);
  }
  const output = new PreparedOutput(pdf, update, whole);
  const base = {
    get pdf() {
      return output.whole();
    },
    original: pdf,
    update,
    byteRange,
    positions,
    digest,
    documentDigest,
    contentsCapacity: capacity,
    subFilter,
    signingTime,
    fieldName,
  };
  const signer = options.signer;
  if (signer.kind === "cms") return remember(base, output);
  const identity = {
    certificate: signer.certificate,
    chain: signer.chain ?? [],
    scheme: signer.kind === "identity" ? signer.scheme : schemeOf(signer),
  };
  const signedAttributes = await buildSignedAttributes({
    digest,
    messageDigest: documentDigest,
    signerCertificate: signer.certificate,
    signingTime: subFilter === "adbe.pkcs7.detached" ? signingTime : undefined,
    crypto,
  });
  const dataToSignDigest = what.attributesDigest
    ? new Uint8Array(await crypto.subtle.digest(digest, bufferSource(signedAttributes)))
    : undefined;
  return remember(Object.assign(base, { identity, signedAttributes, dataToSignDigest }), output);
}

/** The two parts of a prepared output and the assembled file once someone asked for it. */
class PreparedOutput {
  constructor(
    readonly original: Uint8Array,
    readonly update: Uint8Array,
    private assembled: Uint8Array | undefined,
  ) {}

  whole(): Uint8Array {
    this.assembled ??= concatBytes([this.original, this.update]);
    return this.assembled;
  }

  /** The assembled file, if it exists already. */
  get existing(): Uint8Array | undefined {
    return this.assembled;
  }
}

const outputs = new WeakMap<PreparedSignature, PreparedOutput>();

function remember<T extends PreparedSignature>(prepared: T, output: PreparedOutput): T {
  outputs.set(prepared, output);
  return prepared;
}

/**
 * Writes `write` (a CMS embedder working on absolute positions) into the prepared output: into
 * `update` (shifted by the input's length) and into the assembled file when it exists.
 */
export function writePrepared(
  prepared: PreparedSignature,
  write: (target: Uint8Array, shift: number) => void,
): void {
  const output = outputs.get(prepared);
  if (!output) {
    // A copy made by the caller (e.g. `{ ...prepared }`): its `pdf` is a plain buffer.
    write(prepared.pdf, 0);
    return;
  }
  write(output.update, output.original.length);
  const whole = output.existing;
  if (whole) write(whole, 0);
}
