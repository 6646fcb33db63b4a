/** Benchmarks: key generation, a full test PKI, OCSP and TSA answers, PBKDF2 key export. Run: pnpm bench. */
import {
  buildTimeStampRequest,
  createTestPki,
  exportEncryptedPrivateKey,
  generateKeyPair,
  issueCrl,
  KEY_ALGORITHMS,
  respondTimeStamp,
} from "../src/index";

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(42)} ${ms.toFixed(1).padStart(9)} ms/op  (${runs} runs)`);
}

for (const alg of KEY_ALGORITHMS) {
  await time(`generateKeyPair ${alg}`, alg.endsWith("4096") ? 2 : 5, () => generateKeyPair(alg));
}
await time("createTestPki (rsa-2048)", 3, () => createTestPki());
await time("createTestPki (ecdsa-p256)", 3, () => createTestPki({ keyAlgorithm: "ecdsa-p256" }));
const pki = await createTestPki();
const query = buildTimeStampRequest({ digest: new Uint8Array(32).fill(7) });
await time("respondTimeStamp (rsa-2048 TSA)", 50, () =>
  respondTimeStamp(query, { tsa: pki.tsa, store: pki.store }),
);
await time("issueCrl (empty)", 50, () => issueCrl(pki.issuing, { store: pki.store }));
await time("exportEncryptedPrivateKey (600k PBKDF2)", 3, () =>
  exportEncryptedPrivateKey(pki.signer.privateKey, "passphrase"),
);
