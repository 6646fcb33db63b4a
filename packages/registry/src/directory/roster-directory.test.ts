import { describe, expect, it } from "vitest";
import { createRosterDirectory } from "./roster-directory";

describe("roster directory (SIMPEG stand-in)", () => {
  it("reads a CSV roster with quoted fields and finds employees by NIP typed with spaces", async () => {
    const csv =
      'nip,name,unit_code\n198001012005011001,"Santoso, Budi",KANWIL-JABAR\r\n199901012022032001,"Siti ""Ani"" A",KEMENAG-BDG\n';
    const dir = createRosterDirectory(csv, "csv");
    expect(await dir.lookup("19800101 200501 1 001")).toEqual({
      nip: "198001012005011001",
      name: "Santoso, Budi",
      unitCode: "KANWIL-JABAR",
    });
    expect((await dir.lookup("199901012022032001"))?.name).toBe('Siti "Ani" A');
    expect(await dir.lookup("198001012005011002")).toBeUndefined();
  });

  it("reads a JSON roster and refuses malformed rosters", async () => {
    const dir = createRosterDirectory(
      JSON.stringify([{ nip: "198001012005011001", name: " Budi ", unitCode: "X" }]),
      "json",
    );
    expect((await dir.lookup("198001012005011001"))?.name).toBe("Budi");
    expect(() => createRosterDirectory("{}", "json")).toThrow(/array/);
    expect(() => createRosterDirectory('[{"nip":1}]', "json")).toThrow(/row 1/);
    expect(() => createRosterDirectory("nip,nama\n1,2", "csv")).toThrow(/name/);
  });
});
