/** A piece of normalized text with its UTF-16 offsets in that text (end exclusive). */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}
