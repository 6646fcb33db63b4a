import { fromBase64, toBase64 } from "./bytes";
import { CaError } from "./errors";

/** PEM labels we write (RFC 7468 §2). */
export type PemLabel =
  | "CERTIFICATE"
  | "X509 CRL"
  | "PRIVATE KEY"
  | "ENCRYPTED PRIVATE KEY"
  | "PUBLIC KEY"
  | "CERTIFICATE REQUEST";

/** Encodes DER bytes as PEM with the given label (RFC 7468). */
export function toPem(der: Uint8Array, label: PemLabel): string {
  const b64 = toBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** Decodes every PEM block in `text` (any label), in order. */
export function fromPemAll(text: string): readonly { readonly label: string; readonly der: Uint8Array }[] {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  return [...text.matchAll(re)].map((m) => ({ label: m[1] ?? "", der: fromBase64(m[2] ?? "") }));
}

/** Decodes the first PEM block in `text`; when `label` is given, the block must carry it. */
export function fromPem(text: string, label?: PemLabel): Uint8Array {
  const block = fromPemAll(text).find((b) => label === undefined || b.label === label);
  if (block === undefined) throw new CaError("CA_INVALID_INPUT", `no PEM block ${label ?? ""}`.trim());
  return block.der;
}
