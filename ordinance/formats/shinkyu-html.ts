import type { ShinkyuLine, ShinkyuTable } from "../compare/shinkyu";

// The 新旧対照表 as a standalone HTML file (kizuna shinkyu --format html): opens in any
// browser and prints on A4 landscape with the header row on every page. The app shows the
// same table through its own component and stylesheet.

const STYLE = `
@page { size: A4 landscape; margin: 15mm; }
body { font-family: "游明朝", "Yu Mincho", "Hiragino Mincho ProN", "Noto Serif CJK JP", "ＭＳ 明朝", serif; font-size: 10.5pt; line-height: 1.8; color: #000; margin: 0; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 2mm; }
.subtitle { text-align: center; margin: 0 0 4mm; }
.lead { text-indent: 1em; margin: 0 0 4mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 1px solid #000; padding: 1.5mm 2.5mm; vertical-align: top; text-align: left; width: 50%; }
thead th { text-align: center; letter-spacing: 0.3em; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
p { margin: 0; }
u { text-underline-offset: 0.25em; }
.badge { font-size: 9pt; color: #555; }
`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function line(l: ShinkyuLine): string {
  const runs = l.runs.map((r) => (r.underline ? `<u>${escape(r.text)}</u>` : escape(r.text))).join("");
  return `<p style="padding-left:${l.wrapIndent}em;text-indent:${l.indent - l.wrapIndent}em">${runs}</p>`;
}

export function shinkyuToHtml(table: ShinkyuTable, meta: { title?: string; subtitle?: string } = {}): string {
  const title = meta.title ?? "新旧対照表";
  const head = table.columns.map((c) => `<th scope="col">${c.heading}</th>`).join("");
  const rows = table.rows
    .map((row) => {
      const cells = table.columns.map((c) => {
        const lines = row.cells[c.side];
        if (lines.length) return `<td>${lines.map(line).join("")}</td>`;
        const badge = row.status === "added" ? "（追加）" : row.status === "deleted" ? "（削除）" : "";
        return `<td><span class="badge">${badge}</span></td>`;
      });
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escape(title)}</h1>
${meta.subtitle ? `<p class="subtitle">${escape(meta.subtitle)}</p>` : ""}
<p class="lead">${escape(table.lead)}</p>
${table.rows.length ? `<table><thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody></table>` : "<p>改正前と改正後の間に違いはありません。</p>"}
</body>
</html>
`;
}
