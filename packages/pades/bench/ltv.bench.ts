/**
 * Long-term signature benchmark: the CPU one `signAtLevel` call costs at B-B, B-T, B-LT and
 * B-LTA, invisible and with a visible stamp (QR + three lines of DejaVu text + border), against
 * @teken/ca's TSA, OCSP responder and CRLs served on a localhost port by a CHILD process — so
 * the CPU counted here (`process.cpuUsage`, user + system of every thread of this process, the
 * Web Crypto thread pool included) is @teken/pades and its HTTP client only, not the simulated
 * TSA/OCSP signing them.
 *
 * Floor, measured interleaved in the same run with the same Web Crypto: what any implementation
 * of the level must compute locally — SHA-256 over the output file once per signature or
 * document time-stamp it adds (1 for B-B/B-T/B-LT, 2 for B-LTA), one RSA-2048 signature, and
 * one RSA-2048 verification per time-stamp token it checks (0 for B-B, 1 for B-T/B-LT, 2 for
 * B-LTA). Printed: median CPU and wall per signature, the floor's CPU and the ratio to it.
 *
 * Run from packages/pades: `node --conditions=source --import tsx bench/ltv.bench.ts [rounds] [file.pdf]`
 * (default 15 rounds, test/fixtures/chromium-letter.pdf, a 25 KB unsigned letter).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { httpRevocationSource } from "../src/ltv/http-revocation-source";
import { httpTimestampAuthority } from "../src/ltv/http-timestamp-authority";
import type { PadesLevel } from "../src/ltv/levels";
import { signAtLevel } from "../src/ltv/sign-at-level";

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

if (process.argv.includes("--serve")) {
  // Child: the test PKI's services on a port; the signer's key and certificates on stdout.
  const { createCaServices } = await import("../test/fixtures/ltv/support/teken-ca-services");
  const ca = await createCaServices({ listen: true });
  const s = ca.pki.signer;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", s.privateKey));
  const line = { tsaUrl: ca.tsaUrl, key: b64(pkcs8), cert: b64(s.certificate), chain: s.chain.map(b64) };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void ca.close().then(() => process.exit(0)));
} else {
  await main();
}

/** Median of numbers. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** CPU milliseconds (user + system, all threads of this process) and wall milliseconds of `run`. */
async function measure(run: () => Promise<unknown>): Promise<{ cpu: number; wall: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { cpu: (cpu.user + cpu.system) / 1000, wall };
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 15);
  const file = process.argv[3] ?? new URL("../test/fixtures/chromium-letter.pdf", import.meta.url).pathname;
  const input = new Uint8Array(readFileSync(file));

  const child = spawn(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, "--serve"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`CA child exited with ${code}`)));
  });
  const served = JSON.parse(first) as { tsaUrl: string; key: string; cert: string; chain: string[] };
  const rsa = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
  const privateKey = await crypto.subtle.importKey("pkcs8", unb64(served.key), rsa, true, ["sign"]);
  const signer = {
    kind: "local" as const,
    privateKey,
    certificate: unb64(served.cert),
    chain: served.chain.map(unb64),
  };
  // The floor's verifications: a key pair of the same size, signature made once.
  const pair = (await crypto.subtle.generateKey(
    { ...rsa, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    false,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const sample = new Uint8Array(await crypto.subtle.sign(rsa, pair.privateKey, new Uint8Array(64)));

  const tsa = httpTimestampAuthority({ endpoints: [served.tsaUrl] });
  const revocation = httpRevocationSource();
  const stamp = {
    visible: {
      placement: { page: "first" as const, rect: [300, 90, 220, 70] as [number, number, number, number] },
      stamp: {
        qrUrl: "https://verifikasi.example.go.id/v/7f3a9c2e41d8b6a0",
        lines: ["Ditandatangani secara elektronik", "Budi Santoso, S.Kom.", "NIP 198001012005011001"],
        border: true,
      },
    },
  };
  const levels: PadesLevel[] = ["B-B", "B-T", "B-LT", "B-LTA"];
  const cases = levels.flatMap((level) => [
    { level, name: level, visible: {} },
    { level, name: `${level} + stamp`, visible: stamp },
  ]);
  const ours = new Map<string, { cpu: number[]; wall: number[]; bytes: number }>();
  const floors = new Map<PadesLevel, number[]>(levels.map((l) => [l, []]));
  const tokens: Record<PadesLevel, number> = { "B-B": 0, "B-T": 1, "B-LT": 1, "B-LTA": 2 };

  for (let round = -2; round < rounds; round++) {
    for (const c of cases) {
      let out: Uint8Array = new Uint8Array();
      const m = await measure(async () => {
        out = (await signAtLevel(input, { signer, level: c.level, tsa, revocation, ...c.visible })).pdf;
      });
      const floor = await measure(async () => {
        for (let i = 0; i < (c.level === "B-LTA" ? 2 : 1); i++)
          await crypto.subtle.digest("SHA-256", out as Uint8Array<ArrayBuffer>);
        await crypto.subtle.sign(rsa, privateKey, new Uint8Array(64));
        for (let i = 0; i < tokens[c.level]; i++)
          await crypto.subtle.verify(rsa, pair.publicKey, sample, new Uint8Array(64));
      });
      if (round < 0) continue; // two warm-up rounds
      const entry = ours.get(c.name) ?? { cpu: [], wall: [], bytes: 0 };
      entry.cpu.push(m.cpu);
      entry.wall.push(m.wall);
      entry.bytes = out.length - input.length;
      ours.set(c.name, entry);
      floors.get(c.level)?.push(floor.cpu);
    }
  }
  child.stdin?.end();

  console.log(
    `input ${input.length} bytes (${file.split("/").pop()}), ${rounds} rounds, RSA-2048, TSA/OCSP/CRL in a child process on localhost`,
  );
  console.log("case              CPU ms   wall ms   floor CPU ms   x floor   bytes appended");
  for (const c of cases) {
    const e = ours.get(c.name);
    if (e === undefined) continue;
    const cpu = median(e.cpu);
    const floor = median(floors.get(c.level) ?? []);
    console.log(
      `${c.name.padEnd(16)} ${cpu.toFixed(1).padStart(7)}  ${median(e.wall).toFixed(1).padStart(8)}  ${floor
        .toFixed(2)
        .padStart(13)}  ${(cpu / floor).toFixed(1).padStart(8)}   ${e.bytes}`,
    );
  }
}
