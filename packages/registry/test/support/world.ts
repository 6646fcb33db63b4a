import { createDatabaseBlobStore } from "../../src/blob/database-blob-store";
import type { RegistryDeps } from "../../src/context";
import type { Database } from "../../src/db/create-database";
import { createRosterDirectory } from "../../src/directory/roster-directory";
import { createAccount, createUnit } from "../../src/usecases/accounts";
import { enrolCertificate, syncCertificate } from "../../src/usecases/certificates";
import { type RegisterInput, registerEmployee } from "../../src/usecases/registration";
import { approveRegistration } from "../../src/usecases/verification";
import { FakeCa, FakeSigner, identity, markerPreparer, pdf, png } from "./fakes";

/** A test world: one database, fakes for the outside ports, a unit with an admin, and a roster. */
export interface World {
  deps: RegistryDeps;
  ca: FakeCa;
  signer: FakeSigner;
  roster: { nip: string; name: string; unitCode: string }[];
  unitCode: string;
  adminId: string;
  now: { value: Date };
}

let worlds = 0;

/** Builds a world on an open database; each call makes a new unit so tests do not see each other. */
export async function makeWorld(database: Database): Promise<World> {
  worlds++;
  const unitCode = `SATKER-${worlds}-${Math.random().toString(36).slice(2, 8)}`;
  const roster: World["roster"] = [];
  const directory = {
    lookup: async (nip: string) => createRosterDirectory(JSON.stringify(roster), "json").lookup(nip),
  };
  const ca = new FakeCa();
  const signer = new FakeSigner();
  const now = { value: new Date("2026-03-01T08:00:00.000Z") };
  const deps: RegistryDeps = {
    db: database.db,
    blobs: createDatabaseBlobStore(database.db),
    directory,
    ca,
    signer,
    preparer: markerPreparer,
    now: () => now.value,
  };
  const unit = await createUnit(deps, { code: unitCode, name: `Satker ${worlds}` });
  if (!unit.ok) throw new Error("unit");
  const admin = await createAccount(deps, {
    actorId: null,
    role: "admin_satker",
    unitCode,
    name: `Admin ${worlds}`,
    email: `admin.${unitCode.toLowerCase()}@kemenag.go.id`,
    password: "Teh-Manis-Hangat-Pagi-42",
  });
  if (!admin.ok) throw new Error(JSON.stringify(admin.issues));
  return { deps, ca, signer, roster, unitCode, adminId: admin.value.id, now };
}

/** A valid registration form for a new employee listed in the world's roster. */
export function form(world: World, name = "Budi Santoso"): RegisterInput & { name: string } {
  const id = identity();
  world.roster.push({ nip: id.nip, name, unitCode: world.unitCode });
  return {
    ...id,
    name,
    email: `${name.toLowerCase().replace(/\W+/g, ".")}.${id.nip.slice(-3)}@kemenag.go.id`,
    password: "Sandi-Yang-Kuat-2026",
    passwordConfirmation: "Sandi-Yang-Kuat-2026",
    specimen: { bytes: png(300), fileName: "ttd.png" },
    ktp: { bytes: png(1000 + id.nip.length), fileName: "ktp.png" },
    recommendation: { bytes: pdf(`rekom ${id.nip}`), fileName: "rekomendasi.pdf" },
  };
}

/** Registers and approves an employee and marks their certificate issued; returns ids. */
export async function signerReady(
  world: World,
  name: string,
): Promise<{ userId: string; nik: string; email: string }> {
  const f = form(world, name);
  const reg = await registerEmployee(world.deps, f);
  if (!reg.ok) throw new Error(JSON.stringify(reg.issues));
  const ok = await approveRegistration(world.deps, { actorId: world.adminId, userId: reg.value.userId });
  if (!ok.ok) throw new Error(JSON.stringify(ok.issues));
  await enrolCertificate(world.deps, { userId: reg.value.userId });
  world.ca.set(f.nik, {
    status: "ISSUE",
    notBefore: new Date("2026-01-01T00:00:00Z"),
    notAfter: new Date("2028-01-01T00:00:00Z"),
  });
  const synced = await syncCertificate(world.deps, { userId: reg.value.userId });
  if (!synced.ok) throw new Error(JSON.stringify(synced.issues));
  return { userId: reg.value.userId, nik: f.nik, email: f.email };
}
