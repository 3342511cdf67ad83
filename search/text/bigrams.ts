// Character bigrams: recall for Japanese where words fail (議事録 segments as 議事|録, and a
// query may cut a compound anywhere). CJK and kana runs give overlapping pairs; a run of
// one character gives that character. Latin and digit runs stay whole words.

import { isAlnum, isCjk } from "./chars";
import type { Token } from "./token";

type RunKind = "cjk" | "alnum" | "other";

function kindOf(ch: string): RunKind {
  if (isCjk(ch)) return "cjk";
  if (isAlnum(ch)) return "alnum";
  return "other";
}

export function bigrams(text: string): Token[] {
  const tokens: Token[] = [];
  // Code points with their UTF-16 offsets, so astral kanji (𠮟) count as one character.
  let run: { ch: string; at: number }[] = [];
  let runKind: RunKind = "other";
  const flush = () => {
    if (runKind === "cjk") emitBigrams(run, tokens);
    if (runKind === "alnum" && run.length > 0) {
      const start = run[0].at;
      const last = run[run.length - 1];
      const end = last.at + last.ch.length;
      tokens.push({ text: text.slice(start, end), start, end });
    }
    run = [];
  };
  let at = 0;
  for (const ch of text) {
    const kind = kindOf(ch);
    if (kind !== runKind) {
      flush();
      runKind = kind;
    }
    if (kind !== "other") run.push({ ch, at });
    at += ch.length;
  }
  flush();
  return tokens;
}

function emitBigrams(run: readonly { ch: string; at: number }[], tokens: Token[]): void {
  if (run.length === 1) {
    tokens.push({ text: run[0].ch, start: run[0].at, end: run[0].at + run[0].ch.length });
    return;
  }
  for (let k = 0; k + 1 < run.length; k++) {
    const first = run[k];
    const second = run[k + 1];
    tokens.push({ text: first.ch + second.ch, start: first.at, end: second.at + second.ch.length });
  }
}
