/**
 * One table of attack cases, run by attacks.test.ts on the test signer's files and by
 * attacks-our-signer.test.ts on our own signer's files (src/sign, src/ltv). Each case builds
 * the attacked file from the signer's inputs and states the exact verdict expected; where a
 * signer legitimately leads to another outcome the case says so with `{ test, ours }`.
 * Pure data and functions: the test files compare `observe(report, expected)` with `expected`.
 */
import type { Indication, SubIndication, VerificationReport } from "../report";
import * as atk from "./attacks";
import { oddSigner, type TestPki } from "./test-pki";

/** [indication, sub-indication, first reason] of one signature. */
export type Verdict = [Indication, SubIndication | null, string | undefined];

export const PASSED: Verdict = ["TOTAL_PASSED", null, undefined];

/** The verdict of the signature at `index`. */
export function verdict(r: VerificationReport, index = 0): Verdict {
  const s = r.signatures[index]!;
  return [s.indication, s.subIndication, s.reasons[0]?.code];
}

/** The changes listed for the signature at `index` as [kind, object number, allowed], in report order. */
export function changes(r: VerificationReport, index = 0): [string, number | null, boolean][] {
  return r.signatures[index]!.changes.map((c) => [c.kind, c.objectNumber, c.allowed]);
}

/** What one signer provides to build attacked files. */
export interface AttackInputs {
  pki: TestPki;
  /** gs-letter.pdf, unsigned. */
  base: Uint8Array;
  /** `base` with one approval signature. */
  signed: Uint8Array;
  /** minimal-with-simple-form.pdf, unsigned. */
  form: Uint8Array;
  /** `atk.shadowPrepare(base)` signed, with the object numbers the shadow attacks need. */
  shadow: { signed: Uint8Array; contentNum: number; preparedCatalog: number };
  /** An approval signature in a new field. */
  sign(pdf: Uint8Array, fieldName?: string): Promise<Uint8Array>;
  /** A certification signature with DocMDP permissions `p`. */
  certify(pdf: Uint8Array, p: 1 | 2 | 3): Promise<Uint8Array>;
  /** An approval signature by another key and certificate, with the test PKI's chain. */
  signAs(pdf: Uint8Array, key: { certificate: Uint8Array; privateKey: CryptoKey }): Promise<Uint8Array>;
}

/** What a case asserts on the first signature; `verdict` always, the rest when given. */
export interface Expected {
  verdict: Verdict;
  /** The kinds of all listed changes, exactly and in order. */
  kinds?: string[];
  /** A change of this kind on this page (0-based) is listed as not allowed. */
  unpermitted?: { kind: string; page: number };
  coversWholeFile?: boolean;
  certification?: { permissions: 1 | 2 | 3 };
}

export interface AttackCase {
  group: string;
  name: string;
  attack: (i: AttackInputs) => Uint8Array | Promise<Uint8Array>;
  expected: Expected | { test: Expected; ours: Expected };
}

export type SignerName = "test" | "ours";

export function expectedFor(c: AttackCase, signer: SignerName): Expected {
  return "verdict" in c.expected ? c.expected : c.expected[signer];
}

/** The parts of `r` that `expected` asserts, in its shape, for `toEqual(expected)`. */
export function observe(r: VerificationReport, expected: Expected): Expected {
  const s = r.signatures[0]!;
  const seen: Expected = { verdict: verdict(r) };
  if (expected.kinds) seen.kinds = s.changes.map((c) => c.kind);
  if (expected.unpermitted) {
    const { kind, page } = expected.unpermitted;
    const hit = s.changes.find((c) => c.kind === kind && c.page === page && !c.allowed);
    seen.unpermitted = hit ? { kind, page } : { kind: `none of ${JSON.stringify(s.changes)}`, page };
  }
  if (expected.coversWholeFile !== undefined) seen.coversWholeFile = s.coverage.coversWholeFile;
  if (expected.certification) seen.certification = s.certification as Expected["certification"];
  return seen;
}

/** Flips one hex digit near the end of the last /Contents: inside the signature value, which
 * ends the CMS of both signers (no unsigned attributes at B-B). */
export function flipSignatureValue(signed: Uint8Array): Uint8Array {
  const pdf = signed.slice();
  const at = new TextDecoder("latin1").decode(pdf).lastIndexOf("/Contents <") + 11;
  const hex = new TextDecoder("latin1").decode(pdf.subarray(at, at + 60_000)).replace(/0+>.*/s, "");
  const pos = at + hex.length - 20;
  pdf[pos] = pdf[pos] === 0x30 ? 0x31 : 0x30;
  return pdf;
}

const FORMAT = (reason: string): Verdict => ["TOTAL_FAILED", "FORMAT_FAILURE", reason];
const HASH = (reason: string): Verdict => ["TOTAL_FAILED", "HASH_FAILURE", reason];
const USF = "Universal Signature Forgery (CCS 2019)";
const SWA = "Signature Wrapping (CCS 2019)";
const ISA = "Incremental Saving Attack";
const SHADOW = "Shadow attacks (NDSS 2021)";
const MDP = "Certification attacks (IEEE S&P 2021) and MDP";
const CMS = "CMS and certificate attacks";
const odd = (opts: Parameters<typeof oddSigner>[1]) => (i: AttackInputs) =>
  oddSigner(i.pki, opts).then((key) => i.signAs(i.base, key));

export const ATTACK_CASES: AttackCase[] = [
  ["no /Contents", atk.usfNoContents, "CONTENTS_MISSING"] as const,
  ["no /ByteRange", atk.usfNoByteRange, "BYTE_RANGE_MISSING"] as const,
  ["/ByteRange null", atk.usfNullByteRange, "BYTE_RANGE_MISSING"] as const,
  ["/Contents all zeros", atk.usfZeroContents, "CMS_UNPARSABLE"] as const,
  ["/Contents garbage", atk.usfGarbageContents, "CMS_UNPARSABLE"] as const,
]
  .map(
    ([name, edit, reason]): AttackCase => ({
      group: USF,
      name,
      attack: (i) => edit(i.signed),
      expected: { verdict: FORMAT(reason) },
    }),
  )
  .concat(
    [
      ["gap larger than /Contents", atk.swaGapTooBig, "BYTE_RANGE_GAP_NOT_CONTENTS"] as const,
      ["overlapping ranges", atk.swaOverlapping, "BYTE_RANGE_INVALID"] as const,
      ["tail not covered", atk.swaTailUncovered, "BYTE_RANGE_NOT_AT_REVISION_END"] as const,
    ].map(([name, edit, reason]) => ({
      group: SWA,
      name,
      attack: (i) => edit(i.signed),
      expected: { verdict: FORMAT(reason) },
    })),
  )
  .concat([
    {
      group: ISA,
      name: "new page content in a new revision, change listed",
      attack: (i) => atk.isaNewContent(i.signed),
      expected: {
        verdict: HASH("UNPERMITTED_CHANGES"),
        unpermitted: { kind: "page-content", page: 0 },
        coversWholeFile: false,
      },
    },
    {
      group: ISA,
      name: "objects appended without xref/trailer",
      attack: (i) => atk.isaAppendedObjects(i.signed),
      expected: { verdict: HASH("TRAILING_DATA") },
    },
    {
      group: ISA,
      name: "a full new xref without /Prev (the signed revision is gone)",
      attack: (i) => atk.isaFullRewriteXref(i.signed),
      expected: { verdict: FORMAT("BYTE_RANGE_NOT_AT_REVISION_END") },
    },
    {
      group: SHADOW,
      name: "the prepared document itself verifies",
      attack: (i) => i.shadow.signed,
      expected: { verdict: PASSED },
    },
    {
      group: SHADOW,
      name: "hide: xref-only update re-pointing to the old body, object-resurrected",
      attack: (i) => atk.shadowHide(i.shadow.signed, i.shadow.contentNum),
      expected: { verdict: HASH("UNPERMITTED_CHANGES"), kinds: ["object-resurrected"] },
    },
    {
      group: SHADOW,
      name: "replace: overriding the content object, page-content",
      attack: (i) => atk.shadowReplace(i.shadow.signed, i.shadow.contentNum),
      expected: { verdict: HASH("UNPERMITTED_CHANGES"), kinds: ["page-content"] },
    },
    {
      group: SHADOW,
      name: "hide-and-replace: trailer /Root re-pointed, no objects added, catalog",
      attack: (i) => atk.shadowHideAndReplace(i.shadow.signed, i.shadow.preparedCatalog),
      expected: { verdict: HASH("UNPERMITTED_CHANGES"), kinds: ["catalog"] },
    },
    {
      group: SHADOW,
      name: "an update that only frees an object, object-freed",
      attack: (i) => atk.freeObject(i.shadow.signed, i.shadow.contentNum),
      expected: { verdict: HASH("UNPERMITTED_CHANGES"), kinds: ["object-freed"] },
    },
    {
      group: MDP,
      name: "evil annotation on a P=2 certified document",
      attack: async (i) => atk.evilAnnotation(await i.certify(i.base, 2)),
      expected: { verdict: HASH("DOCMDP_VIOLATION"), certification: { permissions: 2 } },
    },
    {
      group: MDP,
      name: "any new signature after P=1",
      attack: async (i) => i.sign(await i.certify(i.base, 1), "Second"),
      expected: { verdict: HASH("DOCMDP_VIOLATION") },
    },
    {
      group: MDP,
      name: "filling a field after an approval signature (no DocMDP)",
      attack: async (i) => atk.fillTextField(await i.sign(i.form), "TextField1", "x"),
      expected: { verdict: HASH("UNPERMITTED_CHANGES") },
    },
    {
      group: CMS,
      name: "a flipped bit in the signature value",
      attack: (i) => flipSignatureValue(i.signed),
      expected: { verdict: ["TOTAL_FAILED", "SIG_CRYPTO_FAILURE", "SIGNATURE_INVALID"] },
    },
    // RSA-1024 was reliable until 2009 (algorithmAtPoe): without a time-stamp from before then
    // the sub-indication is CRYPTO_CONSTRAINTS_FAILURE_NO_POE (EN 319 102-1 §5.2.8).
    {
      group: CMS,
      name: "RSA-1024 signer key",
      attack: odd({ bits: 1024 }),
      expected: { verdict: ["INDETERMINATE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE", "WEAK_KEY"] },
    },
    {
      group: CMS,
      name: "signer without digitalSignature/nonRepudiation",
      attack: odd({ keyUsage: 0x20 }),
      expected: { verdict: ["INDETERMINATE", "CHAIN_CONSTRAINTS_FAILURE", "KEY_USAGE_NOT_ALLOWED"] },
    },
    {
      group: CMS,
      name: "unknown critical extension",
      attack: odd({ criticalUnknown: true }),
      expected: { verdict: ["INDETERMINATE", "CHAIN_CONSTRAINTS_FAILURE", "UNKNOWN_CRITICAL_EXTENSION"] },
    },
  ]);

/** `verdict` as `A/B/C` for test names. */
export const describeVerdict = (e: Expected): string => e.verdict.filter((v) => v != null).join("/");
