/**
 * CPU profile of signAtLevel: N signatures at one level (default B-LT, invisible), @teken/ca's
 * TSA/OCSP/CRL answered in process (no port), then a self/total time table of the functions.
 * Run from packages/pades:
 *   node --conditions=source --import tsx bench/ltv-profile.ts [level] [count] [--stamp]
 * The profile (.cpuprofile) is written to $TMPDIR/teken-ltv-profile and can be opened in Chrome DevTools.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { httpRevocationSource } from "../src/ltv/http-revocation-source";
import { httpTimestampAuthority } from "../src/ltv/http-timestamp-authority";
import type { PadesLevel } from "../src/ltv/levels";
import { signAtLevel } from "../src/ltv/sign-at-level";
import { localSigner } from "../src/verify/testing/setup";
import { createCaServices } from "../test/fixtures/ltv/support/teken-ca-services";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const level = (args[0] ?? "B-LT") as PadesLevel;
const count = Number(args[1] ?? 20);
const stamp = process.argv.includes("--stamp");
const input = new Uint8Array(
  readFileSync(new URL("../test/fixtures/poppler-signed-once.pdf", import.meta.url)),
);

const ca = await createCaServices();
const signer = localSigner(ca.pki);
const tsa = httpTimestampAuthority({ endpoints: [ca.tsaUrl], fetch: ca.fetch });
const revocation = httpRevocationSource({ fetch: ca.fetch });
const visible = stamp
  ? {
      visible: {
        placement: { page: "first" as const, rect: [300, 90, 220, 70] as [number, number, number, number] },
        stamp: {
          qrUrl: "https://verif.example.go.id/v/0123456789abcdef",
          lines: ["Ditandatangani secara elektronik", "Budi Santoso", "NIP 198001012005011001"],
          border: true,
        },
      },
    }
  : {};
const once = () => signAtLevel(input, { signer, level, tsa, revocation, ...visible });
for (let i = 0; i < 3; i++) await once();

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < count; i++) await once();
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const { profile } = await session.post("Profiler.stop");
const dir = join(tmpdir(), "teken-ltv-profile");
mkdirSync(dir, { recursive: true });
const { writeFileSync } = await import("node:fs");
writeFileSync(join(dir, `${level}${stamp ? "-stamp" : ""}.cpuprofile`), JSON.stringify(profile));
void readdirSync;

// self and total time per function (total counted once per sample even under recursion)
type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
const nodes = new Map<number, Node>(profile.nodes.map((n: Node) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes as Node[]) for (const c of n.children ?? []) parent.set(c, n.id);
const dt = new Map<number, number>();
const samples: number[] = profile.samples ?? [];
const deltas: number[] = profile.timeDeltas ?? [];
for (let i = 0; i < samples.length; i++)
  dt.set(samples[i]!, (dt.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
const key = (n: Node) => {
  const url = n.callFrame.url.replace(/^.*\/(packages|node_modules)\//, "$1/");
  return `${n.callFrame.functionName || "(anon)"} ${url}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const total = new Map<string, number>();
for (const [id, ms] of dt) {
  const seen = new Set<string>();
  const leaf = nodes.get(id)!;
  self.set(key(leaf), (self.get(key(leaf)) ?? 0) + ms);
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(nodes.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + ms);
  }
}
const per = (ms: number) => (ms / count).toFixed(2).padStart(7);
console.log(
  `${level}${stamp ? " + stamp" : ""}: ${count} signatures, wall ${(wall / count).toFixed(1)} ms/sig, CPU ${((cpu.user + cpu.system) / 1000 / count).toFixed(1)} ms/sig`,
);
console.log("\nTop self time (ms per signature):");
for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${per(ms)}  ${k}`);
console.log("\nTop total time in packages/pades/src (ms per signature):");
for (const [k, ms] of [...total]
  .filter(([k]) => k.includes("pades/src"))
  .sort((a, b) => b[1] - a[1])
  .slice(0, 40))
  console.log(`${per(ms)}  ${k}`);
await ca.close();
