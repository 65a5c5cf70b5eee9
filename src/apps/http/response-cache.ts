import type { IncomingMessage, ServerResponse } from "node:http";

// The response cache in front of the apps: a GET whose response said what it was made of (a freshness
// token in the X-Hoshin-Fresh header, see usecases/plan/freshness.ts) is kept as bytes, and the same URL is
// answered from memory for as long as the token is current — checked on every request, with one batched
// query shared by the requests that arrive together, so a read after a commit in any process never gets
// the bytes from before it. Only responses that depend on nothing but the URL and the data may carry the
// header (the public API's plan bodies and lists; never a staff page, never a response with a cookie).
// A conditional request (If-None-Match) or a HEAD goes to the app, which answers 304 as before.

export const FRESHNESS_HEADER = "x-hoshin-fresh";

interface Entry {
  token: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ResponseCacheOptions {
  /** Whether a token is still current (usecases/plan/freshness.ts isFresh). */
  isFresh: (token: string) => Promise<boolean>;
  /** At most this many responses, and this many bytes of bodies, are kept (least recently used go first). */
  maxEntries?: number;
  maxBytes?: number;
}

export interface ResponseCache {
  /** Answers `req` from memory and returns true, or returns false when the app must answer. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Keeps the app's response when it may be kept, and returns what to send (the header removed). */
  keep(request: Request, response: Response): Promise<Response>;
  readonly stats: { hits: number; misses: number; stale: number };
}

const cacheable = (method: string | undefined, ifNoneMatch: string | null | undefined) =>
  method === "GET" && !ifNoneMatch;

export function createResponseCache(opts: ResponseCacheOptions): ResponseCache {
  const maxEntries = opts.maxEntries ?? 1000;
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, stale: 0 };

  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    bytes -= e.body.length;
    entries.delete(key);
  };

  return {
    stats,
    async serve(req, res) {
      const key = req.url;
      if (!key || !cacheable(req.method, req.headers["if-none-match"])) return false;
      const entry = entries.get(key);
      if (!entry) {
        stats.misses++;
        return false;
      }
      if (!(await opts.isFresh(entry.token))) {
        stats.stale++;
        if (entries.get(key) === entry) drop(key);
        return false;
      }
      stats.hits++;
      // Most recently used last.
      entries.delete(key);
      entries.set(key, entry);
      res.writeHead(entry.status, entry.headers);
      res.end(entry.body);
      return true;
    },
    async keep(request, response) {
      const token = response.headers.get(FRESHNESS_HEADER);
      if (token === null) return response;
      const headers = new Headers(response.headers);
      headers.delete(FRESHNESS_HEADER);
      const url = new URL(request.url);
      const key = url.pathname + url.search;
      if (
        response.status !== 200 ||
        headers.has("set-cookie") ||
        !cacheable(request.method, request.headers.get("if-none-match"))
      ) {
        return new Response(response.body, { status: response.status, headers });
      }
      const body = Buffer.from(await response.arrayBuffer());
      headers.set("content-length", String(body.length));
      if (body.length <= maxBytes / 8) {
        drop(key);
        entries.set(key, { token, status: response.status, headers: Object.fromEntries(headers), body });
        bytes += body.length;
        while (entries.size > maxEntries || bytes > maxBytes) {
          const oldest = entries.keys().next().value;
          if (oldest === undefined) break;
          drop(oldest);
        }
      }
      return new Response(body, { status: response.status, headers });
    },
  };
}
