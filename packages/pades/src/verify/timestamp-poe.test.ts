import { beforeAll, describe, expect, it } from "vitest";
import { verifyFixture } from "../../test/verify-fixtures";
import { createTestPki, signatureTimestamper, type TestPki, tsaToken } from "./testing/test-pki";
import { testSign } from "./testing/test-signer";
import { verify } from "./verify";

// A time-stamp token cannot prove its own time: its TSA certificate is judged at the validation
// time, or at the time a later valid document time-stamp proves the token existed
// (EN 319 102-1 §5.6.2.2 / §5.6.3, past signature validation). Test PKI validities: TSA 5 years,
// signer 2 years, so in 2032 both the signer and the signature TSA have expired.
const LATER = new Date(Date.UTC(2032, 5, 1));
const REFRESH = new Date(Date.UTC(2030, 5, 1));

let cur: TestPki;
let late: TestPki;
let timed: Uint8Array;
beforeAll(async () => {
  cur = await createTestPki();
  // a TSA certified in 2030, still valid in 2032 (an archive time-stamp added before the first TSA expired)
  late = await createTestPki({ now: () => REFRESH });
  timed = await testSign(verifyFixture("gs-letter.pdf"), {
    fieldName: "S",
    certificate: cur.signer.certificate,
    chain: cur.signer.chain,
    privateKey: cur.signer.privateKey,
    cms: { timestamp: signatureTimestamper(cur) },
  });
}, 60_000);

const check = (pdf: Uint8Array, now: Date) =>
  verify(pdf, {
    trustAnchors: [cur.root.certificate, late.root.certificate],
    requireRevocation: false,
    now,
  });

describe("time-stamp POE: a TSA is judged now or at a later proof, never at its own claim", () => {
  it("today the signature time-stamp proves the signing time (control)", async () => {
    const s = (await check(timed, new Date())).signatures[0]!;
    expect([s.indication, s.level, s.timestamps[0]?.valid]).toEqual([
      "TOTAL_PASSED",
      "PAdES-BASELINE-T",
      true,
    ]);
  });
  it("after the TSA and the signer expired, with no later proof, the token proves nothing: INDETERMINATE/OUT_OF_BOUNDS_NO_POE", async () => {
    const s = (await check(timed, LATER)).signatures[0]!;
    expect([s.indication, s.subIndication, s.provenTime, s.timestamps[0]?.valid]).toEqual([
      "INDETERMINATE",
      "OUT_OF_BOUNDS_NO_POE",
      null,
      false,
    ]);
    expect(s.timestamps[0]?.reasons.map((r) => [r.code, r.detail])).toEqual([
      ["TIMESTAMP_UNTRUSTED", "CERTIFICATE_EXPIRED_NO_POE"],
    ]);
  });
  it("a document time-stamp made while the first TSA was valid carries the proof forward: TOTAL_PASSED at the original time", async () => {
    const archived = await testSign(timed, {
      fieldName: "DocTS",
      certificate: late.signer.certificate,
      privateKey: late.signer.privateKey,
      docTimestamp: (d) => tsaToken(late, d, REFRESH),
    });
    const r = await check(archived, LATER);
    const [sig, docTs] = r.signatures;
    expect([sig!.indication, sig!.timestamps[0]?.valid, docTs!.indication]).toEqual([
      "TOTAL_PASSED",
      true,
      "TOTAL_PASSED",
    ]);
    // the best signature time is the signature time-stamp's, now proven by the archive time-stamp
    expect(sig!.provenTime).toBe(sig!.timestamps[0]!.time);
    expect(new Date(sig!.provenTime!) < REFRESH).toBe(true);
  });
  it("a document time-stamp whose own TSA has expired by the validation time, with nothing later, is INDETERMINATE and proves nothing", async () => {
    const archived = await testSign(timed, {
      fieldName: "DocTS",
      certificate: cur.signer.certificate,
      privateKey: cur.signer.privateKey,
      docTimestamp: (d) => tsaToken(cur, d),
    });
    const r = await check(archived, LATER);
    const [sig, docTs] = r.signatures;
    expect([docTs!.indication, docTs!.subIndication]).toEqual(["INDETERMINATE", "OUT_OF_BOUNDS_NO_POE"]);
    expect([sig!.indication, sig!.subIndication, sig!.provenTime]).toEqual([
      "INDETERMINATE",
      "OUT_OF_BOUNDS_NO_POE",
      null,
    ]);
  });
});
