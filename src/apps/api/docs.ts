import { html, raw } from "hono/html";

interface Doc {
  info: { title: string; description: string; version: string };
  paths: Record<
    string,
    Record<string, { summary: string; parameters?: { name: string; in: string; description?: string }[] }>
  >;
  components: { schemas: Record<string, unknown> };
}

/** The API documentation page, rendered on the server from the OpenAPI document (no script needed). */
export function renderApiDocs(document: object) {
  const d = document as Doc;
  const ops = Object.entries(d.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  return html`<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${d.info.title}</title><link rel="stylesheet" href="/static/tokens.css"><link rel="stylesheet" href="/static/app.css"></head>
<body><main class="main"><h1>${d.info.title} <span class="muted">v${d.info.version}</span></h1>
<p>${d.info.description}</p>
<p>OpenAPI 3.1 の定義: <a href="/api/openapi.json">/api/openapi.json</a>。応答には ETag と Cache-Control: public, max-age=60 が付きます。</p>
<h2>エンドポイント</h2>
<div class="table-wrap"><table class="table"><caption>読み取り専用（GET）</caption>
<thead><tr><th scope="col">メソッド</th><th scope="col">パス</th><th scope="col">内容</th><th scope="col">パラメーター</th></tr></thead><tbody>
${ops.map(
  (o) =>
    html`<tr><td>${o.method}</td><td><code>/api${o.path}</code></td><td>${o.op.summary}</td><td>${(
      o.op.parameters ?? []
    ).map(
      (p) =>
        html`<div><code>${p.name}</code>（${p.in}）${p.description ? html`: ${p.description}` : ""}</div>`,
    )}</td></tr>`,
)}
</tbody></table></div>
<h2>スキーマ</h2>
${Object.entries(d.components.schemas).map(
  ([id, s]) =>
    html`<h3 id="${id}">${id}</h3><pre class="schema">${raw(escapeHtml(JSON.stringify(s, null, 2)))}</pre>`,
)}
</main></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
