import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fixture, pdfsig, qpdfCheck } from "../../test/fixtures/ltv/support/pdf-tools";
import { type CaServices, createCaServices } from "../../test/fixtures/ltv/support/teken-ca-services";
import type { PdfArray, PdfDict, PdfString } from "../pdf/objects";
import { openPdf } from "../pdf/open-pdf";
import type { LocalKeySigner } from "../sign/ports";
import { docMdpPermission } from "./docmdp";
import { addDocumentTimestamp } from "./document-timestamp";
import { LtvError } from "./errors";
import { existingSignatures } from "./existing-signatures";
import { httpTimestampAuthority } from "./http-timestamp-authority";
import { signAtLevel } from "./sign-at-level";
import { signWithMdp } from "./sign-with-mdp";

// Spawns openssl/pdfsig/qpdf and RSA key generation: generous limits for a loaded 2-core CI.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

describe("certification (DocMDP) and field locks (FieldMDP)", () => {
  let ca: CaServices;
  let signer: LocalKeySigner;
  beforeAll(async () => {
    ca = await createCaServices();
    const s = ca.pki.signer;
    signer = { kind: "local", privateKey: s.privateKey, certificate: s.certificate, chain: s.chain };
  }, 60_000);
  afterAll(() => ca.close());

  it.each([1, 2, 3] as const)(
    "certifies with P=%i: /Reference DocMDP, catalog /Perms, pdfsig valid",
    async (p) => {
      const pdf = await signWithMdp(fixture("minimal-xref.pdf"), { signer, certify: p });
      const doc = await openPdf(pdf);
      expect(docMdpPermission(doc)).toBe(p);
      const [sig] = existingSignatures(doc);
      const perms = doc.resolveDict(doc.catalog.get("Perms"));
      expect(perms?.get("DocMDP")).toEqual(sig?.valueRef);
      const reference = doc.resolveDict(doc.resolveArray(sig?.value.get("Reference"))?.get(0));
      expect(reference?.getName("TransformMethod")).toBe("DocMDP");
      expect(doc.resolveDict(reference?.get("TransformParams"))?.getNumber("P")).toBe(p);
      expect(pdfsig(pdf)).toContain("Signature is Valid.");
      qpdfCheck(pdf);
    },
  );

  it("refuses a second certification and any approval on a P=1 document, still allows a document time-stamp", async () => {
    const certified = fixture("certified-with-indirect-refs-in-dir.pdf"); // pyHanko, DocMDP P=1 via indirect refs
    expect(docMdpPermission(await openPdf(certified))).toBe(1);
    const again = await signWithMdp(certified, { signer, certify: 2 }).catch((e) => e);
    expect(again).toBeInstanceOf(LtvError);
    expect(again.code).toBe("LTV_CERTIFY_NOT_FIRST");
    const approval = await signAtLevel(certified, { signer, level: "B-B" }).catch((e) => e);
    expect(approval).toBeInstanceOf(LtvError);
    expect(approval.code).toBe("LTV_DOCMDP_FORBIDS");
    const tsa = httpTimestampAuthority({ endpoints: [ca.tsaUrl], fetch: ca.fetch });
    const stamped = await addDocumentTimestamp(certified, { tsa });
    expect(pdfsig(stamped)).toContain("Signature is Valid.");
  });

  it("an approval after a P=2 certification is allowed", async () => {
    const certified = await signWithMdp(fixture("minimal-xref.pdf"), { signer, certify: 2 });
    const { pdf } = await signAtLevel(certified, { signer, level: "B-B" });
    expect(pdfsig(pdf).match(/Signature is Valid\./g)).toHaveLength(2);
  });

  it("locks fields: /Lock on the signed field and a FieldMDP /Reference", async () => {
    const pdf = await signWithMdp(fixture("minimal-two-fields.pdf"), {
      signer,
      fieldName: "Sig1",
      lock: { action: "Include", fields: ["Sig2"] },
    });
    const doc = await openPdf(pdf);
    const field = doc.fields().find((f) => f.fullName === "Sig1");
    const lock = doc.resolveDict(field?.dict.get("Lock"));
    expect(lock?.getName("Type")).toBe("SigFieldLock");
    expect(lock?.getName("Action")).toBe("Include");
    const names = (doc.resolveArray(lock?.get("Fields")) as PdfArray).items.map((i) =>
      (i as PdfString).text(),
    );
    expect(names).toEqual(["Sig2"]);
    const [sig] = existingSignatures(doc);
    const reference = doc.resolveDict(doc.resolveArray(sig?.value.get("Reference"))?.get(0)) as PdfDict;
    expect(reference.getName("TransformMethod")).toBe("FieldMDP");
    expect(doc.resolveDict(reference.get("TransformParams"))?.getName("Action")).toBe("Include");
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
    const bad = await signWithMdp(fixture("minimal-two-fields.pdf"), {
      signer,
      lock: { action: "Exclude" },
    }).catch((e) => e);
    expect(bad.code).toBe("LTV_BAD_LEVEL");
  });

  it("certifies at B-T in one call", async () => {
    const { pdf } = await signAtLevel(fixture("minimal-xref.pdf"), {
      signer,
      level: "B-T",
      certify: 3,
      tsa: httpTimestampAuthority({ endpoints: [ca.tsaUrl], fetch: ca.fetch }),
    });
    expect(docMdpPermission(await openPdf(pdf))).toBe(3);
    expect(pdfsig(pdf)).toContain("Signature is Valid.");
  });
});
