import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { enrol, failure, fixture, startHarness } from "../../test/harness";
import { fileStore } from "./file-store";

const USER = {
  nik: "3201011505800001",
  email: "budi@kemenag.go.id",
  nama: "Budi Santoso",
  passphrase: "Sejuk-Pagi-di-Ambon-7",
};

describe("fileStore", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("keeps users, keys, the CA and the outbox across a restart, and never writes the passphrase", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bsre-sim-data-"));
    dirs.push(dir);
    const first = await startHarness("in-process", { store: fileStore(dir) });
    await enrol(first, USER);
    const signedBefore = await first.client.v1.signPdf({
      file: fixture("gs-letter.pdf"),
      nik: USER.nik,
      passphrase: USER.passphrase,
      tampilan: "invisible",
    });
    const chainBefore = first.sim.chain;
    await first.close();

    const text = readFileSync(join(dir, "state.json"), "utf8");
    expect(text).not.toContain(USER.passphrase);
    expect(JSON.parse(text).users[0].status).toBe("ISSUE");

    const second = await startHarness("in-process", { store: fileStore(dir) });
    expect(second.sim.chain).toEqual(chainBefore);
    expect((await second.client.v1.userStatus(USER.nik)).canSign).toBe(true);
    expect(
      (
        await failure(
          second.client.v1.signPdf({
            file: fixture("gs-letter.pdf"),
            nik: USER.nik,
            passphrase: "Wrong-Pass-99",
            tampilan: "invisible",
          }),
        )
      ).code,
    ).toBe("BSRE_WRONG_PASSPHRASE");
    const signedAfter = await second.client.v1.signPdf({
      file: fixture("gs-letter.pdf"),
      nik: USER.nik,
      passphrase: USER.passphrase,
      tampilan: "invisible",
    });
    expect(signedAfter.pdf.byteLength).toBeGreaterThan(0);
    expect(await second.client.v1.download(signedBefore.documentId as string)).toEqual(signedBefore.pdf);
    const outbox = (await (await second.operator("/outbox")).json()) as { messages: { subject: string }[] };
    expect(outbox.messages.map((m) => m.subject)).toEqual([
      "Set Passphrase",
      "Permohonan Penerbitan Berhasil",
    ]);
    await second.close();
  });

  it("starts empty when the folder has no state yet", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bsre-sim-data-"));
    dirs.push(dir);
    expect(await fileStore(dir).load()).toBeUndefined();
  });
});
