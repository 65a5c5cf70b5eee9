import type { Diagnostic } from "../../domain/plan/model.ts";

const SEVERITY_JA: Record<Diagnostic["severity"], string> = {
  error: "エラー",
  warning: "警告",
  info: "情報",
};

/** 「book.txt:503: エラー: …」 per diagnostic, then a one-line count. */
export function formatDiagnostics(fileName: string, diagnostics: Diagnostic[]): string {
  const lines = diagnostics.map(
    (d) =>
      `${fileName}${d.line !== null ? `:${d.line}` : ""}: ${SEVERITY_JA[d.severity]}: ${d.message} [${d.code}]`,
  );
  lines.push(countLine(diagnostics));
  return lines.join("\n");
}

export function countLine(diagnostics: Diagnostic[]): string {
  const n = (s: Diagnostic["severity"]) => diagnostics.filter((d) => d.severity === s).length;
  if (diagnostics.length === 0) return "問題は見つかりませんでした。";
  return `エラー ${n("error")} 件、警告 ${n("warning")} 件、情報 ${n("info")} 件`;
}
