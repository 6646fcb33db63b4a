import type { Employee, EmployeeDirectory } from "../ports";

/**
 * An `EmployeeDirectory` over a roster exported from the personnel system: a JSON array of
 * `{nip, name, unitCode}` or a CSV with a `nip,name,unit_code` header (quoted fields allowed).
 */
export function createRosterDirectory(roster: string, format: "csv" | "json"): EmployeeDirectory {
  const employees = format === "json" ? parseJsonRoster(roster) : parseCsvRoster(roster);
  const byNip = new Map(employees.map((e) => [e.nip, e]));
  return { lookup: async (nip) => byNip.get(nip.replace(/[\s.-]/g, "")) };
}

function parseJsonRoster(text: string): Employee[] {
  const data: unknown = JSON.parse(text);
  if (!Array.isArray(data)) throw new Error("roster JSON must be an array");
  return data.map((row: unknown, i) => {
    const r = row as Record<string, unknown>;
    if (typeof r.nip !== "string" || typeof r.name !== "string" || typeof r.unitCode !== "string") {
      throw new Error(`roster row ${i + 1} needs nip, name and unitCode strings`);
    }
    return { nip: r.nip.replace(/[\s.-]/g, ""), name: r.name.trim(), unitCode: r.unitCode.trim() };
  });
}

function parseCsvRoster(text: string): Employee[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = splitCsvLine(lines[0] ?? "").map((h) => h.trim().toLowerCase());
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`roster CSV lacks a "${name}" column`);
    return i;
  };
  const [nip, name, unit] = [col("nip"), col("name"), col("unit_code")];
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return {
      nip: (cells[nip] ?? "").replace(/[\s.-]/g, ""),
      name: (cells[name] ?? "").trim(),
      unitCode: (cells[unit] ?? "").trim(),
    };
  });
}

/** Splits one CSV line (RFC 4180 §2: quoted fields, doubled quotes). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
