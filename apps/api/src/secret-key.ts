import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** File name of the generated development key inside the data folder. */
export const SECRET_KEY_FILE = "secret.key";

/** Parses a 32-byte key given as 64 hex characters or base64/base64url; undefined otherwise. */
export function parseSecretKey(text: string): Uint8Array | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return new Uint8Array(Buffer.from(t, "hex"));
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const bytes = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === 32) return new Uint8Array(bytes);
  }
  return undefined;
}

/**
 * The server key of an embedded deployment: `<dataDir>/secret.key` (base64, mode 0600), created
 * on first start. Replicas must share one key: set `TEKEN_SECRET_KEY` instead.
 */
export async function dataDirSecretKey(dataDir: string): Promise<Uint8Array> {
  const path = join(dataDir, SECRET_KEY_FILE);
  try {
    await writeFile(path, `${randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (e) {
    if ((e as { code?: string }).code !== "EEXIST") throw e;
  }
  const key = parseSecretKey(await readFile(path, "utf8"));
  if (!key) throw new Error(`${path} does not hold a 32-byte base64 key`);
  return key;
}
