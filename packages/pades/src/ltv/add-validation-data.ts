import { createIncrementalUpdate } from "../pdf/incremental-update";
import type { PdfDocument } from "../pdf/document";
import { openPdf } from "../pdf/open-pdf";
import { concatBytes, toArrayBuffer, toHex } from "./bytes";
import { type VriEntry, addDssToUpdate } from "./dss-update";
import { LtvError } from "./errors";
import { type ExistingSignature, existingSignatures } from "./existing-signatures";
import type { RevocationSource } from "./ports";
import { type GatheredValidationData, gatherValidationData } from "./validation-data";

/** Per-signature validation data for `/VRI`, keyed by the uppercase hex SHA-1 of the `/Contents` bytes (§12.8.4.4). */
async function vriEntries(
  signatures: readonly ExistingSignature[],
  options: Parameters<typeof gatherValidationData>[1],
): Promise<VriEntry[]> {
  const entries: VriEntry[] = [];
  for (const sig of signatures) {
    const key = toHex(
      new Uint8Array(await globalThis.crypto.subtle.digest("SHA-1", toArrayBuffer(sig.contents))),
    );
    entries.push({ key, data: await gatherValidationData([sig.contents], options) });
  }
  return entries;
}

/** Asks `source` at most once per certificate (VRI gathering repeats the walk per signature). */
function memoized(source: RevocationSource): RevocationSource {
  const ocsp = new Map<string, Promise<Uint8Array | undefined>>();
  const crl = new Map<string, Promise<Uint8Array | undefined>>();
  const once = (cache: typeof ocsp, key: string, ask: () => Promise<Uint8Array | undefined>) => {
    const hit = cache.get(key) ?? ask();
    cache.set(key, hit);
    return hit;
  };
  return {
    ocsp: (cert, issuer) => once(ocsp, toHex(cert), () => source.ocsp(cert, issuer)),
    crl: (cert) => once(crl, toHex(cert), () => source.crl(cert)),
  };
}

/** Options of {@link addValidationData}. */
export interface AddValidationDataOptions {
  readonly revocation: RevocationSource;
  /** Issuer certificates the signatures do not carry (DER), e.g. roots. */
  readonly extraCertificates?: readonly Uint8Array[];
  /** Which signatures to cover: all (default) or only the newest one (LTA refresh). */
  readonly scope?: "all" | "last";
  /** Also write `/VRI` entries per signature (ISO 32000-2 §12.8.4.4); off by default, not recommended for baseline signatures. */
  readonly vri?: boolean;
  /** Password of an encrypted input (the update is encrypted the same way). */
  readonly password?: string;
}

/** The updated PDF and what was gathered (with anything that could not be found). */
export interface AddValidationDataResult {
  readonly pdf: Uint8Array;
  readonly gathered: GatheredValidationData;
  /** Streams added to /DSS (0 when everything was already there: then `pdf` is the input). */
  readonly added: number;
}

/**
 * PAdES B-LT (ETSI EN 319 142-1 §5.4): gathers certificates and revocation data for the
 * document's signatures and time-stamps and writes them to `/DSS` in ONE incremental update.
 * Works on signatures made by other tools; `/VRI` is not written.
 *
 * @example
 * const { pdf: lt, gathered } = await addValidationData(signed, { revocation: httpRevocationSource() });
 * if (gathered.missing.length > 0) console.warn(gathered.missing);
 */
export async function addValidationData(
  pdf: Uint8Array,
  options: AddValidationDataOptions,
  /** @internal A document already opened from exactly `pdf` (with the same password), to skip reopening it. */
  opened?: PdfDocument,
): Promise<AddValidationDataResult> {
  const doc =
    opened ?? (await openPdf(pdf, options.password === undefined ? {} : { password: options.password }));
  const signatures = existingSignatures(doc);
  if (signatures.length === 0) throw new LtvError("LTV_NO_SIGNATURE");
  const chosen = options.scope === "last" ? signatures.slice(-1) : signatures;
  const gatherOptions = {
    revocation: memoized(options.revocation),
    ...(options.extraCertificates === undefined ? {} : { extraCertificates: options.extraCertificates }),
  };
  const gathered = await gatherValidationData(
    chosen.map((s) => s.contents),
    gatherOptions,
  );
  const vri = options.vri === true ? await vriEntries(chosen, gatherOptions) : undefined;
  const update = createIncrementalUpdate(doc);
  const added = addDssToUpdate(update, gathered, vri);
  if (added === 0 && vri === undefined) return { pdf, gathered, added };
  const written = await update.write();
  return { pdf: concatBytes([pdf, written.bytes]), gathered, added };
}
