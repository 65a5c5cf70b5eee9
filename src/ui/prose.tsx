// Shared JSX parts of the staff pages and the printed book (and later the citizen portal). Everything in
// src/ui imports only src/domain and hono/jsx: the parts lay out and format what the domain worked out.

/** What the staff pages print for a text that is empty. */
export const NOT_WRITTEN = "（記載なし）";

/**
 * A text as paragraphs, one per line (or one per item of `lines`). An empty text prints nothing, or
 * `missing` in a muted paragraph when given.
 */
export function Prose(p: { text?: string | null; lines?: readonly string[]; missing?: string }) {
  const lines = p.lines ?? (p.text ? p.text.split("\n") : []);
  if (lines.length === 0) return p.missing === undefined ? null : <p class="muted">{p.missing}</p>;
  return (
    <>
      {lines.map((l) => (
        <p>{l}</p>
      ))}
    </>
  );
}
