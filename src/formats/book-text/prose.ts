/**
 * Prose as the book prints it: plain lines, HTML fragments (<p>…</p>, <ul><li>…), list markers.
 * Turns them into paragraphs; nothing here drops words.
 */

const NULL_TEXTS = new Set(["", "--", "—", "―", "－", "ー", "-", "なし"]);

/** Collapses runs of white space (incl. 全角 space) inside a paragraph to one space, trims. */
export function collapse(s: string): string {
  return s.replace(/[\s\u3000]+/g, " ").trim();
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * Paragraphs of one source line: each <p>…</p> is a paragraph; <br> and </li>/<li> boundaries are kept
 * inside the paragraph as spaces; every other tag is removed.
 */
export function paragraphsOf(line: string): string[] {
  if (/<p[\s>]/i.test(line)) {
    const out: string[] = [];
    for (const part of line.split(/<\/?p(?:\s[^>]*)?>/i)) {
      const t = collapse(decodeEntities(part.replace(/<[^>]*>/g, " ")));
      if (t !== "") out.push(t);
    }
    return out;
  }
  const t = collapse(decodeEntities(line.replace(/<[^>]*>/g, " ")));
  return t === "" ? [] : [t];
}

/** 「- ・項目」 → 「・項目」: the Markdown-like list marker some books carry. */
export function stripDash(s: string): string {
  return s.replace(/^-\s+/, "");
}

/** 「・項目」 → 「項目」 */
export function stripBullet(s: string): string {
  return s.replace(/^[・･•●○◦]\s*/, "");
}

/** Paragraphs of many lines, each stripped of a leading 「- 」 marker. */
export function paragraphs(lines: string[]): string[] {
  return lines
    .flatMap(paragraphsOf)
    .map(stripDash)
    .map(collapse)
    .filter((p) => p !== "");
}

/** A prose field: paragraphs joined by newlines; null for empty, 「--」 or 「—」. */
export function prose(lines: string[]): string | null {
  const ps = paragraphs(lines).filter((p) => !NULL_TEXTS.has(p));
  return ps.length === 0 ? null : ps.join("\n");
}

/** A cell's text as one paragraph (HTML removed, white space collapsed), or null. */
export function cellText(cell: string): string | null {
  return prose([cell]);
}
