// `pnpm serve`: serves the built app (dist/) on http://127.0.0.1:$PORT (default 4173).
import { existsSync } from "node:fs";
import { serveStatic } from "./static-server";

const dist = new URL("../dist/", import.meta.url).pathname;
if (!existsSync(`${dist}index.html`)) {
  console.error("dist/ is missing: run `pnpm --filter @teken/verifier build` first");
  process.exit(1);
}
const running = await serveStatic(dist, { port: Number(process.env.PORT ?? 4173) });
console.log(`Teken verifier: ${running.url}/`);
