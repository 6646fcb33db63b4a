// `pnpm serve`: serves the built app (dist/) on http://127.0.0.1:$PORT (default 4173).
// ANCHORS_PEM=/path/root.pem also serves that file as /anchors.pem (the trust anchors this
// server provides, e.g. a running BSrE simulator's root), as the API does at /verify/anchors.pem.
import { existsSync, readFileSync } from "node:fs";
import type { ExtraRoute } from "./static-server";
import { serveStatic } from "./static-server";

const dist = new URL("../dist/", import.meta.url).pathname;
if (!existsSync(`${dist}index.html`)) {
  console.error("dist/ is missing: run `pnpm --filter @teken/verifier build` first");
  process.exit(1);
}
const routes = new Map<string, ExtraRoute>();
const anchors = process.env.ANCHORS_PEM;
if (anchors) {
  if (!existsSync(anchors)) {
    console.error(`ANCHORS_PEM: ${anchors} does not exist`);
    process.exit(1);
  }
  routes.set("/anchors.pem", (_req, res) =>
    res
      .writeHead(200, { "content-type": "application/x-pem-file", "cache-control": "no-cache" })
      .end(readFileSync(anchors)),
  );
}
const running = await serveStatic(dist, { port: Number(process.env.PORT ?? 4173), routes });
console.log(`Teken verifier: ${running.url}/${anchors ? ` (anchors.pem: ${anchors})` : ""}`);
