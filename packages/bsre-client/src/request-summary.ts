/** A value of one request field as it may appear in an error or a log. */
export type SummaryValue =
  | string
  | number
  | boolean
  | null
  | readonly SummaryValue[]
  | { readonly [name: string]: SummaryValue };

/** What a request sent, safe to log: secrets and identifiers masked, files reduced to their size. */
export interface RequestSummary {
  readonly method: string;
  /** Path relative to the base URL, identifiers masked. */
  readonly path: string;
  readonly fields: Readonly<Record<string, SummaryValue>>;
  /** 1 for the first try, 2 for the first retry ... */
  readonly attempt: number;
}

/** Field names whose values are secrets: always replaced, never shortened. */
const SECRET_FIELDS = new Set(["passphrase", "totp", "password", "otp", "pin", "authorization"]);
/** Field names holding personal identifiers: masked to their first and last few characters. */
const IDENTIFIER_FIELDS = new Set(["nik", "nip", "email", "idsubscriber"]);
/** Field names holding file content (bytes or base64 text): reduced to their size. */
const FILE_FIELDS = new Set([
  "file",
  "signed_file",
  "imagettd",
  "imagebase64",
  "image_ttd",
  "ktp",
  "surat_rekomendasi",
]);

/** Replacement text of a secret value. */
export const REDACTED = "[REDACTED]";

/** Masks an identifier such as a NIK or email, keeping enough to tell records apart in a log. */
export function maskIdentifier(value: string): string {
  const at = value.indexOf("@");
  if (at > 0) return `${value.slice(0, 1)}***${value.slice(at)}`;
  if (value.length <= 6) return "***";
  return `${value.slice(0, 4)}${"*".repeat(value.length - 8 > 0 ? value.length - 8 : 1)}${value.slice(-4)}`;
}

/** Describes one field value for a summary. */
export function summariseValue(name: string, value: unknown, depth = 0): SummaryValue {
  const key = name.toLowerCase();
  if (value === undefined || value === null) return null;
  if (SECRET_FIELDS.has(key)) return REDACTED;
  if (value instanceof Uint8Array) return `[file: ${value.byteLength} bytes]`;
  if (typeof Blob !== "undefined" && value instanceof Blob) return `[file: ${value.size} bytes]`;
  if (Array.isArray(value)) return value.map((item) => summariseValue(name, item, depth + 1));
  if (typeof value === "string") {
    if (FILE_FIELDS.has(key)) return `[base64: ${value.length} chars]`;
    if (IDENTIFIER_FIELDS.has(key)) return maskIdentifier(value);
    return value.length > 200 ? `[text: ${value.length} chars]` : value;
  }
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "object" && depth < 4) {
    if ("bytes" in value && (value as { bytes: unknown }).bytes instanceof Uint8Array) {
      return `[file: ${(value as { bytes: Uint8Array }).bytes.byteLength} bytes]`;
    }
    const out: Record<string, SummaryValue> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = summariseValue(k, v, depth + 1);
    return out;
  }
  return "[object]";
}

/** Builds the summary of a request from its fields. */
export function summariseRequest(
  method: string,
  path: string,
  fields: Readonly<Record<string, unknown>>,
  attempt = 1,
): RequestSummary {
  const out: Record<string, SummaryValue> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) out[name] = summariseValue(name, value);
  }
  return { method, path, fields: out, attempt };
}
