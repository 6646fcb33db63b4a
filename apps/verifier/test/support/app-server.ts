// Test support: serves the built app plus an API stand-in, and records what reached the server.
import { readFileSync } from "node:fs";
import { type ExtraRoute, serveStatic, type StaticServer } from "../../scripts/static-server";

/** A request as the server saw it. */
export interface ServerHit {
  readonly method: string;
  readonly path: string;
  readonly bodyBytes: number;
}

/** The served app and the requests it received. */
export interface AppServer extends StaticServer {
  readonly hits: ServerHit[];
}

/**
 * Serves `distDir`; `/api/public/documents/<token>/pdf` and `/files/<name>` answer with the
 * files given (the deep-link stand-ins); `/with-api.html` is the page with `/api` as its API
 * base; `/anchors.pem` answers with `options.anchorsPem` when given (else 404, as from a
 * server that provides no anchors). Every request's body size is counted.
 */
export async function serveApp(
  distDir: string,
  files: ReadonlyMap<string, string> = new Map(),
  options: { readonly anchorsPem?: string } = {},
): Promise<AppServer> {
  const hits: ServerHit[] = [];
  const routes = new Map<string, ExtraRoute>();
  const { anchorsPem } = options;
  if (anchorsPem !== undefined)
    routes.set("/anchors.pem", (req, res) => {
      if (req.method !== "GET") return void res.writeHead(405).end();
      res.writeHead(200, { "content-type": "application/x-pem-file" }).end(readFileSync(anchorsPem));
    });
  for (const [name, path] of files) {
    const send: ExtraRoute = (_req, res) => {
      const body = readFileSync(path);
      res.writeHead(200, { "content-type": "application/pdf", "content-length": body.length }).end(body);
    };
    routes.set(`/files/${name}`, send);
    routes.set(`/api/public/documents/${name.replace(/\.pdf$/, "")}/pdf`, send);
  }
  // The page as the API would serve it: the runtime meta tag names the API base.
  routes.set("/with-api.html", (_req, res) => {
    const html = readFileSync(`${distDir}/index.html`, "utf8").replace(
      '<meta name="teken-api-base" content="" />',
      '<meta name="teken-api-base" content="/api" />',
    );
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  });
  const server = await serveStatic(distDir, { routes });
  server.server.prependListener("request", (req) => {
    let bodyBytes = 0;
    req.on("data", (c: Buffer) => {
      bodyBytes += c.length;
    });
    req.on("end", () => hits.push({ method: req.method ?? "", path: req.url ?? "", bodyBytes }));
  });
  return { ...server, hits };
}
