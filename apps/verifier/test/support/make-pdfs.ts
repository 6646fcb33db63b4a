// Test support: hand-written letters (optionally padded to a size) signed at PAdES B-LT by a
// fresh @teken/ca test PKI, with an in-process TSA and CRLs, so every file verifies offline.
import { createTestPki, issueCrl, respondTimeStamp, type TestPki } from "@teken/ca";
import {
  type LocalKeySigner,
  concatBytes,
  httpTimestampAuthority,
  memoryRevocationSource,
  signAtLevel,
} from "@teken/pades";

const enc = new TextEncoder();

/** The sentence in every letter; tampering changes the amount. */
export const LETTER_TEXT = "Dana hibah sebesar Rp 1.000.000 disetujui.";

/**
 * A one-page PDF 1.7 letter with a classic xref table; `padTo` adds an unreferenced stream
 * of random bytes so the file reaches that many bytes (for large-file tests).
 */
export function makeLetter(padTo = 0): Uint8Array {
  const content = `BT /F1 14 Tf 72 760 Td (Surat Keputusan Nomor 1/2026) Tj 0 -24 Td (${LETTER_TEXT}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const head = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n";
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    at += b.length;
  };
  push(latin1(head));
  objects.forEach((body, i) => {
    offsets.push(at);
    push(latin1(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  const padding = Math.max(0, padTo - at - 400);
  if (padding > 0) {
    offsets.push(at);
    push(latin1(`6 0 obj\n<< /Length ${padding} >>\nstream\n`));
    push(randomBytes(padding));
    push(latin1("\nendstream\nendobj\n"));
  }
  const xref = at;
  const count = offsets.length + 1;
  const table = offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  push(
    latin1(
      `xref\n0 ${count}\n0000000000 65535 f \n${table}trailer\n<< /Size ${count} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return concatBytes(parts);
}

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536)
    globalThis.crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

/** A PKI plus what B-LT signing needs: an in-process TSA and current CRLs. */
export interface SigningKit {
  readonly pki: TestPki;
  /** Signs at B-LT; with `visible`, a stamp at `[x, y, width, height]` on the 1-based page. */
  readonly sign: (
    pdf: Uint8Array,
    fieldName: string,
    visible?: { readonly page: number; readonly rect: readonly [number, number, number, number] },
  ) => Promise<Uint8Array>;
}

/** Builds a fresh test PKI and a B-LT signing function over it (no network). */
export async function createSigningKit(
  signerName = "Budi Santoso",
  signerEmail = "budi.santoso@example.go.id",
): Promise<SigningKit> {
  const pki = await createTestPki({ signerName, signerEmail });
  const tsa = httpTimestampAuthority({
    endpoints: ["http://tsa.test/tsa"],
    fetch: async (input, init) => {
      const body = new Uint8Array(await new Request(input, init).arrayBuffer());
      const reply = await respondTimeStamp(body, {
        tsa: pki.tsa,
        chain: [pki.issuing.certificate, pki.root.certificate],
      });
      return new Response(reply.slice().buffer, {
        headers: { "content-type": "application/timestamp-reply" },
      });
    },
  });
  const crls = [
    await issueCrl(pki.issuing, { store: pki.store }),
    await issueCrl(pki.root, { store: pki.store }),
  ];
  const signer: LocalKeySigner = {
    kind: "local",
    privateKey: pki.signer.privateKey,
    certificate: pki.signer.certificate,
    chain: pki.signer.chain,
  };
  return {
    pki,
    sign: async (pdf, fieldName, visible) =>
      (
        await signAtLevel(pdf, {
          ...(visible ? { visible: { placement: visible } } : {}),
          signer,
          level: "B-LT",
          tsa,
          revocation: memoryRevocationSource({ crls }),
          fieldName,
          reason: "Menyetujui",
          location: "Jakarta",
        })
      ).pdf,
  };
}

/** Signs `pdf` `count` times (fields Tanda-Tangan-1..count). */
export async function signTimes(kit: SigningKit, pdf: Uint8Array, count: number): Promise<Uint8Array> {
  let out = pdf;
  for (let i = 1; i <= count; i++) out = await kit.sign(out, `Tanda-Tangan-${i}`);
  return out;
}

/** Changes the amount in the letter's first revision (same length, so only the hash breaks). */
export function tamper(pdf: Uint8Array): Uint8Array {
  const text = new TextDecoder("latin1").decode(pdf);
  const at = text.indexOf("Rp 1.000.000");
  if (at < 0) throw new Error("letter text not found");
  const out = pdf.slice();
  out.set(enc.encode("Rp 9"), at);
  return out;
}
