/** RC4, the stream cipher of PDF encryption V1-V2 and CFM /V2 (ISO 32000-2 §7.6.3.2); Web Crypto lacks it. */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const st = new Uint8Array(256);
  for (let i = 0; i < 256; i++) st[i] = i;
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + st[i]! + key[i % key.length]!) & 0xff;
    const t = st[i]!;
    st[i] = st[j]!;
    st[j] = t;
  }
  const out = new Uint8Array(data.length);
  let x = 0;
  let y = 0;
  for (let n = 0; n < data.length; n++) {
    x = (x + 1) & 0xff;
    y = (y + st[x]!) & 0xff;
    const t = st[x]!;
    st[x] = st[y]!;
    st[y] = t;
    out[n] = data[n]! ^ st[(st[x]! + st[y]!) & 0xff]!;
  }
  return out;
}
