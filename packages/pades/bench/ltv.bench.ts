/**
 * Long-term signature benchmark: the extra cost of PAdES B-T, B-LT and B-LTA over B-B, with
 * @teken/ca's TSA, OCSP responder and CRLs served on a localhost port (so HTTP round trips are
 * real, network latency is not). Prints the median of each level and its ratio to B-B.
 * Run from packages/pades: `node --conditions=source --import tsx bench/ltv.bench.ts [rounds]`.
 */
import { readFileSync } from "node:fs";
import { httpRevocationSource } from "../src/ltv/http-revocation-source";
import { httpTimestampAuthority } from "../src/ltv/http-timestamp-authority";
import type { PadesLevel } from "../src/ltv/levels";
import { signAtLevel } from "../src/ltv/sign-at-level";
import { createCaServices } from "../test/fixtures/ltv/support/teken-ca-services";

const rounds = Number(process.argv[2] ?? 15);
const input = new Uint8Array(
  readFileSync(new URL("../test/fixtures/poppler-signed-once.pdf", import.meta.url)),
);

/** Median of numbers. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const ca = await createCaServices({ listen: true });
const s = ca.pki.signer;
const signer = {
  kind: "local" as const,
  privateKey: s.privateKey,
  certificate: s.certificate,
  chain: s.chain,
};
const tsa = httpTimestampAuthority({ endpoints: [ca.tsaUrl] });
const revocation = httpRevocationSource();
const levels: PadesLevel[] = ["B-B", "B-T", "B-LT", "B-LTA"];
const times = new Map<PadesLevel, number[]>(levels.map((l) => [l, []]));
const sizes = new Map<PadesLevel, number>();

for (let round = -2; round < rounds; round++) {
  for (const level of levels) {
    const start = performance.now();
    const { pdf } = await signAtLevel(input, { signer, level, tsa, revocation });
    const ms = performance.now() - start;
    if (round >= 0) times.get(level)?.push(ms); // two warm-up rounds
    sizes.set(level, pdf.length - input.length);
  }
}
await ca.close();

const base = median(times.get("B-B") ?? []);
console.log(
  `input ${input.length} bytes (poppler-signed-once.pdf), ${rounds} rounds, RSA-2048, localhost TSA/OCSP/CRL`,
);
console.log("level   median ms   x B-B   bytes appended");
for (const level of levels) {
  const m = median(times.get(level) ?? []);
  console.log(
    `${level.padEnd(7)} ${m.toFixed(1).padStart(9)}   ${(m / base).toFixed(2).padStart(5)}   ${sizes.get(level)}`,
  );
}
console.log(`B-LT / B-B ratio: ${(median(times.get("B-LT") ?? []) / base).toFixed(2)}`);
