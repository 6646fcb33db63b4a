import { bench, describe } from "vitest";
import { checkEmail } from "../src/email";
import { parseNik } from "../src/nik";
import { parseNip } from "../src/nip";
import { checkPassphrase } from "../src/passphrase";
import { checkPassword } from "../src/password";
import { checkUpload, uploadPolicies } from "../src/uploads";

const context = { nip: "199901012022032001", nik: "3201014101990001", email: "siti.aminah@kemenag.go.id" };
const bigPdf = new Uint8Array(20 * 1024 * 1024).fill(0x20);
bigPdf.set(new TextEncoder().encode("%PDF-1.7\n"), 0);
bigPdf.set(new TextEncoder().encode("%%EOF\n"), bigPdf.length - 6);

describe("identifiers", () => {
  bench("parseNik", () => {
    parseNik("3201014101990001");
  });
  bench("parseNip", () => {
    parseNip("19660801 198803 1 001");
  });
});

describe("policies", () => {
  bench("checkEmail (look-alike path)", () => {
    checkEmail("budi@kemenag-go.id");
  });
  bench("checkPassword (128 characters)", () => {
    checkPassword("kopi tubruk di pagi hari ".repeat(5).slice(0, 128), context);
  });
  bench("checkPassphrase", () => {
    checkPassphrase("Sejuk-Pagi-di-Ambon-7", { ...context, previous: "Rahasia#Kantor2024" });
  });
  bench("checkUpload (20 MB PDF)", () => {
    checkUpload({ bytes: bigPdf, declaredType: "application/pdf" }, uploadPolicies.document);
  });
});
