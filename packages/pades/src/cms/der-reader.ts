import { PadesSignError } from "../sign/errors";

/** One DER element located inside a byte array (ITU-T X.690 §8.1): tag, content bounds, end. */
export interface DerElement {
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just after the element. */
  readonly end: number;
}

/** Reads the element starting at `offset` (single-octet tags, definite lengths only, as DER requires). */
export function readElement(bytes: Uint8Array, offset: number): DerElement {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined)
    throw new PadesSignError("PADES_CMS_MALFORMED", "truncated DER");
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) throw new PadesSignError("PADES_CMS_MALFORMED", "unsupported DER length");
    length = 0;
    for (let k = 0; k < n; k++) length = length * 256 + (bytes[offset + 2 + k] ?? 0);
    header += n;
  }
  const end = offset + header + length;
  if (end > bytes.length) throw new PadesSignError("PADES_CMS_MALFORMED", "DER length beyond input");
  return { tag, start: offset, contentStart: offset + header, end };
}

/** The child elements of a constructed element. */
export function childElements(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readElement(bytes, at);
    out.push(child);
    at = child.end;
  }
  return out;
}
