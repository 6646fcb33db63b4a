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
