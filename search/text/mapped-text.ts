// Text under normalization, one code point per entry, each remembering which range of the
// original string produced it. Every step keeps that link so a hit found in normalized
// text can be highlighted in the original, even when NFKC changed the length.

export interface MappedText {
  /** One code point per entry. */
  readonly chars: string[];
  /** UTF-16 start, in the original string, of the source of chars[i]. */
  readonly starts: number[];
  /** UTF-16 end (exclusive), in the original string, of the source of chars[i]. */
  readonly ends: number[];
}

/** Offsets of normalized text back into the original, per UTF-16 unit of the normalized text. */
export interface OffsetMap {
  /** map[i]: start in the original of the source of normalized unit i. */
  readonly map: Int32Array;
  /** mapEnd[i]: end (exclusive) in the original of the source of normalized unit i. */
  readonly mapEnd: Int32Array;
  /** Length of the original string, for ranges at the very end. */
  readonly originalLength: number;
}

export function emptyMappedText(): MappedText {
  return { chars: [], starts: [], ends: [] };
}

export function pushMapped(out: MappedText, text: string, start: number, end: number): void {
  for (const ch of text) {
    out.chars.push(ch);
    out.starts.push(start);
    out.ends.push(end);
  }
}

/**
 * Maps a normalized range [start, end) to the smallest original range that produced it.
 * A range inside one expansion (平 of ㍻→平成) maps to the whole source (㍻).
 */
export function toOriginalRange(offsets: OffsetMap, start: number, end: number): { start: number; end: number } {
  const length = offsets.map.length;
  const s = clamp(Math.trunc(start), 0, length);
  const e = clamp(Math.trunc(end), s, length);
  if (e > s) return { start: offsets.map[s], end: offsets.mapEnd[e - 1] };
  // An empty range is a caret: put it before the source of the next character.
  const at = s < length ? offsets.map[s] : offsets.originalLength;
  return { start: at, end: at };
}

function clamp(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) return min;
  return Math.min(Math.max(value, min), max);
}
