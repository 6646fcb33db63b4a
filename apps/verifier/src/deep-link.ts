/** Where a deep link asks the page to fetch a document from. */
export type DeepLink =
  | { readonly kind: "none" }
  | { readonly kind: "fetch"; readonly url: string; readonly label: string }
  | { readonly kind: "refused"; readonly reason: "no-api" | "foreign-origin" };

/** Runtime settings: the API base (for `?token=`) and the token URL template. */
export interface LinkConfig {
  /** The Teken API base URL, e.g. "https://tte.example.go.id/api"; "" when there is none. */
  readonly apiBase: string;
  /** Path under the API base for a token, `{token}` replaced (URL-encoded). */
  readonly tokenPath: string;
}

/** The default token path: the registry's public lookup by the token printed on a letter. */
export const DEFAULT_TOKEN_PATH = "/public/documents/{token}/pdf";

/**
 * Resolves `?doc=<url>` or `?token=<token>`: a token needs an API base; a document URL is
 * fetched only from this page's origin or the API's, so a QR code cannot send the page to an
 * arbitrary server.
 */
export function resolveDeepLink(search: string, pageUrl: string, config: LinkConfig): DeepLink {
  const params = new URLSearchParams(search);
  const token = params.get("token");
  const doc = params.get("doc");
  const apiBase = config.apiBase.replace(/\/+$/, "");
  if (token !== null && token.trim() !== "") {
    if (apiBase === "") return { kind: "refused", reason: "no-api" };
    const url = new URL(
      apiBase + config.tokenPath.replace("{token}", encodeURIComponent(token.trim())),
      pageUrl,
    );
    return { kind: "fetch", url: url.href, label: token.trim() };
  }
  if (doc !== null && doc.trim() !== "") {
    let url: URL;
    try {
      url = new URL(doc.trim(), pageUrl);
    } catch {
      return { kind: "refused", reason: "foreign-origin" };
    }
    const allowed = new Set([new URL(pageUrl).origin]);
    if (apiBase !== "") allowed.add(new URL(apiBase, pageUrl).origin);
    if (!allowed.has(url.origin) || !/^https?:$/.test(url.protocol))
      return { kind: "refused", reason: "foreign-origin" };
    const name = decodeURIComponent(url.pathname.split("/").pop() ?? "") || url.href;
    return { kind: "fetch", url: url.href, label: name };
  }
  return { kind: "none" };
}

/**
 * The runtime link settings: `<meta name="teken-api-base">` (a server may rewrite it when it
 * serves the page) over the build-time `VITE_TEKEN_API`.
 */
export function readLinkConfig(doc: Document, buildApi: string | undefined): LinkConfig {
  const meta = (name: string) => doc.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim();
  return {
    apiBase: meta("teken-api-base") || buildApi || "",
    tokenPath: meta("teken-token-path") || DEFAULT_TOKEN_PATH,
  };
}
