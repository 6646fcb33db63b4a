// Writes the generated e2e files into the folder given as the first argument:
//   node --conditions=source --import tsx test/support/generate.ts DIR
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createSigningKit, makeLetter, signTimes, tamper } from "./make-pdfs";

/** Where the visible signature of `surat-terlihat.pdf` sits: page 1, `[x, y, width, height]` in points. */
export const VISIBLE_STAMP = { page: 1, rect: [330, 90, 200, 70] } as const;

/**
 * The generated files: a fresh root, valid single/multi, tampered, unsigned, non-PDF, 50 MB,
 * a visibly signed letter, and a letter from a second CA whose root the test server serves
 * as `anchors.pem` (`server-root.pem`).
 */
export async function generate(dir: string): Promise<void> {
  const kit = await createSigningKit();
  const serverKit = await createSigningKit("Siti Rahayu", "siti.rahayu@example.go.id");
  const single = await kit.sign(makeLetter(), "Tanda-Tangan-1");
  const files: Record<string, Uint8Array | string> = {
    "test-root.pem": kit.pki.pem.root,
    "surat-sah.pdf": single,
    "surat-tiga-ttd.pdf": await signTimes(kit, makeLetter(), 3),
    "surat-diubah.pdf": tamper(single),
    "surat-tanpa-ttd.pdf": makeLetter(),
    "bukan-pdf.txt": "Ini bukan PDF, hanya teks biasa.\n",
    "surat-terlihat.pdf": await kit.sign(makeLetter(), "Tanda-Tangan-1", VISIBLE_STAMP),
    "server-root.pem": serverKit.pki.pem.root,
    "surat-server.pdf": await serverKit.sign(makeLetter(), "Tanda-Tangan-1"),
    "surat-50mb.pdf": await kit.sign(makeLetter(50 * 1024 * 1024), "Tanda-Tangan-1"),
  };
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
}

const dir = process.argv[2];
if (dir !== undefined && process.argv[1]?.endsWith("generate.ts")) await generate(dir);
