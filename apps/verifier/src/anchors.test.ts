import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  SERVER_ANCHORS_MAX_BYTES,
  STORAGE_KEY,
  addUserAnchors,
  bundledAnchors,
  mergeAnchors,
  removeUserAnchor,
  serverAnchors,
  userAnchors,
} from "./anchors";
import { subjectCommonName } from "./certificate-name";
import { isDerSequence, readCertificates, sha256Hex } from "./pem";

const corpusPem = readFileSync(new URL("../test/fixtures/corpus-root.pem", import.meta.url), "utf8");
const tekenPem = readFileSync(new URL("../test/fixtures/teken-root.pem", import.meta.url), "utf8");
const enc = (s: string) => new TextEncoder().encode(s);

function memoryStorage(): Pick<Storage, "getItem" | "setItem"> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe("PEM/DER reading", () => {
  it("reads every CERTIFICATE block of a bundle, and one DER certificate", () => {
    const both = readCertificates(enc(corpusPem + tekenPem));
    expect(both).toHaveLength(2);
    expect(readCertificates(both[0]!)).toEqual([both[0]]);
  });
  it("refuses text and truncated DER", () => {
    expect(readCertificates(enc("hello"))).toEqual([]);
    const der = readCertificates(enc(corpusPem))[0]!;
    expect(isDerSequence(der.subarray(0, der.length - 1))).toBe(false);
    expect(readCertificates(der.subarray(0, 100))).toEqual([]);
  });
  it("fingerprints like openssl (SHA-256 of the DER)", async () => {
    const der = readCertificates(enc(corpusPem))[0]!;
    expect(await sha256Hex(der)).toMatch(/^[0-9a-f]{64}$/);
    expect(await sha256Hex(enc("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
  it("reads the subject common name of a certificate (not the issuer's)", () => {
    expect(subjectCommonName(readCertificates(enc(corpusPem))[0]!)).toBe("Test Root CA Indonesia DS G1");
    expect(subjectCommonName(enc("not der"))).toBeNull();
  });
});

describe("anchors", () => {
  it("labels bundled anchors by subject", async () => {
    const list = await bundledAnchors(corpusPem);
    expect(list.map((a) => [a.label, a.source])).toEqual([["Test Root CA Indonesia DS G1", "bundled"]]);
  });
  it("adds user anchors to storage once, reads them back, removes them", async () => {
    const storage = memoryStorage();
    expect(await addUserAnchors(storage, enc(tekenPem), "teken-root.pem")).toBe(1);
    expect(await addUserAnchors(storage, enc(tekenPem), "again.pem")).toBe(0);
    const der = readCertificates(enc(corpusPem))[0]!;
    expect(await addUserAnchors(storage, der, "root.der")).toBe(1);
    const list = await userAnchors(storage);
    expect(list.map((a) => a.source)).toEqual(["user", "user"]);
    expect(list[1]?.label).toBe("Test Root CA Indonesia DS G1");
    await removeUserAnchor(storage, list[0]!.sha256);
    expect((await userAnchors(storage)).map((a) => a.sha256)).toEqual([list[1]?.sha256]);
  });
  it("ignores damaged storage and adds nothing for a non-certificate", async () => {
    const storage = memoryStorage();
    storage.setItem(STORAGE_KEY, "{not json");
    expect(await userAnchors(storage)).toEqual([]);
    expect(await addUserAnchors(storage, enc("hello"), "x.txt")).toBe(0);
    expect(await userAnchors(storage)).toEqual([]);
  });
});

describe("anchors served next to the page (anchors.pem)", () => {
  const answer = (status: number, body: string) => async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), method: init?.method ?? "GET", credentials: init?.credentials });
    return new Response(status === 404 ? "not found" : body, { status });
  };
  let calls: { url: string; method: string; credentials: RequestCredentials | undefined }[] = [];

  it("GETs anchors.pem next to the page without credentials and labels its roots 'server'", async () => {
    calls = [];
    const list = await serverAnchors(
      "https://teken.example/verify/?doc=x",
      answer(200, corpusPem + tekenPem),
    );
    expect(calls).toEqual([
      { url: "https://teken.example/verify/anchors.pem", method: "GET", credentials: "omit" },
    ]);
    expect(list.map((a) => [a.label, a.source])).toEqual([
      ["Test Root CA Indonesia DS G1", "server"],
      [subjectCommonName(list[1]!.der), "server"],
    ]);
  });

  it("tolerates 404, a network error, an HTML fallback page and an oversized answer", async () => {
    expect(await serverAnchors("https://a.example/", answer(404, ""))).toEqual([]);
    expect(
      await serverAnchors("https://a.example/", async () => {
        throw new TypeError("offline");
      }),
    ).toEqual([]);
    expect(await serverAnchors("https://a.example/", answer(200, "<!doctype html><p>app</p>"))).toEqual([]);
    const huge = corpusPem + " ".repeat(SERVER_ANCHORS_MAX_BYTES);
    expect(await serverAnchors("https://a.example/", answer(200, huge))).toEqual([]);
  });

  it("merges bundled, server and user anchors, each certificate once under its first source", async () => {
    const bundled = await bundledAnchors(corpusPem);
    const server = (await bundledAnchors(corpusPem + tekenPem)).map((a) => ({
      ...a,
      source: "server" as const,
    }));
    const merged = mergeAnchors(bundled, server, []);
    expect(merged.map((a) => a.source)).toEqual(["bundled", "server"]);
    expect(merged[1]?.sha256).toBe(server[1]?.sha256);
  });
});
