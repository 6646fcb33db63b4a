import {
  type RegistryDeps,
  createAccount,
  createDocument,
  createUnit,
  enrolCertificate,
  syncCertificate,
  tables,
} from "@teken/registry";
import { eq } from "drizzle-orm";
import type { InProcessBsre } from "./adapters/in-process-bsre";
import type { MemoryDirectory } from "./adapters/memory-directory";

/** The demo unit's code. */
export const DEMO_UNIT = "DEMO";

/** Demo accounts printed at start-up (development only: the simulator is not a real CA). */
export const demo = {
  password: "Contoh-Sandi-Teken-2026!",
  admin: { email: "admin.demo@kemenag.go.id", name: "Admin Demo" },
  officials: [
    {
      name: "Ahmad Fauzi",
      nip: "197001012000031001",
      nik: "3201010101700001",
      email: "ahmad.fauzi@kemenag.go.id",
      passphrase: "Sejuk-Pagi-di-Ambon-7",
    },
    {
      name: "Dewi Lestari",
      nip: "197502022001122002",
      nik: "3201014202750002",
      email: "dewi.lestari@kemenag.go.id",
      passphrase: "Hujan-Sore-di-Bogor-8",
    },
  ],
  /** Employees in the directory who have not registered yet (for the README walkthrough). */
  applicants: [
    {
      name: "Siti Aminah",
      nip: "198505052010012001",
      nik: "3201014505850001",
      email: "siti.aminah@kemenag.go.id",
    },
  ],
} as const;

function must<T>(
  label: string,
  r: { ok: true; value: T } | { ok: false; issues: readonly { code: string }[] },
): T {
  if (!r.ok) throw new Error(`seed ${label}: ${r.issues.map((i) => i.code).join(", ")}`);
  return r.value;
}

/** Puts the demo employees into the directory (every start: the directory is in memory). */
export function seedDirectory(directory: MemoryDirectory): void {
  for (const p of [...demo.officials, ...demo.applicants])
    directory.add({ nip: p.nip, name: p.name, unitCode: DEMO_UNIT });
}

/**
 * Seeds the demo unit once: an admin, two officials with certificates issued by the in-process
 * simulator, and a sample letter in the first official's inbox. Answers false when it already exists.
 */
export async function seedDemo(
  registry: RegistryDeps,
  bsre: InProcessBsre,
  letter: Uint8Array,
): Promise<boolean> {
  const [existing] = await registry.db.select().from(tables.units).where(eq(tables.units.code, DEMO_UNIT));
  if (existing) return false;
  must("unit", await createUnit(registry, { code: DEMO_UNIT, name: "Kantor Kementerian Agama (Demo)" }));
  const adminId = must(
    "admin",
    await createAccount(registry, {
      actorId: null,
      role: "admin_satker",
      unitCode: DEMO_UNIT,
      ...demo.admin,
      password: demo.password,
    }),
  ).id;
  const officialIds: string[] = [];
  for (const o of demo.officials) {
    const id = must(
      o.name,
      await createAccount(registry, {
        actorId: null,
        role: "pegawai",
        unitCode: DEMO_UNIT,
        name: o.name,
        email: o.email,
        nip: o.nip,
        nik: o.nik,
        password: demo.password,
      }),
    ).id;
    must(`${o.name} enrol`, await enrolCertificate(registry, { userId: id }));
    await bsre.issue({ nik: o.nik, email: o.email, passphrase: o.passphrase });
    must(`${o.name} certificate`, await syncCertificate(registry, { userId: id }));
    officialIds.push(id);
  }
  must(
    "letter",
    await createDocument(registry, {
      actorId: adminId,
      pdf: letter,
      jenis: "Surat Undangan",
      perihal: "Rapat koordinasi tanda tangan elektronik",
      paperSize: "A4",
      steps: [{ kind: "sign", userId: officialIds[0] ?? "" }],
    }),
  );
  return true;
}
