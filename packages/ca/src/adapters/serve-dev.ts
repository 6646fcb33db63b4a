/**
 * Development server: a fresh test PKI served over HTTP, with its certificates written to a
 * directory so openssl and curl can talk to it.
 *   pnpm --filter @teken/ca serve:dev [port] [dir]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Hono } from "hono";
import { createCaHttpApp } from "../http-app";
import { exportEncryptedPrivateKey } from "../encrypted-private-key";
import { toPem } from "../pem";
import { createTestPki } from "../test-pki";
import { serveOnPort } from "./node-serve";

const port = Number(process.argv[2] ?? 8080);
const dir = process.argv[3] ?? "teken-dev-pki";
const base = `http://127.0.0.1:${port}/pki`;
const pki = await createTestPki({ baseUrl: base });
const app = new Hono().route(
  "/pki",
  createCaHttpApp({
    authorities: [pki.root, pki.issuing],
    store: pki.store,
    ocspSigners: { issuing: pki.ocspSigner },
    tsa: { tsa: pki.tsa, chain: [pki.issuing.certificate] },
  }),
);
mkdirSync(dir, { recursive: true });
for (const [name, pem] of Object.entries(pki.pem)) writeFileSync(join(dir, `${name}.pem`), pem);
const key = await exportEncryptedPrivateKey(pki.signer.privateKey, "test1234", { iterations: 100_000 });
writeFileSync(join(dir, "signer-key.pem"), toPem(key, "ENCRYPTED PRIVATE KEY"));
const server = await serveOnPort(app, { port });
console.log(`Teken development PKI at ${server.url}/pki (files in ${dir}/, signer key passphrase test1234)`);
console.log(`  signer serial ${pki.signer.serialNumber}`);
