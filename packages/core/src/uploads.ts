import type { UploadCode } from "./codes";
import { type ImageSize, jpegSize, pngSize } from "./image-size";
import { type Issue, type Result, fail, issue, ok } from "./result";
import { type FileType, hasPdfEof, sniffFileType } from "./sniff";

/** What one kind of upload accepts: types (decided by the bytes), size, and pixel bounds for images. */
export interface UploadPolicy {
  readonly types: readonly FileType[];
  readonly maxBytes: number;
  readonly minWidth?: number;
  readonly minHeight?: number;
  readonly maxWidth?: number;
  readonly maxHeight?: number;
}

/** The uploads Teken takes (DOMAIN.md §2-3). */
export type UploadKind = "ktp" | "recommendation_letter" | "signature_specimen" | "document";

const KB = 1024;

/**
 * The agency's limits (1 KB = 1024 bytes): KTP scan JPEG/PNG/PDF 250 KB; recommendation letter
 * PDF 400 KB; signature specimen PNG/JPEG 512 KB, 150x50 to 2000x2000 pixels (our choice: big
 * enough for a clear stroke, small enough to stamp); document to sign PDF 20 MB.
 */
export const uploadPolicies: Readonly<Record<UploadKind, UploadPolicy>> = {
  ktp: { types: ["image/jpeg", "image/png", "application/pdf"], maxBytes: 250 * KB },
  recommendation_letter: { types: ["application/pdf"], maxBytes: 400 * KB },
  signature_specimen: {
    types: ["image/png", "image/jpeg"],
    maxBytes: 512 * KB,
    minWidth: 150,
    minHeight: 50,
    maxWidth: 2000,
    maxHeight: 2000,
  },
  document: { types: ["application/pdf"], maxBytes: 20 * KB * KB },
};

/** An upload to check: its bytes and, when the client sent one, the MIME type it declared. */
export interface UploadInput {
  readonly bytes: Uint8Array;
  readonly declaredType?: string;
}

/** What the bytes turned out to be. */
export interface CheckedUpload {
  readonly type: FileType;
  readonly size: number;
  readonly width?: number;
  readonly height?: number;
}

const aliases: Readonly<Record<string, FileType>> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
  "application/x-pdf": "application/pdf",
};

/** The declared MIME type without parameters, lower case, aliases folded; undefined when it says nothing. */
function declared(type: string | undefined): string | undefined {
  const t = (type ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (t === "" || t === "application/octet-stream") return undefined;
  return aliases[t] ?? t;
}

/** Checks an image's pixel size against the policy's bounds. */
function dimensionIssues(size: ImageSize | undefined, p: UploadPolicy): Issue<UploadCode>[] {
  if (size === undefined) return [issue("UPLOAD_IMAGE_UNREADABLE")];
  const bounds = {
    ...size,
    minWidth: p.minWidth ?? 1,
    minHeight: p.minHeight ?? 1,
    maxWidth: p.maxWidth ?? Number.MAX_SAFE_INTEGER,
    maxHeight: p.maxHeight ?? Number.MAX_SAFE_INTEGER,
  };
  if (size.width < bounds.minWidth || size.height < bounds.minHeight) {
    const { maxWidth: _w, maxHeight: _h, ...params } = bounds;
    return [issue("UPLOAD_IMAGE_TOO_SMALL", [], params)];
  }
  if (size.width > bounds.maxWidth || size.height > bounds.maxHeight) {
    const { minWidth: _w, minHeight: _h, ...params } = bounds;
    return [issue("UPLOAD_IMAGE_TOO_LARGE", [], params)];
  }
  return [];
}

/** Checks the content of a recognised file: a PDF's `%%EOF`, an image's dimensions. */
function contentIssues(
  type: FileType,
  bytes: Uint8Array,
  policy: UploadPolicy,
): { size?: ImageSize; issues: Issue<UploadCode>[] } {
  if (type === "application/pdf") return { issues: hasPdfEof(bytes) ? [] : [issue("UPLOAD_PDF_NO_EOF")] };
  const size = type === "image/png" ? pngSize(bytes) : jpegSize(bytes);
  return size === undefined
    ? { issues: dimensionIssues(size, policy) }
    : { size, issues: dimensionIssues(size, policy) };
}

/**
 * Checks an upload against a policy; the type comes from the bytes, never from a name or a
 * declared MIME type, and a declared type that disagrees is refused with its own code.
 * @example checkUpload({ bytes, declaredType: "application/pdf" }, uploadPolicies.recommendation_letter)
 */
export function checkUpload(input: UploadInput, policy: UploadPolicy): Result<CheckedUpload, UploadCode> {
  const { bytes } = input;
  const allowed = policy.types.join(", ");
  if (bytes.length === 0) return fail(issue("UPLOAD_EMPTY"));
  if (bytes.length > policy.maxBytes)
    return fail(issue("UPLOAD_TOO_LARGE", [], { size: bytes.length, max: policy.maxBytes }));
  const type = sniffFileType(bytes);
  if (type === undefined) return fail(issue("UPLOAD_TYPE_UNKNOWN", [], { allowed }));
  const issues: Issue<UploadCode>[] = [];
  const claimed = declared(input.declaredType);
  if (claimed !== undefined && claimed !== type)
    issues.push(issue("UPLOAD_TYPE_MISMATCH", [], { declared: claimed, detected: type }));
  if (!policy.types.includes(type))
    issues.push(issue("UPLOAD_TYPE_NOT_ALLOWED", [], { detected: type, allowed }));
  if (issues.length > 0) return fail(...issues);
  const content = contentIssues(type, bytes, policy);
  if (content.issues.length > 0) return fail(...content.issues);
  return ok({ type, size: bytes.length, ...content.size });
}
