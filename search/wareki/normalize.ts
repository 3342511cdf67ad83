// Dates arrive typed in full-width, with ideographic spaces and even era ligatures (㍻).
// We fold only those characters, and remember where each folded character came from so
// that matches found in the folded text map back to offsets in the original.

const ERA_LIGATURES: Readonly<Record<string, string>> = {
  "㍾": "明治",
  "㍽": "大正",
  "㍼": "昭和",
  "㍻": "平成",
  "㋿": "令和",
};

export interface FoldedText {
  readonly text: string;
  /** sourceIndex[i] is the original offset of folded code unit i; one extra entry for the end. */
  readonly sourceIndex: readonly number[];
}

function fold(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0); // ４, Ｒ, ／, ～
  if (code === 0x3000) return " ";
  if (ch === "〜") return "~"; // wave dash and full-width tilde are both used for ranges
  return ERA_LIGATURES[ch] ?? ch;
}

export function foldDateText(input: string): FoldedText {
  let text = "";
  const sourceIndex: number[] = [];
  for (let i = 0; i < input.length; ) {
    const ch = String.fromCodePoint(input.codePointAt(i) as number);
    const folded = fold(ch);
    for (let k = 0; k < folded.length; k++) sourceIndex.push(folded === ch ? i + k : i);
    text += folded;
    i += ch.length;
  }
  sourceIndex.push(input.length);
  return { text, sourceIndex };
}
