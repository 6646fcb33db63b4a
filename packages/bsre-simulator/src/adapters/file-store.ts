import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SimulatorState, StoredDocument } from "../state";
import type { SimulatorStore } from "../store";

/** What `state.json` holds for a signed document: its bytes live in `documents/{id}.b64`. */
type DocumentEntry = Omit<StoredDocument, "pdf">;

const SAFE_ID = /^[\w-]{1,100}$/;

/** Writes `text` to `path` through a temporary file and a rename, so a crash never leaves half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600 });
  await rename(tmp, path);
}

/**
 * Persists the state as `state.json` in `dataDir` (written to a temporary file, then renamed,
 * so a crash never leaves half a file). Signed documents waiting for their one-shot download
 * are kept beside it, one file each (`documents/{id}.b64`, written once, removed when the
 * state drops them), so a save costs the same however many documents are waiting. Saves that
 * arrive while one is being written are coalesced into the next write of the latest state;
 * each caller's promise settles once a write that started after its call is on disk.
 */
export function fileStore(dataDir: string): SimulatorStore {
  const path = join(dataDir, "state.json");
  const docsDir = join(dataDir, "documents");
  const written = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;

  const write = async (state: SimulatorState): Promise<void> => {
    const { documents, ...rest } = state;
    const entries: DocumentEntry[] = documents.map(({ id, createdAt }) => ({ id, createdAt }));
    const text = JSON.stringify({ ...rest, documents: entries });
    const fresh = documents.filter((d) => !written.has(d.id));
    const keep = new Set(documents.map((d) => d.id));
    const gone = [...written].filter((id) => !keep.has(id));
    await mkdir(docsDir, { recursive: true, mode: 0o700 });
    for (const d of fresh) {
      if (!SAFE_ID.test(d.id)) throw new Error("simulator: unsafe document id");
      await writeAtomically(join(docsDir, `${d.id}.b64`), d.pdf);
      written.add(d.id);
    }
    // Documents first, then the state that names them; removals last.
    await writeAtomically(path, text);
    for (const id of gone) {
      await rm(join(docsDir, `${id}.b64`), { force: true });
      written.delete(id);
    }
  };

  return {
    async load() {
      let raw: SimulatorState & { documents: (DocumentEntry & { pdf?: string })[] };
      try {
        raw = JSON.parse(await readFile(path, "utf8"));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
      const documents: StoredDocument[] = [];
      for (const d of raw.documents) {
        // States written before documents moved out still carry `pdf` inline.
        const pdf =
          d.pdf ??
          (SAFE_ID.test(d.id)
            ? await readFile(join(docsDir, `${d.id}.b64`), "utf8").catch(() => undefined)
            : undefined);
        if (pdf === undefined) continue;
        if (d.pdf === undefined) written.add(d.id);
        documents.push({ id: d.id, createdAt: d.createdAt, pdf });
      }
      // Files no state names any more (a crash between the two writes) are removed at the next save.
      for (const f of await readdir(docsDir).catch(() => [] as string[]))
        if (f.endsWith(".b64")) written.add(f.slice(0, -4));
      return { ...raw, documents };
    },
    save(state) {
      if (queued) return queued;
      const next = running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return write(state);
        });
      queued = next;
      running = next;
      return next;
    },
  };
}
