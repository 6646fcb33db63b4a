import { createIncrementalUpdate } from "../pdf/incremental-update";
import { openPdf } from "../pdf/open-pdf";
import { concatBytes } from "./bytes";
import { addDssToUpdate } from "./dss-update";
import { LtvError } from "./errors";
import { existingSignatures } from "./existing-signatures";
import type { RevocationSource } from "./ports";
import { type GatheredValidationData, gatherValidationData } from "./validation-data";

/** Options of {@link addValidationData}. */
export interface AddValidationDataOptions {
  readonly revocation: RevocationSource;
  /** Issuer certificates the signatures do not carry (DER), e.g. roots. */
  readonly extraCertificates?: readonly Uint8Array[];
  /** Which signatures to cover: all (default) or only the newest one (LTA refresh). */
  readonly scope?: "all" | "last";
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
): Promise<AddValidationDataResult> {
  const doc = await openPdf(pdf);
  const signatures = existingSignatures(doc);
  if (signatures.length === 0) throw new LtvError("LTV_NO_SIGNATURE");
  const chosen = options.scope === "last" ? signatures.slice(-1) : signatures;
  const gathered = await gatherValidationData(
    chosen.map((s) => s.contents),
    {
      revocation: options.revocation,
      ...(options.extraCertificates === undefined ? {} : { extraCertificates: options.extraCertificates }),
    },
  );
  const update = createIncrementalUpdate(doc);
  const added = addDssToUpdate(update, gathered);
  if (added === 0) return { pdf, gathered, added };
  const written = await update.write();
  return { pdf: concatBytes([pdf, written.bytes]), gathered, added };
}
