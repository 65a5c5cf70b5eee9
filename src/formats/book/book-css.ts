/**
 * Print CSS of the book: A4 portrait, Japanese typography with the Noto CJK fonts Debian ships
 * (fonts-noto-cjk), one project sheet per page, tables that never split a row.
 */
export const BOOK_CSS = `
@page { size: A4 portrait; margin: 16mm 14mm 18mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", sans-serif; font-size: 10pt; line-height: 1.6; color: #1a1a1a; }
body { margin: 0; }
@media screen { body { max-width: 190mm; margin: 0 auto; padding: 12mm 0; } section, nav.contents { border-bottom: 1px dashed #999; padding-bottom: 8mm; margin-bottom: 8mm; } }
h1 { font-size: 15pt; margin: 0 0 3mm; border-left: 6px solid #0017c1; padding-left: 3mm; }
h2 { font-size: 11pt; margin: 5mm 0 1.5mm; color: #00118f; }
h3 { font-size: 10pt; margin: 3mm 0 1mm; }
p { margin: 0 0 1.5mm; text-align: justify; }
ul.points { margin: 0 0 2mm; padding-left: 5mm; }
.dept { color: #444; font-size: 9pt; }
.band { background: #e8f1fe; border: 1px solid #9db7f9; padding: 1mm 3mm; font-weight: 700; margin: 0 0 3mm; }
.small { font-size: 8pt; color: #444; font-weight: 400; }
.cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; break-after: page; }
.cover h1 { border: 0; font-size: 26pt; padding: 0; }
.cover .city, .cover .year { font-size: 16pt; }
nav.contents { break-after: page; }
nav.contents ol { list-style: none; padding-left: 0; }
nav.contents ol ol { padding-left: 5mm; }
nav.contents ul.projects { columns: 2; column-gap: 8mm; font-size: 8.5pt; padding-left: 5mm; margin: 0.5mm 0 2mm; }
nav.contents a { color: inherit; text-decoration: none; }
section.policy, section.measure, section.budget-only { break-before: page; }
section.sheet { break-before: page; break-inside: avoid; }
table.grid { width: 100%; border-collapse: collapse; margin: 0 0 2.5mm; font-size: 9pt; }
table.grid caption { text-align: left; font-weight: 700; color: #00118f; padding: 1mm 0; }
table.grid th, table.grid td { border: 0.6pt solid #555; padding: 0.8mm 1.6mm; vertical-align: top; }
table.grid th { background: #eef2fb; font-weight: 700; text-align: left; white-space: nowrap; }
table.grid td p { margin: 0 0 0.8mm; }
table.grid tr { break-inside: avoid; }
table.text th { width: 24mm; }
table.inputs th[scope="col"], table.activity th[scope="col"] { text-align: center; }
table.inputs td { width: 30mm; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.center { text-align: center; }
.w50 { width: 50%; }
.w40 { width: 40%; }
.w70 { width: 70%; }
tr.achievement td { font-size: 8.5pt; }
h2.evaluation-title { margin-top: 3mm; }
td.project-name { font-size: 12pt; font-weight: 700; }
table.outcome { break-inside: avoid; }
table.outcome th[scope="row"] { width: 20mm; }
table.outcome td.indicator-name { font-weight: 700; }
table.compact { font-size: 8pt; }
table.compact tbody.keep { break-inside: avoid; }
table.compact td, table.compact th { padding: 0.5mm 1.2mm; }
table.compact th[scope="row"] { white-space: nowrap; }
`;
