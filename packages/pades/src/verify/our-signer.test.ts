import { beforeAll, describe, expect, it } from "vitest";
import { extendPdf } from "../ltv/extend-pdf";
import { memoryRevocationSource } from "../ltv/memory-revocation-source";
import type { TimestampAuthority } from "../ltv/ports";
import { signWithMdp } from "../ltv/sign-with-mdp";
import { signPdf } from "../sign/sign-pdf";
import * as atk from "./testing/attacks";
import { createTestPki, currentCrl, rootCrl, type TestPki, tsaToken } from "./testing/test-pki";
import { verify } from "./verify";
import { verifyFixture } from "../../test/verify-fixtures";

const fixture = verifyFixture;

let pki: TestPki;
let local: { kind: "local"; privateKey: CryptoKey; certificate: Uint8Array; chain: readonly Uint8Array[] };
let tsa: TimestampAuthority;
beforeAll(async () => {
  pki = await createTestPki();
  local = {
    kind: "local",
    privateKey: pki.signer.privateKey,
    certificate: pki.signer.certificate,
    chain: pki.signer.chain,
  };
  tsa = { timestamp: (digest) => tsaToken(pki, digest) };
}, 60_000);

const check = (pdf: Uint8Array) =>
  verify(pdf, { trustAnchors: [pki.root.certificate], requireRevocation: false });

describe("files made by our own signer (src/sign, src/ltv)", () => {
  it("signPdf B-B on a classic-xref and an xref-stream file: TOTAL_PASSED, PAdES-BASELINE-B", async () => {
    for (const name of ["gs-letter.pdf", "objstm-letter.pdf"]) {
      const r = await check(await signPdf(fixture(name), { signer: local, reason: "Menyetujui" }));
      expect([name, r.verdict, r.signatures[0]?.level, r.signatures[0]?.reason]).toEqual([
        name,
        "TOTAL_PASSED",
        "PAdES-BASELINE-B",
        "Menyetujui",
      ]);
    }
  });
  it("signPdf twice: both pass, the first lists the second as allowed", async () => {
    const once = await signPdf(fixture("gs-letter.pdf"), { signer: local });
    const r = await check(await signPdf(once, { signer: local }));
    expect(r.signatures.map((s) => s.indication)).toEqual(["TOTAL_PASSED", "TOTAL_PASSED"]);
    expect(r.signatures[0]!.changes.every((c) => c.allowed)).toBe(true);
  });
  it("extendPdf to B-LTA: LTA level, document time-stamp valid, revocation required and found", async () => {
    const signed = await signPdf(fixture("gs-letter.pdf"), { signer: local });
    const crl = await currentCrl(pki);
    const { pdf } = await extendPdf(signed, {
      level: "B-LTA",
      tsa,
      // The root's CRL too: the gatherer collects revocation for the issuing CA as well, and the
      // verifier requires it for every certificate of the path but the anchor.
      revocation: memoryRevocationSource({ crls: [crl, await rootCrl(pki)] }),
      extraCertificates: [pki.root.certificate],
    });
    const r = await verify(pdf, { trustAnchors: [pki.root.certificate] });
    const sig = r.signatures.find((s) => s.kind === "signature")!;
    expect([r.verdict, sig.level, sig.signer?.revocation, sig.ltv.ready]).toEqual([
      "TOTAL_PASSED",
      "PAdES-BASELINE-LTA",
      "good",
      true,
    ]);
    expect(r.document.documentTimestampCount).toBeGreaterThanOrEqual(1);
  });
  it("signWithMdp P=2 then an evil annotation: DOCMDP_VIOLATION", async () => {
    const certified = await signWithMdp(fixture("gs-letter.pdf"), { signer: local, certify: 2 });
    expect((await check(certified)).signatures[0]?.certification).toEqual({ permissions: 2 });
    const s = (await check(atk.evilAnnotation(certified))).signatures[0]!;
    expect([s.indication, s.subIndication, s.reasons[0]?.code]).toEqual([
      "TOTAL_FAILED",
      "HASH_FAILURE",
      "DOCMDP_VIOLATION",
    ]);
  });
});
