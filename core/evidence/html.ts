// The printable pages of a pack (summary and letters): plain HTML with its own print style, clean on A4
// through a browser's "Save as PDF" — tables that repeat their header and never split a row, headings kept
// with what follows, long ids and hashes broken anywhere rather than cut off the page.

/** Text escaped for HTML. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
@page { size: A4; margin: 15mm 14mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif;
  font-size: 10pt; line-height: 1.5; color: #111; margin: 0 auto; max-width: 182mm; padding: 10mm 0; }
@media print { body { padding: 0; max-width: none; } }
h1 { font-size: 16pt; margin: 0 0 2pt; line-height: 1.25; }
h2 { font-size: 11.5pt; margin: 14pt 0 5pt; padding-bottom: 2pt; border-bottom: 1.5px solid #333; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6pt; }
.lead { font-size: 11pt; margin: 4pt 0 10pt; }
.muted { color: #555; }
.small { font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin: 0 0 6pt; font-size: 8.5pt; }
thead { display: table-header-group; }
tr, dl > div, li { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.75px solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
thead th { background: #eee; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.id { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; white-space: nowrap; }
.id.long { white-space: normal; word-break: break-all; min-width: 30mm; }
p.fill { border-bottom: 0.75px solid #333; height: 16pt; margin: 0 0 4pt; }
.nowrap { white-space: nowrap; }
tr.hit td, tr.hit th { background: #fff4d6; }
table.keep { break-inside: avoid; page-break-inside: avoid; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3pt 14pt; margin: 0 0 6pt; }
dl.facts > div { display: contents; }
dl.facts dt { font-weight: 600; color: #333; }
dl.facts dd { margin: 0; }
ul.steps { list-style: none; padding: 0; margin: 0 0 6pt; }
ul.steps li { padding: 1pt 0; }
.box { display: inline-block; width: 1.1em; }
.letterhead { display: grid; grid-template-columns: 1fr 1fr; gap: 8pt 16pt; margin: 10pt 0 12pt; }
h1.subject { text-align: center; margin-bottom: 8pt; }
.letterhead h2 { margin-top: 0; }
.blank { display: inline-block; min-width: 48mm; border-bottom: 0.75px solid #333; }
.sign { margin-top: 18pt; display: grid; grid-template-columns: 1fr 1fr; gap: 16pt; }
.sign div { border-top: 0.75px solid #333; padding-top: 2pt; }
ol, ul { margin: 0 0 6pt; padding-left: 18pt; }
`;

/** A whole printable page in `lang` with the pack's print style. */
export function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A cell of {@link table}: text, or text with a class (`num`, `id`, `nowrap`). */
export type Cell = string | { readonly text: string; readonly cls: string };

/** Long ids (Stripe's, hashes) may break anywhere; short ones (检索参考号, 流水号, card masks) stay on one line. */
function classOf(c: Exclude<Cell, string>): string {
  return c.cls === 'id' && c.text.length > 20 ? 'id long' : c.cls;
}

/** A table with a header that repeats on every printed page; `hit` rows are shaded. Small tables are kept on one page. */
export function table(header: readonly Cell[], rows: readonly { readonly cells: readonly Cell[]; readonly hit?: boolean }[]): string {
  const cell = (tag: 'th' | 'td', c: Cell, scope = '') =>
    typeof c === 'string' ? `<${tag}${scope}>${esc(c)}</${tag}>` : `<${tag}${scope} class="${classOf(c)}">${esc(c.text)}</${tag}>`;
  const head = `<thead><tr>${header.map(h => cell('th', h, ' scope="col"')).join('')}</tr></thead>`;
  const body = rows.map(r => `<tr${r.hit ? ' class="hit"' : ''}>${r.cells.map(c => cell('td', c)).join('')}</tr>`).join('\n');
  return `<table${rows.length <= 6 ? ' class="keep"' : ''}>${head}<tbody>\n${body}\n</tbody></table>`;
}

/** A list of label–value pairs. */
export function facts(pairs: readonly (readonly [string, string])[]): string {
  return `<dl class="facts">${pairs.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

/** A numbered or bulleted list of plain sentences. */
export function list(items: readonly string[], ordered = false): string {
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag}>${items.map(i => `<li>${esc(i)}</li>`).join('')}</${tag}>`;
}
