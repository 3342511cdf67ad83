// Guessing headings in text that carries no structure (PDF, plain text, Word documents
// written without heading styles). Japanese administrative documents number their parts
// in a fixed order — 第1 > 1 > (1) — or mark them with 【】 and ■ ●, so the marker
// tells both that a line is a heading and how deep it sits.

const MAX_HEADING_LENGTH = 40;

const NUMERAL = "[0-9０-９]{1,3}|[一二三四五六七八九十百]{1,4}";
const SPACE = "[ \\t\\u3000]";

// Order matters: the first pattern that matches decides the level.
const HEADING_PATTERNS: readonly { pattern: RegExp; level: number }[] = [
  { pattern: new RegExp(`^第(?:${NUMERAL})[部編章](?:${SPACE}|$)`, "u"), level: 1 },
  { pattern: new RegExp(`^第(?:${NUMERAL})節(?:${SPACE}|$)`, "u"), level: 2 },
  // "第1　目的": needs the space, so 第1条 / 第1回 (which start sentences) do not count.
  { pattern: new RegExp(`^第(?:${NUMERAL})${SPACE}+\\S`, "u"), level: 1 },
  { pattern: /^【[^】]+】/u, level: 1 },
  { pattern: /^[■◆]/u, level: 1 },
  { pattern: /^●/u, level: 2 },
  // "1. 目的" but not "1.5倍".
  { pattern: /^[0-9０-９]{1,2}[.．](?![0-9０-９])\s*\S/u, level: 2 },
  {
    pattern: new RegExp(`^(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})(?:${SPACE}+|、)\\S`, "u"),
    level: 2,
  },
  { pattern: /^[(（][0-9０-９]{1,2}[)）]\s*\S/u, level: 3 },
];

/** The heading level a line suggests (1 highest), or null for an ordinary line. */
export function headingLevel(line: string): number | null {
  const text = line.trim();
  if (text.length < 2 || text.length > MAX_HEADING_LENGTH) return null;
  // A full stop means a sentence; a trailing comma means a sentence that goes on.
  if (/[。]/u.test(text) || /[、，,]$/u.test(text)) return null;
  for (const { pattern, level } of HEADING_PATTERNS) {
    if (pattern.test(text)) return level;
  }
  return null;
}

/** Renumbers the levels a document uses as 1, 2, 3…, keeping their order. */
export function compactLevels(levels: readonly number[]): (level: number) => number {
  const used = [...new Set(levels)].sort((a, b) => a - b);
  return (level) => used.indexOf(level) + 1;
}
