// The fields a browser would send from the form with id `formId` of a server-rendered page (inputs,
// textareas, selects; checked boxes and radios only), for in-process route tests. Controls outside the
// form element that name it with form="…" are included, as a browser includes them.

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>])`).exec(tag);
  return m ? decode(m[1] ?? "") : null;
};

export function formFields(html: string, formId = "edit-form"): Record<string, string> {
  const start = html.indexOf(`id="${formId}"`);
  if (start < 0) throw new Error(`no form #${formId} on the page`);
  const open = html.lastIndexOf("<form", start);
  const body = html.slice(open, html.indexOf("</form>", start));
  const out: Record<string, string> = {};
  const take = (tag: string) => {
    const name = attr(tag, "name");
    if (name === null || attr(tag, "disabled") !== null) return;
    const type = attr(tag, "type") ?? "text";
    if ((type === "checkbox" || type === "radio") && attr(tag, "checked") === null) return;
    if (type === "submit" || type === "button") return;
    out[name] = attr(tag, "value") ?? (type === "checkbox" ? "on" : "");
  };
  for (const m of body.matchAll(/<input\b[^>]*>/g)) take(m[0]);
  for (const m of html.matchAll(new RegExp(`<input\\b[^>]*\\sform="${formId}"[^>]*>`, "g"))) take(m[0]);
  for (const m of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(m[0], "name");
    if (name !== null) out[name] = decode(m[2] ?? "");
  }
  for (const m of body.matchAll(/<select\b[^>]*>([\s\S]*?)<\/select>/g)) {
    const name = attr(m[0], "name");
    if (name === null) continue;
    const options = [...(m[1] ?? "").matchAll(/<option\b[^>]*>/g)].map((o) => o[0]);
    const chosen = options.find((o) => attr(o, "selected") !== null) ?? options[0];
    out[name] = chosen ? (attr(chosen, "value") ?? "") : "";
  }
  return out;
}
