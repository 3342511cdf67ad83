// Chunks: a hit points at a part (a section or provision of a record, a clause), so each
// source cuts its text into parts; a long part is cut again at paragraph or sentence ends.

const MAX_CHUNK = 1200;

/** Cuts long text near MAX_CHUNK at a blank line, a line end or a 。. */
export function splitLongText(text: string): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > MAX_CHUNK) {
    const window = rest.slice(0, MAX_CHUNK);
    const cut = Math.max(window.lastIndexOf("\n\n"), window.lastIndexOf("\n"), window.lastIndexOf("。") + 1);
    const at = cut > MAX_CHUNK / 2 ? cut : MAX_CHUNK;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest.trim() || !pieces.length) pieces.push(rest);
  return pieces;
}
