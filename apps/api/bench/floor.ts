import { createDevCa, defaultSigner, emptyState, openKey, sealKey } from "@teken/bsre-simulator";
import { STAMP_SIZE } from "../src/adapters/bsre-ports";
import { type RunResult, run } from "./run";

/**
 * The floor of one signature, measured in this process with the same pieces the in-process
 * simulator uses but nothing around them: @teken/pades' `signAtLevel` at B-LT with the API's
 * stamp (the simulator's `defaultSigner`: its TSA, OCSP and CRL answered in-process), no HTTP,
 * no database, no KDF.
 */
export async function measureFloor(
  letter: Uint8Array,
  options: { runs: number; concurrency: number; revocationCacheMs: number; stamp?: boolean },
): Promise<RunResult> {
  const ca = await createDevCa({
    state: emptyState(),
    save: async () => {},
    crypto: globalThis.crypto,
    now: () => new Date(),
    pkiBaseUrl: "http://floor.internal/pki",
  });
  if (!ca.routes || !ca.pkiBaseUrl) throw new Error("floor: the dev CA serves no PKI routes");
  const keys = await ca.generateKey();
  const now = Date.now();
  const { certificate } = await ca.issue({
    publicKey: keys.publicKey,
    name: "Floor Signer",
    email: "floor@example.go.id",
    nik: "3201010101800009",
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 86_400_000),
  });
  const signer = defaultSigner({
    pki: { routes: ca.routes, baseUrl: ca.pkiBaseUrl },
    revocationCacheMs: options.revocationCacheMs,
  });
  const sign = () =>
    signer.signPdf({
      pdf: letter,
      privateKey: keys.privateKey,
      certificate,
      chain: ca.chain,
      signerName: "Floor Signer",
      // The stamp the API asks for: a QR code and two lines at the letter's ^ anchor.
      ...(options.stamp === false
        ? {}
        : {
            stamp: {
              content: { kind: "qr" as const, text: "https://tte.example.go.id/v/AbCdEfGhIjKlMnOpQrStUv" },
              placement: {
                kind: "anchor" as const,
                text: "^",
                width: STAMP_SIZE.width,
                height: STAMP_SIZE.height,
              },
              text: "Floor Signer\nNIP 197001012000031001",
            },
          }),
    });
  await sign(); // warm-up: JIT, first CRL
  return run(
    Array.from({ length: options.runs }, (_, i) => i),
    options.concurrency,
    async () => {
      await sign();
    },
  );
}

/** CPU milliseconds of one passphrase check (PBKDF2-SHA-256 at `iterations` + AES-CBC + key import). */
export async function measureKdf(iterations: number, runs = 4): Promise<number> {
  const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const passphrase = "Sejuk-Pagi-di-Ambon-7";
  const sealed = await sealKey(keys.privateKey, passphrase, { crypto, iterations });
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    if (!(await openKey(sealed, passphrase, { crypto }))) throw new Error("kdf: the key did not open");
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / runs;
}
