// The clean-up every imported text goes through, whatever its format. It repairs what
// conversion broke (radical code points, sentences split by layout, stray blank lines)
// and evens out bullets; everything else stays exactly as the author wrote it.

import { headingLevel } from "./headings";
import { foldIdeographs } from "./ideographs";
import { joinBrokenLines } from "./line-join";

/**
 * Glyphs that start a list item and become "・", the bullet Kizuna's record bodies use.
 * Kept as written on purpose: ※ (a note, not an item — "※ 予定" must stay a caveat),
 * → and ⇒ (they state a consequence or next step, which "・" would lose), and ■ ◆ ●
 * on lines that read as headings, because they carry the document's structure.
 */
const BULLET_GLYPHS = "○◯・･●■◆□◇▪▫•◦‣";
// The glyph must not repeat: ○○市 and ・・・ are placeholders and ellipses, not bullets.
const BULLET_AT_START = new RegExp(
  `^([ \\t\\u3000]*)[${BULLET_GLYPHS}](?![${BULLET_GLYPHS}])[ \\t\\u3000]*(?=\\S)`,
  "u"
);
const SPACE_AT_END = /[ \t\u3000]+$/u;

/** Cleans a whole text: see the module comment and the tests for each rule. */
export function cleanJapaneseText(text: string): string {
  const lines = stripInvisible(foldIdeographs(text))
    .split("\n")
    .map((line) => normaliseBullet(line.replace(SPACE_AT_END, "")));
  return collapseBlankLines(joinBrokenLines(lines)).join("\n");
}

/** For a heading or a title: one line, folded, spaces collapsed. */
export function cleanInline(text: string): string {
  return stripInvisible(foldIdeographs(text))
    .replace(/[ \t\n]+/g, " ")
    .trim();
}

/** "○ 相談窓口の設置" → "・相談窓口の設置"; heading-like ■ ● ◆ lines are left alone. */
export function normaliseBullet(line: string): string {
  if (headingLevel(line) !== null) return line;
  return line.replace(BULLET_AT_START, "$1・");
}

// Line ends become \n; BOMs, zero-width spaces and control characters (which PDFs and
// Word fields leave behind) go. Tabs stay: they separate table cells.
function stripInvisible(text: string): string {
  return text
    .replace(/\r\n?|[\f\v\u2028\u2029\u0085]/g, "\n")
    .replace(/[\uFEFF\u200B]/g, "")
    .replace(/[^\P{Cc}\n\t]/gu, "");
}

function collapseBlankLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === "") out.pop();
  return out;
}
