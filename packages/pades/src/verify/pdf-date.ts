/** Parses a PDF date string `D:YYYYMMDDHHmmSSOHH'mm'` (ISO 32000-2 §7.9.4) to an ISO instant, or null. */
export function parsePdfDate(text: string): string | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?$/.exec(
    text.trim(),
  );
  if (m === null) return null;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", sign, oh = "00", om = "00"] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (sign === "+" || sign === "-") ms -= (sign === "+" ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
