// Running heads and page numbers ("資料1　孤独・孤立対策について", "- 3 -") repeat on
// every page and would otherwise interrupt sentences that cross a page break, and
// clutter search results. A line near the top or bottom of most pages is such furniture.

import type { PageLine } from "./pdf-lines";

/** How many lines at each end of a page can be a header or footer (fewer on short pages). */
const EDGE_LINES = 2;
const SHORT_PAGE_LINES = 6;

export interface FurnitureResult {
  pages: PageLine[][];
  /** One example of each removed line that has words in it (bare page numbers left out). */
  removed: string[];
}

export function removePageFurniture(pages: readonly PageLine[][]): FurnitureResult {
  if (pages.length < 2) return { pages: pages.map((lines) => [...lines]), removed: [] };

  const pagesWithKey = new Map<string, number>();
  for (const lines of pages) {
    for (const key of new Set(edgeLines(lines).map((line) => furnitureKey(line.text)))) {
      pagesWithKey.set(key, (pagesWithKey.get(key) ?? 0) + 1);
    }
  }
  // "Most pages": more than half of them, and at least two.
  const repeated = new Set(
    [...pagesWithKey].filter(([, count]) => count >= 2 && count * 2 > pages.length).map(([key]) => key)
  );

  const removed = new Map<string, string>();
  const kept = pages.map((lines) => {
    const edges = new Set(edgeLines(lines));
    return lines.filter((line) => {
      const key = furnitureKey(line.text);
      if (!edges.has(line) || !repeated.has(key)) return true;
      if (!removed.has(key) && /[^#\p{P}\p{S}\s]/u.test(key)) removed.set(key, line.text);
      return false;
    });
  });
  // Identical pages (a form printed three times) are content, not furniture.
  if (kept.every((lines) => lines.length === 0))
    return { pages: pages.map((lines) => [...lines]), removed: [] };
  return { pages: kept, removed: [...removed.values()] };
}

function edgeLines(lines: readonly PageLine[]): PageLine[] {
  const count = lines.length >= SHORT_PAGE_LINES ? EDGE_LINES : 1;
  if (lines.length <= count * 2) return [...lines];
  return [...lines.slice(0, count), ...lines.slice(-count)];
}

// Page numbers differ from page to page, so digits compare equal; spacing may differ too.
function furnitureKey(text: string): string {
  return text.replace(/\s+/gu, "").replace(/[0-9０-９]+/gu, "#");
}
