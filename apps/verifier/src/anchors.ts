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
  return labelled(readCertificates(new TextEncoder().encode(pem)), "bundled");
}

function labelled(ders: readonly Uint8Array[], source: Anchor["source"]): Promise<Anchor[]> {
  return Promise.all(
    ders.map(async (der, i) => ({
      der,
      sha256: await sha256Hex(der),
      label: subjectCommonName(der) ?? `#${i + 1}`,
      source,
    })),
  );
}

/** The file next to index.html that a server may provide with its own trust anchors. */
export const SERVER_ANCHORS_FILE = "anchors.pem";

/** The largest anchors file read (a few hundred certificates); a bigger answer is ignored. */
export const SERVER_ANCHORS_MAX_BYTES = 1024 * 1024;

/**
 * The anchors the serving origin provides in `anchors.pem` next to the page (a plain GET, no
 * credentials; the file holds certificates only). Missing (404), unreachable, too big or not
 * PEM/DER: none. The origin that serves the page's code is trusted already, so its anchors add
 * no new trust; they let a deployment's own CA (e.g. the API's BSrE simulator) verify here.
 */
export async function serverAnchors(
  baseUrl: string,
  fetcher: typeof fetch = globalThis.fetch,
): Promise<Anchor[]> {
  try {
    const response = await fetcher(new URL(SERVER_ANCHORS_FILE, baseUrl).href, {
      method: "GET",
      credentials: "omit",
      cache: "no-cache",
    });
    if (!response.ok) return [];
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > SERVER_ANCHORS_MAX_BYTES) return [];
    return labelled(readCertificates(body), "server");
  } catch {
    return [];
  }
}

/** Bundled, server and user anchors in that order, each certificate once (the first source names it). */
export function mergeAnchors(...lists: readonly (readonly Anchor[])[]): Anchor[] {
  const seen = new Set<string>();
  const out: Anchor[] = [];
  for (const a of lists.flat()) {
    if (seen.has(a.sha256)) continue;
    seen.add(a.sha256);
    out.push(a);
  }
  return out;
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
