import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN_PATH, resolveDeepLink } from "./deep-link";

const page = "https://verifikasi.example.go.id/verify/";
const withApi = { apiBase: "https://api.example.go.id/v1/", tokenPath: DEFAULT_TOKEN_PATH };
const noApi = { apiBase: "", tokenPath: DEFAULT_TOKEN_PATH };

describe("resolveDeepLink", () => {
  it.each([
    ["", withApi, { kind: "none" }],
    [
      "?token=AB%2F12",
      withApi,
      { kind: "fetch", url: "https://api.example.go.id/v1/public/documents/AB%2F12/pdf", label: "AB/12" },
    ],
    ["?token=AB12", noApi, { kind: "refused", reason: "no-api" }],
    [
      "?doc=/files/surat%201.pdf",
      noApi,
      { kind: "fetch", url: "https://verifikasi.example.go.id/files/surat%201.pdf", label: "surat 1.pdf" },
    ],
    [
      "?doc=https://api.example.go.id/d/1.pdf",
      withApi,
      { kind: "fetch", url: "https://api.example.go.id/d/1.pdf", label: "1.pdf" },
    ],
    ["?doc=https://evil.example/1.pdf", withApi, { kind: "refused", reason: "foreign-origin" }],
    ["?doc=javascript:alert(1)", withApi, { kind: "refused", reason: "foreign-origin" }],
  ] as const)("%s", (search, config, expected) => {
    expect(resolveDeepLink(search, page, config)).toEqual(expected);
  });
});
