/** ASCII characters and pairs that read like other letters in common fonts. */
const homoglyphs: readonly (readonly [RegExp, string])[] = [
  [/rn/g, "m"],
  [/vv/g, "w"],
  [/cl/g, "d"],
  [/0/g, "o"],
  [/[1i|]/g, "l"],
  [/5/g, "s"],
  [/8/g, "b"],
  [/9/g, "q"],
];

/**
 * The shape a domain leaves on the eye: lower case, homoglyphs folded, separators dropped, so
 * `kemenag-go.id` and `kernenag.go.id` share the skeleton of `kemenag.go.id`.
 */
export function domainSkeleton(domain: string): string {
  let s = domain.toLowerCase();
  for (const [from, to] of homoglyphs) s = s.replace(from, to);
  return s.replace(/[^a-z0-9]/g, "");
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/**
 * True when `domain` (not itself allowed) imitates `allowed`: it embeds the allowed domain
 * (`kemenag.go.id.evil.com`), shares its skeleton or extends it (`kemenag-go.id`,
 * `kemenaggoid.com`), is within two edits of it (`kemenaq.go.id`, `kemenag.co.id`), or reuses
 * its distinctive first label (`kemenag.com`, `mail-kemenag.net`).
 */
export function isLookalikeDomain(domain: string, allowed: string): boolean {
  const d = domain.toLowerCase();
  const a = allowed.toLowerCase();
  if (d.startsWith(`${a}.`) || d.includes(`.${a}.`) || d.includes(`-${a}`) || d.includes(`${a}-`))
    return true;
  const ds = domainSkeleton(d);
  const as = domainSkeleton(a);
  if (ds.startsWith(as) || editDistance(ds, as) <= 2) return true;
  const brand = domainSkeleton(a.split(".")[0] ?? "");
  return brand.length >= 4 && ds.includes(brand);
}
