/** Data Package 1.0-rc.2: the package metadata (name, profile, licenses, sources, contributors…) and paths. */

import { type Checker, isObj, type Obj, q } from "./checker.ts";

/** Data Package / Data Resource `name`: lower-case alphanumerics, ".", "_", "-". */
export const NAME = /^[a-z0-9._-]+$/;

/** The registry schemas' url-or-path pattern: no leading ".", "/" or "~", no "..". */
const POSIX_PATH = /^(?=[^./~])(?!.*\.\.).*$/s;

const URL_PATH = /^https?:\/\//i;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const LICENSE_NAME = /^[-a-zA-Z0-9._]+$/;

const CONTRIBUTOR_ROLES = new Set(["author", "publisher", "maintainer", "wrangler", "contributor"]);

export function checkPackageMetadata(ctx: Checker, d: Obj): void {
  if (d.profile !== "tabular-data-package")
    ctx.add("profile", `"tabular-data-package" が必要です（${q(d.profile)}）。`);
  if (d.name === undefined) ctx.add("name", "パッケージ名がありません。");
  else if (typeof d.name !== "string" || !NAME.test(d.name))
    ctx.add("name", `小文字の英数字と「.」「_」「-」だけの名前が必要です（${q(d.name)}）。`);
  for (const k of ["id", "title", "description", "version", "image"]) {
    if (d[k] !== undefined && typeof d[k] !== "string") ctx.add(k, "文字列ではありません。");
  }
  if (d.homepage !== undefined && (typeof d.homepage !== "string" || !URL_PATH.test(d.homepage)))
    ctx.add("homepage", "http(s) の URL ではありません。");
  if (d.created !== undefined && (typeof d.created !== "string" || !RFC3339.test(d.created)))
    ctx.add("created", "RFC 3339 の日時ではありません。");
  if (d.keywords !== undefined) {
    if (
      !Array.isArray(d.keywords) ||
      d.keywords.length === 0 ||
      d.keywords.some((k) => typeof k !== "string")
    )
      ctx.add("keywords", "文字列の空でない配列ではありません。");
  }
  if (d.licenses !== undefined) checkLicenses(ctx, d.licenses, "licenses");
  if (d.sources !== undefined) checkSources(ctx, d.sources);
  if (d.contributors !== undefined) {
    if (!Array.isArray(d.contributors)) ctx.add("contributors", "配列ではありません。");
    else
      d.contributors.forEach((c, i) => {
        const w = `contributors[${i}]`;
        if (!isObj(c) || typeof c.title !== "string") ctx.add(w, "title を持つオブジェクトが必要です。");
        else if (c.role !== undefined && !CONTRIBUTOR_ROLES.has(String(c.role)))
          ctx.add(`${w}.role`, `author・publisher・maintainer・wrangler・contributor のどれでもありません。`);
      });
  }
  // Fiscal Data Package 0.3 package properties.
  const cc = d.countryCode;
  if (cc !== undefined) {
    const ok = (x: unknown) => typeof x === "string" && /^[A-Z]{2}$/.test(x);
    if (!(ok(cc) || (Array.isArray(cc) && cc.length > 0 && cc.every(ok))))
      ctx.add("countryCode", "ISO 3166-1 alpha-2 の国コード（大文字2文字）ではありません。");
  }
  if (d.granularity !== undefined && d.granularity !== "aggregated" && d.granularity !== "transactional")
    ctx.add("granularity", `"aggregated" か "transactional" が必要です（${q(d.granularity)}）。`);
  if (d.fiscalPeriod !== undefined) {
    const date = /^\d{4}-(0?[1-9]|1[012])-(0?[1-9]|[12]\d|3[01])/;
    const fp = d.fiscalPeriod;
    if (!isObj(fp) || typeof fp.start !== "string" || !date.test(fp.start))
      ctx.add("fiscalPeriod.start", "YYYY-MM-DD の開始日が必要です。");
    else if (fp.end !== undefined && (typeof fp.end !== "string" || !date.test(fp.end)))
      ctx.add("fiscalPeriod.end", "YYYY-MM-DD ではありません。");
  }
}

export function checkLicenses(ctx: Checker, x: unknown, where: string): void {
  if (!Array.isArray(x) || x.length === 0) {
    ctx.add(where, "空でない配列ではありません。");
    return;
  }
  x.forEach((l, i) => {
    const w = `${where}[${i}]`;
    if (!isObj(l) || (l.name === undefined && l.path === undefined)) {
      ctx.add(w, "name か path を持つオブジェクトが必要です。");
      return;
    }
    if (l.name !== undefined && (typeof l.name !== "string" || !LICENSE_NAME.test(l.name)))
      ctx.add(`${w}.name`, "Open Definition のライセンス ID ではありません。");
    if (l.path !== undefined) urlOrPath(ctx, l.path, `${w}.path`, false);
  });
}

function checkSources(ctx: Checker, x: unknown): void {
  if (!Array.isArray(x)) {
    ctx.add("sources", "配列ではありません。");
    return;
  }
  x.forEach((s, i) => {
    const w = `sources[${i}]`;
    if (!isObj(s) || typeof s.title !== "string") {
      ctx.add(w, "title を持つオブジェクトが必要です。");
      return;
    }
    if (s.path !== undefined) urlOrPath(ctx, s.path, `${w}.path`, true);
  });
}

/** A url-or-path; a relative path must be one of the files when `mustExist`. Returns the kind. */
export function urlOrPath(
  ctx: Checker,
  p: unknown,
  where: string,
  mustExist: boolean,
): "url" | "path" | null {
  if (typeof p !== "string" || p === "") {
    ctx.add(where, "空でない文字列ではありません。");
    return null;
  }
  if (URL_PATH.test(p)) return "url";
  if (/^[a-z][a-z0-9+.-]*:/i.test(p)) {
    ctx.add(where, `URL は http か https に限ります（${q(p)}）。`);
    return null;
  }
  if (!POSIX_PATH.test(p) || p.split("/").includes("..")) {
    ctx.add(
      where,
      `記述子からの相対パス（「/」「.」「~」で始まらず「..」を含まない）ではありません（${q(p)}）。`,
    );
    return null;
  }
  if (mustExist && !ctx.files.has(p)) ctx.add(where, `ファイル ${q(p)} がありません。`);
  return "path";
}
