import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

/** A running Node HTTP server for a Hono app. */
export interface RunningServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves a Hono app (e.g. `createCaHttpApp`) on a local port with @hono/node-server; port 0
 * picks a free one. Node-only, hence under adapters/.
 */
export function serveOnPort(
  app: Pick<Hono, "fetch">,
  options: { readonly port?: number; readonly hostname?: string } = {},
): Promise<RunningServer> {
  const hostname = options.hostname ?? "127.0.0.1";
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname }, (info: AddressInfo) => {
      resolve({
        port: info.port,
        url: `http://${hostname}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
