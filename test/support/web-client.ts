import { expect } from "vitest";
import type { createApp } from "../../src/apps/staff/app.tsx";

export const BASE = "http://localhost";

/**
 * A browser-like client of the staff app in process (`app.request`): keeps cookies, reads the CSRF token
 * from the last page, posts forms with it (or with another token, or none).
 */
export class Client {
  cookies = new Map<string, string>();
  csrf = "";
  constructor(
    private app: ReturnType<typeof createApp>,
    /** The password logIn uses when none is given. */
    private password = "",
  ) {}

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair?.indexOf("=") ?? -1;
      if (!pair || i < 0) continue;
      const value = pair.slice(i + 1);
      if (value === "" || /Max-Age=0/i.test(c)) this.cookies.delete(pair.slice(0, i));
      else this.cookies.set(pair.slice(0, i), value);
    }
  }

  private header(): Record<string, string> {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
  }

  /**
   * GETs a page. Like a browser it follows a permanent redirect (308: an old numeric address sent on to
   * its stable one), so `url` is the path finally served; `{ follow: false }` shows the 308 itself.
   * Other redirects (302, 303) are returned as they are.
   */
  async get(path: string, opts: { follow?: boolean } = {}) {
    let url = path;
    for (let hops = 0; ; hops++) {
      const res = await this.app.request(`${BASE}${url}`, { headers: this.header() });
      this.keep(res);
      const location = res.headers.get("location");
      if (res.status === 308 && location && opts.follow !== false && hops < 5) {
        await res.arrayBuffer();
        url = location;
        continue;
      }
      const body = await res.text();
      const m = /name="_csrf" value="([^"]+)"/.exec(body);
      if (m?.[1]) this.csrf = m[1];
      return { status: res.status, body, location, url };
    }
  }

  async post(
    path: string,
    form: Record<string, string> | FormData,
    opts: { csrf?: string | null; headers?: Record<string, string> } = {},
  ) {
    const body = form instanceof FormData ? form : new URLSearchParams(form);
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) body.set("_csrf", token);
    const headers = { ...this.header(), ...opts.headers };
    const res = await this.app.request(`${BASE}${path}`, { method: "POST", body, headers });
    this.keep(res);
    return { status: res.status, body: await res.text(), location: res.headers.get("location") };
  }

  async logIn(login: string, password = this.password) {
    await this.get("/login");
    const r = await this.post("/login", { loginName: login, password, next: "/" });
    expect(r.status).toBe(303);
    await this.get("/plans");
  }
}
