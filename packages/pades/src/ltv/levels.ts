import { LtvError } from "./errors";

/** PAdES baseline levels (ETSI EN 319 142-1 §6): B-B, B-T, B-LT, B-LTA. */
export type PadesLevel = "B-B" | "B-T" | "B-LT" | "B-LTA";

/** The levels in increasing order. */
export const PADES_LEVELS: readonly PadesLevel[] = ["B-B", "B-T", "B-LT", "B-LTA"];

/** Parses a level name (case-insensitive, `PAdES-` prefix optional) or throws LTV_BAD_LEVEL. */
export function parsePadesLevel(text: string): PadesLevel {
  const name = text
    .trim()
    .toUpperCase()
    .replace(/^PADES-/, "");
  // "PAdES-BASELINE-LTA" names the same level as "B-LTA" (ETSI EN 319 142-1 §6.1).
  const short = name.startsWith("BASELINE-") ? `B-${name.slice("BASELINE-".length)}` : name;
  const level = PADES_LEVELS.find((l) => l === short);
  if (level === undefined) throw new LtvError("LTV_BAD_LEVEL", text);
  return level;
}

/** True when `level` is at least `floor`. */
export function atLeast(level: PadesLevel, floor: PadesLevel): boolean {
  return PADES_LEVELS.indexOf(level) >= PADES_LEVELS.indexOf(floor);
}
