/** Parses a ToUnicode CMap (ISO 32000-2 §9.10.3): `bfchar` and `bfrange` into a code → text map. */
export function parseToUnicode(cmap: Uint8Array): Map<number, string> {
  const text = new TextDecoder("latin1").decode(cmap);
  const map = new Map<number, string>();
  const hex = (h: string) => Number.parseInt(h, 16);
  const utf16 = (h: string) => {
    let s = "";
    for (let i = 0; i + 3 < h.length + 0; i += 4) s += String.fromCharCode(hex(h.slice(i, i + 4)));
    return h.length === 2 ? String.fromCharCode(hex(h)) : s;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) {
      map.set(hex(m[1] ?? "0"), utf16(m[2] ?? ""));
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1] ?? "";
    for (const m of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const lo = hex(m[1] ?? "0");
      const hi = Math.min(hex(m[2] ?? "0"), lo + 0xffff);
      const dst = m[3] ?? "";
      if (dst.startsWith("[")) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1] ?? "");
        items.forEach((d, k) => {
          if (lo + k <= hi) map.set(lo + k, utf16(d));
        });
      } else {
        const base = dst.slice(1, -1);
        const last = hex(base.slice(-4) || "0");
        const prefix = utf16(base.slice(0, -4));
        for (let code = lo; code <= hi; code++) map.set(code, prefix + String.fromCharCode(last + code - lo));
      }
    }
  }
  return map;
}

/** One codespace range (§9.7.6.2): codes of `bytes` bytes whose every byte lies within `lo`..`hi`. */
export interface CodespaceRange {
  readonly bytes: number;
  readonly lo: readonly number[];
  readonly hi: readonly number[];
}

/** What a CMap stream defines, keyed by the code's hex spelling (its length is its byte count). */
export interface ParsedCMap {
  readonly codespace: readonly CodespaceRange[];
  /** bfchar / bfrange: code → Unicode text (a ToUnicode CMap). */
  readonly unicode: ReadonlyMap<string, string>;
  /** cidchar / cidrange: code → CID (an encoding CMap). */
  readonly cids: ReadonlyMap<string, number>;
}

const MAX_RANGE = 0x10000;

function byteList(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) out.push(Number.parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/** The hex key of `value` written on `bytes` bytes. */
export const codeKey = (value: number, bytes: number): string => value.toString(16).padStart(bytes * 2, "0");

function utf16Text(h: string): string {
  if (h.length <= 2) return h === "" ? "" : String.fromCharCode(Number.parseInt(h, 16));
  let s = "";
  for (let i = 0; i + 3 < h.length; i += 4) s += String.fromCharCode(Number.parseInt(h.slice(i, i + 4), 16));
  return s;
}

/**
 * Parses a CMap stream (ISO 32000-2 §9.7.5, §9.10.3; Adobe TN 5014): codespace ranges, bfchar /
 * bfrange (ToUnicode) and cidchar / cidrange (encoding), keeping each code's byte length so that
 * variable-length codes (`<41>` and `<0041>`) stay distinct. Ranges are bounded to 65 536 codes.
 */
export function parseCMap(bytes: Uint8Array): ParsedCMap {
  const text = new TextDecoder("latin1").decode(bytes);
  const codespace: CodespaceRange[] = [];
  const unicode = new Map<string, string>();
  const cids = new Map<string, number>();
  for (const block of text.matchAll(/begincodespacerange([\s\S]*?)endcodespacerange/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const lo = byteList(m[1] ?? "");
      const hi = byteList(m[2] ?? "");
      if (lo.length > 0 && lo.length === hi.length && lo.length <= 4)
        codespace.push({ bytes: lo.length, lo, hi });
    }
  }
  const eachCode = (loHex: string, hiHex: string, f: (key: string, k: number) => void) => {
    const n = loHex.length / 2;
    const lo = Number.parseInt(loHex, 16);
    const hi = Math.min(Number.parseInt(hiHex, 16), lo + MAX_RANGE - 1);
    for (let c = lo; c <= hi; c++) f(codeKey(c, n), c - lo);
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) {
      unicode.set((m[1] ?? "").toLowerCase(), utf16Text(m[2] ?? ""));
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of (block[1] ?? "").matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g,
    )) {
      const dst = m[3] ?? "";
      if (dst.startsWith("[")) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1] ?? "");
        eachCode(m[1] ?? "", m[2] ?? "", (key, k) => {
          if (k < items.length) unicode.set(key, utf16Text(items[k] ?? ""));
        });
      } else {
        const base = dst.slice(1, -1);
        const prefix = utf16Text(base.slice(0, -4));
        const last = Number.parseInt(base.slice(-4) || "0", 16);
        eachCode(m[1] ?? "", m[2] ?? "", (key, k) =>
          unicode.set(key, prefix + String.fromCharCode(last + k)),
        );
      }
    }
  }
  for (const block of text.matchAll(/begincidchar([\s\S]*?)endcidchar/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9a-fA-F]+)>\s*(\d+)/g)) {
      cids.set((m[1] ?? "").toLowerCase(), Number(m[2]));
    }
  }
  for (const block of text.matchAll(/begincidrange([\s\S]*?)endcidrange/g)) {
    for (const m of (block[1] ?? "").matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)/g)) {
      const start = Number(m[3]);
      eachCode(m[1] ?? "", m[2] ?? "", (key, k) => cids.set(key, start + k));
    }
  }
  return { codespace, unicode, cids };
}

/**
 * Splits a shown string into codes by codespace ranges (§9.7.6.2): at each position the shortest
 * range whose bytes all match; with no match, as many bytes as the shortest range (at least 1).
 */
export function splitCodes(bytes: Uint8Array, codespace: readonly CodespaceRange[]): string[] {
  const lengths = [...new Set(codespace.map((r) => r.bytes))].sort((a, b) => a - b);
  const fallback = lengths[0] ?? 1;
  const out: string[] = [];
  for (let i = 0; i < bytes.length; ) {
    let n = 0;
    for (const len of lengths) {
      if (i + len > bytes.length) break;
      const hit = codespace.some(
        (r) =>
          r.bytes === len &&
          r.lo.every(
            (lo, k) => (bytes[i + k] as number) >= lo && (bytes[i + k] as number) <= (r.hi[k] as number),
          ),
      );
      if (hit) {
        n = len;
        break;
      }
    }
    if (n === 0) n = Math.min(fallback, bytes.length - i);
    let key = "";
    for (let k = 0; k < n; k++) key += (bytes[i + k] as number).toString(16).padStart(2, "0");
    out.push(key);
    i += n;
  }
  return out;
}
