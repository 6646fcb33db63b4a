import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type PdfErrorCode, PdfError, isPdfError } from "./errors";
import { createIncrementalUpdate } from "./incremental-update";
import { PdfDict, PdfName, PdfRef, PdfStream, latin1Bytes, pdfDict } from "./objects";
import { openPdf } from "./open-pdf";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    return isPdfError(e) ? e.code : `not a PdfError: ${String(e)}`;
  }
  return undefined;
}

const stream = (filter: string, data: string) =>
  new PdfStream(new PdfDict([["Filter", new PdfName(filter)]]), latin1Bytes(data));

describe("PdfError codes not covered elsewhere", () => {
  it.each<readonly [PdfErrorCode, () => unknown]>([
    ["PDF_FILTER_UNSUPPORTED", () => stream("DCTDecode", "\xff\xd8").decode()],
    ["PDF_FILTER_BROKEN", () => stream("ASCIIHexDecode", "4G>").decode()],
    ["PDF_FILTER_BROKEN", () => stream("FlateDecode", "not deflate at all").decode()],
    [
      "PDF_WRITE_INVALID",
      async () => createIncrementalUpdate(await openPdf(fixture("minimal.pdf"))).set(new PdfRef(0), null),
    ],
    [
      "PDF_WRITE_INVALID",
      async () => {
        const up = createIncrementalUpdate(
          await openPdf(fixture("minimal-rc4.pdf"), { password: "usersecret" }),
        );
        up.set(up.allocate(), pdfDict({}));
        return up.writeSync();
      },
    ],
  ])("%s", async (code, fn) => {
    expect(await codeOf(fn)).toBe(code);
  });

  it("carries an English and an Indonesian message and the cause", () => {
    const cause = new Error("inner");
    const e = new PdfError("PDF_WRONG_PASSWORD", undefined, { cause });
    expect(e.message).toBe("PDF_WRONG_PASSWORD: Wrong PDF password / Kata sandi PDF salah");
    expect(e.messageId).toBe("Kata sandi PDF salah");
    expect(e.cause).toBe(cause);
    expect(isPdfError(e, "PDF_LOOP")).toBe(false);
  });
});
