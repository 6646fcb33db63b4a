/**
 * Times sign calls through @teken/bsre-client against an in-process simulator with production
 * defaults (RSA-2048 keys, PBKDF2 600 000 iterations, PAdES-BASELINE-LT with its own TSA/OCSP).
 * Run: pnpm --filter @teken/bsre-simulator bench
 */
import { readFileSync } from "node:fs";
import { createBsreClient } from "@teken/bsre-client";
import { createSimulatorApp } from "../src/index";

const RUNS = Number(process.env.RUNS ?? 5);
const pdf = new Uint8Array(readFileSync(new URL("../test/fixtures/gs-letter.pdf", import.meta.url)));
const user = { nik: "3201011505800001", email: "budi@kemenag.go.id", nama: "Budi Santoso" };
const passphrase = "Sejuk-Pagi-di-Ambon-7";

/** Median of a list of milliseconds. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Times `fn` RUNS times. */
async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  console.log(`${label.padEnd(44)} median ${median(samples).toFixed(0)} ms (n=${RUNS})`);
}

const startup = performance.now();
const sim = await createSimulatorApp();
console.log(
  `${"simulator start (new RSA CA + TSA)".padEnd(44)} ${(performance.now() - startup).toFixed(0)} ms`,
);
const auth = `Basic ${btoa(`${sim.operator.username}:${sim.operator.password}`)}`;
const client = createBsreClient({
  baseUrl: "http://sim",
  credentials: sim.credentials,
  fetch: async (url, init) => sim.app.request(url as string, init),
});
await client.v1.register(user);
await sim.app.request(`/operator/users/${user.nik}/approve`, {
  method: "POST",
  headers: { authorization: auth },
});
const outbox = (await (
  await sim.app.request("/operator/outbox", { headers: { authorization: auth } })
).json()) as {
  messages: { body: string }[];
};
const code = outbox.messages[0]?.body.match(/\d{8}/)?.[0] ?? "";
const enrol = performance.now();
await sim.app.request("/portal/passphrase", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ nik: user.nik, activationCode: code, passphrase }),
});
console.log(
  `${"set passphrase (RSA key + cert + PBKDF2)".padEnd(44)} ${(performance.now() - enrol).toFixed(0)} ms`,
);
await time("v1 sign, invisible, B-LT", () =>
  client.v1.signPdf({ file: pdf, nik: user.nik, passphrase, tampilan: "invisible" }),
);
await time("v1 sign, QR at ^ anchor, B-LT", () =>
  client.v1.signPdf({
    file: pdf,
    nik: user.nik,
    passphrase,
    tampilan: "visible",
    image: false,
    linkQR: "https://x.id/v/1",
    tag_koordinat: "^",
  }),
);
await time("v2 sign, 3 files, B-LT", () =>
  client.v2.signPdf({
    nik: user.nik,
    passphrase,
    files: [pdf, pdf, pdf],
    signatureProperties: [{ tampilan: "INVISIBLE" }],
  }),
);
await time("wrong passphrase (PBKDF2 only)", () =>
  client.v1
    .signPdf({ file: pdf, nik: user.nik, passphrase: "Salah-Sekali-99x", tampilan: "invisible" })
    .catch(() => undefined),
);
await time("v2 verify (an unsigned letter)", () => client.v2.verify({ file: pdf }));
