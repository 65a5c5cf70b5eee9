import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Database } from "../../db/client.ts";
import { isFresh } from "../../usecases/plan/freshness.ts";
import { createResponseCache, type ResponseCache } from "../http/response-cache.ts";
import { createApp } from "./app.tsx";

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
  /** The response cache in front of the app (its counters, for tests and the bench). */
  cache: ResponseCache;
}

/**
 * Serves the staff app (with the public API under /api) over HTTP on `port` (0 picks a free one), behind
 * the response cache of apps/http: what the API marked fresh is answered from memory while it is current.
 */
export function serveApp(opts: {
  db: Database;
  port: number;
  hostname?: string;
  secureCookies?: boolean | undefined;
  trustedProxies?: readonly string[] | undefined;
}): Promise<RunningServer> {
  const app = createApp({
    db: opts.db,
    secureCookies: opts.secureCookies,
    trustedProxies: opts.trustedProxies,
  });
  const cache = createResponseCache({ isFresh: (token) => isFresh(opts.db, token) });
  const listener = getRequestListener(async (request, env) =>
    cache.keep(request, await app.fetch(request, env)),
  );
  const server = createServer((req, res) => {
    cache.serve(req, res).then(
      (served) => (served ? undefined : listener(req, res)),
      () => listener(req, res),
    );
  });
  return new Promise((resolveServer, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname ?? "127.0.0.1", () => {
      const info = server.address() as AddressInfo;
      const host = info.address.includes(":") ? `[${info.address}]` : info.address;
      resolveServer({
        url: `http://${host === "127.0.0.1" || host === "[::1]" ? "localhost" : host}:${info.port}`,
        cache,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            // Keep-alive connections of browsers would hold close() open.
            server.closeAllConnections();
          }),
      });
    });
  });
}
