import { createReadStream, existsSync, statSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
  ".mjs": "text/javascript; charset=utf-8",
  ".pem": "application/x-pem-file",
};

/** An extra route (tests use it to stand in for the API): path -> handler. */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse) => void;

/** A running static server. */
export interface StaticServer {
  readonly url: string;
  readonly server: Server;
  readonly close: () => Promise<void>;
}

/**
 * Serves a built `dist/` folder (index.html for `/`, long caching for hashed assets) plus
 * optional extra routes, on 127.0.0.1.
 */
export async function serveStatic(
  dir: string,
  options: { readonly port?: number; readonly routes?: ReadonlyMap<string, ExtraRoute> } = {},
): Promise<StaticServer> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const extra = options.routes?.get(path);
    if (extra !== undefined) return extra(req, res);
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    const file = normalize(join(root, path === "/" || path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": statSync(file).size,
      "cache-control": file.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
