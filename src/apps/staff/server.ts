import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Database } from "../../db/client.ts";
import { createApp } from "./app.tsx";

export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves the staff app over HTTP on `port` (0 picks a free one). */
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
  return new Promise((resolveServer, reject) => {
    const server = serve(
      { fetch: app.fetch, port: opts.port, hostname: opts.hostname ?? "127.0.0.1" },
      (info: AddressInfo) => {
        const host = info.address.includes(":") ? `[${info.address}]` : info.address;
        resolveServer({
          url: `http://${host === "127.0.0.1" || host === "[::1]" ? "localhost" : host}:${info.port}`,
          close: () =>
            new Promise((done) => {
              server.close(() => done());
              // Keep-alive connections of browsers would hold close() open.
              if ("closeAllConnections" in server)
                (server as { closeAllConnections: () => void }).closeAllConnections();
            }),
        });
      },
    );
    server.once("error", reject);
  });
}
