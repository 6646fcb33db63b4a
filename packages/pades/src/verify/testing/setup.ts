/**
 * The setup most verifier tests share: the test PKI's signer as test-signer options and as our
 * signer's local key, a signer function per signer, and a verify against the PKI's root.
 */
import { signWithMdp } from "../../ltv/sign-with-mdp";
import { signPdf } from "../../sign/sign-pdf";
import type { VerifyOptions } from "../options";
import { verify } from "../verify";
import type { TestPki } from "./test-pki";
import type { TestSignOptions } from "./test-signer";
import { testSign } from "./test-signer";

/** Test-signer options for the PKI's signer, in field `fieldName`. */
export const testSignOptions = (pki: TestPki, fieldName = "Signature1"): TestSignOptions => ({
  fieldName,
  certificate: pki.signer.certificate,
  chain: pki.signer.chain,
  privateKey: pki.signer.privateKey,
});

/** The PKI's signer as our signer's local key. */
export const localSigner = (pki: TestPki) => ({
  kind: "local" as const,
  privateKey: pki.signer.privateKey,
  certificate: pki.signer.certificate,
  chain: pki.signer.chain,
});

/** Signs approval (no `docMdp`) or certification (`docMdp`) with one signer. */
export type Signer = (pdf: Uint8Array, docMdp?: 1 | 2 | 3) => Promise<Uint8Array>;

/** The test signer (each call in a new field Signature1, Signature2, ...) and our signer
 * (signPdf, or signWithMdp to certify). */
export function bothSigners(pki: TestPki): { testSigner: Signer; ourSigner: Signer } {
  let count = 0;
  const local = localSigner(pki);
  return {
    testSigner: (pdf, docMdp) => testSign(pdf, { ...testSignOptions(pki, `Signature${++count}`), docMdp }),
    ourSigner: (pdf, docMdp) =>
      docMdp === undefined
        ? signPdf(pdf, { signer: local })
        : signWithMdp(pdf, { signer: local, certify: docMdp }),
  };
}

/** Verifies against the PKI's root; revocation not required unless `extra` says so. */
export const verifyAgainst = (pki: TestPki, pdf: Uint8Array, extra: Partial<VerifyOptions> = {}) =>
  verify(pdf, { trustAnchors: [pki.root.certificate], requireRevocation: false, ...extra });
