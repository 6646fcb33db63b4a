import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { enrol, failure, fixture, startHarness } from "../../test/harness";
import { emptyState } from "../state";
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
    // The signed bytes wait in their own file, not inside state.json.
    const id = signedBefore.documentId as string;
    expect(JSON.parse(text).documents).toEqual([{ id, createdAt: expect.any(String) }]);
    expect(Buffer.from(readFileSync(join(dir, "documents", `${id}.b64`), "utf8"), "base64")).toEqual(
      Buffer.from(signedBefore.pdf),
    );
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
    // The one-shot download dropped it: its file goes with the next save.
    await second.client.v1.userStatus(USER.nik);
    expect(existsSync(join(dir, "documents", `${signedBefore.documentId}.b64`))).toBe(false);
    const outbox = (await (await second.operator("/outbox")).json()) as { messages: { subject: string }[] };
    expect(outbox.messages.map((m) => m.subject)).toEqual([
      "Set Passphrase",
      "Permohonan Penerbitan Berhasil",
    ]);
    await second.close();
  });

  it("coalesces concurrent saves, each settling after a write that includes its change", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bsre-sim-data-"));
    dirs.push(dir);
    const store = fileStore(dir);
    const state = emptyState();
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      state.documents.push({
        id: `doc-${i}`,
        pdf: Buffer.from(`pdf ${i}`).toString("base64"),
        createdAt: "x",
      });
      saves.push(store.save(state));
    }
    await Promise.all(saves);
    // Calls made before the write starts share it: one write of the latest state.
    expect(new Set(saves).size).toBe(1);
    const during = store.save(state);
    const after = store.save(state);
    expect(after).toBe(during);
    await after;
    const loaded = await fileStore(dir).load();
    expect(loaded?.documents.map((d) => Buffer.from(d.pdf, "base64").toString())).toEqual(
      state.documents.map((_, i) => `pdf ${i}`),
    );
    state.documents.splice(0, 49);
    await store.save(state);
    expect(readdirSync(join(dir, "documents")).sort()).toEqual(["doc-49.b64"]);
  });

  it("reads a state written with the documents inline (older format)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bsre-sim-data-"));
    dirs.push(dir);
    const old = { ...emptyState(), documents: [{ id: "d1", pdf: "JVBERi0=", createdAt: "x" }] };
    writeFileSync(join(dir, "state.json"), JSON.stringify(old));
    const store = fileStore(dir);
    const loaded = await store.load();
    expect(loaded?.documents).toEqual(old.documents);
    await store.save(loaded as typeof old);
    expect(readFileSync(join(dir, "documents", "d1.b64"), "utf8")).toBe("JVBERi0=");
    expect(JSON.parse(readFileSync(join(dir, "state.json"), "utf8")).documents).toEqual([
      { id: "d1", createdAt: "x" },
    ]);
  });

  it("starts empty when the folder has no state yet", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bsre-sim-data-"));
    dirs.push(dir);
    expect(await fileStore(dir).load()).toBeUndefined();
  });
});
