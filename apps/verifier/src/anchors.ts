import { subjectCommonName } from "./certificate-name";
import { fromBase64, readCertificates, sha256Hex, toBase64 } from "./pem";
import type { KnownAnchor } from "./view-model";

/** A trust anchor with its DER bytes. */
export interface Anchor extends KnownAnchor {
  readonly der: Uint8Array;
}

/** The localStorage key holding the user's anchors. */
export const STORAGE_KEY = "teken.verifier.anchors";

interface StoredAnchor {
  readonly label: string;
  readonly der: string;
}

/** The minimal storage the anchor list needs (localStorage in the page, a Map in tests). */
export type AnchorStorage = Pick<Storage, "getItem" | "setItem">;

/** The anchors bundled at build time. */
export async function bundledAnchors(pem: string): Promise<Anchor[]> {
  const ders = readCertificates(new TextEncoder().encode(pem));
  return Promise.all(
    ders.map(async (der, i) => ({
      der,
      sha256: await sha256Hex(der),
      label: subjectCommonName(der) ?? `#${i + 1}`,
      source: "bundled" as const,
    })),
  );
}

/** The anchors the user added, from storage; unreadable entries are dropped. */
export async function userAnchors(storage: AnchorStorage): Promise<Anchor[]> {
  let stored: StoredAnchor[] = [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? "[]");
    if (Array.isArray(parsed)) stored = parsed.filter((x): x is StoredAnchor => typeof x?.der === "string");
  } catch {
    stored = [];
  }
  return Promise.all(
    stored.map(async (s) => {
      const der = fromBase64(s.der);
      return { der, sha256: await sha256Hex(der), label: String(s.label), source: "user" as const };
    }),
  );
}

/** Adds the certificates of an uploaded PEM/DER file to storage; returns how many were new. */
export async function addUserAnchors(
  storage: AnchorStorage,
  file: Uint8Array,
  label: string,
): Promise<number> {
  const ders = readCertificates(file);
  const existing = await userAnchors(storage);
  const seen = new Set(existing.map((a) => a.sha256));
  const added: StoredAnchor[] = [];
  for (const [i, der] of ders.entries()) {
    const fp = await sha256Hex(der);
    if (seen.has(fp)) continue;
    seen.add(fp);
    added.push({
      label: subjectCommonName(der) ?? (ders.length > 1 ? `${label} #${i + 1}` : label),
      der: toBase64(der),
    });
  }
  const all = [...existing.map((a) => ({ label: a.label, der: toBase64(a.der) })), ...added];
  storage.setItem(STORAGE_KEY, JSON.stringify(all));
  return added.length;
}

/** Removes one user anchor by fingerprint. */
export async function removeUserAnchor(storage: AnchorStorage, sha256: string): Promise<void> {
  const kept = (await userAnchors(storage)).filter((a) => a.sha256 !== sha256);
  storage.setItem(STORAGE_KEY, JSON.stringify(kept.map((a) => ({ label: a.label, der: toBase64(a.der) }))));
}
