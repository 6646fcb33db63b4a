interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

function tlv(der: Uint8Array, at: number): Tlv {
  const tag = der[at] ?? 0;
  let len = der[at + 1] ?? 0;
  let start = at + 2;
  if (len >= 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] ?? 0);
    start += n;
  }
  if (start + len > der.length) throw new RangeError("truncated DER");
  return { tag, start, end: start + len };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const c = tlv(der, at);
    out.push(c);
    at = c.end;
  }
  return out;
}

const CN_OID = [0x55, 0x04, 0x03];

/**
 * The subject common name of a DER certificate (RFC 5280 §4.1.2.6: tbsCertificate's sixth
 * field, after the optional [0] version), or null when it has none or cannot be read.
 */
export function subjectCommonName(der: Uint8Array): string | null {
  try {
    const tbs = children(der, tlv(der, 0))[0];
    if (tbs === undefined) return null;
    const fields = children(der, tbs);
    const subject = fields[(fields[0]?.tag === 0xa0 ? 1 : 0) + 4];
    if (subject === undefined) return null;
    for (const rdn of children(der, subject))
      for (const atv of children(der, rdn)) {
        const [oid, value] = children(der, atv);
        if (oid === undefined || value === undefined) continue;
        const id = der.subarray(oid.start, oid.end);
        if (id.length === 3 && CN_OID.every((b, i) => id[i] === b))
          return new TextDecoder(value.tag === 0x1e ? "utf-16be" : "utf-8").decode(
            der.subarray(value.start, value.end),
          );
      }
    return null;
  } catch {
    return null;
  }
}
