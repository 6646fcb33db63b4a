import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The verification tests' PDFs: the ones only they use sit in `fixtures/verify/`; the corpus
 * files they share with the reader and signing tests are read from `fixtures/` (one copy each).
 */
const verifyDir = new URL("./fixtures/verify/", import.meta.url);
const sharedDir = new URL("./fixtures/", import.meta.url);

/** Corpus PDFs the verifier's tests and fuzzer use from the shared top-level folder. */
const SHARED = [
  "certified-with-indirect-refs-in-dir.pdf",
  "coverage-anomalies_base.pdf",
  "coverage-anomalies_one-byterange.pdf",
  "coverage-anomalies_signature-gap-too-big.pdf",
  "coverage-anomalies_tail-uncovered.pdf",
  "coverage-anomalies_weird-byterange.pdf",
  "gs-letter.pdf",
  "minimal-signed-twice-both-created.pdf",
  "minimal-two-fields-signed-twice.pdf",
  "minimal-two-fields.pdf",
  "minimal-with-simple-form.pdf",
  "objstm-letter.pdf",
  "pades-lta-dss-indirect-arrs-test.pdf",
  "pades-with-old-style-signing-cert-attr.pdf",
  "pdf-sig-with-econtent.pdf",
  "poppler-signed-once.pdf",
  "poppler-signed-twice.pdf",
  "separate-annots-kids-indir.pdf",
  "sig-no-signed-attrs.pdf",
  "sig-with-ski-sid.pdf",
] as const;

/** The file system path of a verification fixture (its own folder first, then the shared one). */
export function verifyFixturePath(name: string): string {
  const own = new URL(name, verifyDir);
  return fileURLToPath(existsSync(own) ? own : new URL(name, sharedDir));
}

/** The bytes of a verification fixture. */
export function verifyFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(verifyFixturePath(name)));
}

/** Every PDF the verification tests use, sorted by name (the fuzzer's seeds). */
export function verifyFixtureNames(): string[] {
  const own = readdirSync(verifyDir).filter((f) => f.endsWith(".pdf"));
  return [...new Set([...own, ...SHARED])].sort();
}
