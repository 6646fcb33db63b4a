import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs poppler's `pdfsig` on the bytes and returns its report (throws when pdfsig is missing). */
export function pdfsig(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "bsre-sim-"));
  try {
    const file = join(dir, "signed.pdf");
    writeFileSync(file, bytes);
    try {
      return execFileSync("pdfsig", [file], { encoding: "utf8" });
    } catch (error) {
      const e = error as { code?: string; stdout?: string };
      if (e.code === "ENOENT") throw new Error("pdfsig (poppler-utils) is required for this test");
      return e.stdout ?? "";
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The number of signatures pdfsig reports as cryptographically valid. */
export function validSignatures(report: string): number {
  return report.split("\n").filter((l) => l.includes("Signature Validation: Signature is Valid.")).length;
}

/** True when the PDF holds `text` as a string object: literal, hex, or UTF-16BE hex (ISO 32000-2 §7.9.2). */
export function hasPdfString(bytes: Uint8Array, text: string): boolean {
  const body = new TextDecoder("latin1").decode(bytes);
  const hex = (s: string) => Array.from(s, (ch) => ch.charCodeAt(0).toString(16).padStart(2, "0")).join("");
  const utf16 = `feff${Array.from(text, (ch) => ch.charCodeAt(0).toString(16).padStart(4, "0")).join("")}`;
  const lower = body.toLowerCase();
  return body.includes(`(${text})`) || lower.includes(`<${hex(text)}>`) || lower.includes(`<${utf16}>`);
}

/** `openssl crl -text` of a DER CRL (throws when openssl is missing). */
export function opensslCrlText(der: Uint8Array): string {
  return execFileSync("openssl", ["crl", "-inform", "DER", "-noout", "-text"], {
    input: der,
    encoding: "utf8",
  });
}
