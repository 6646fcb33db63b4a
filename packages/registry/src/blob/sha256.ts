import { createHash } from "node:crypto";

/** Lowercase hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const HASH = /^[0-9a-f]{64}$/;

/** True when a string is a lowercase hex SHA-256. */
export function isSha256Hex(value: string): boolean {
  return HASH.test(value);
}
