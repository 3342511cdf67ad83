/**
 * The two ways a Kizuna draft can be numbered.
 * "horizontal" is the prefectural 横書き style (第1条, (1), ア); "vertical" is the national
 * 縦書き style that e-Gov texts use (第一条, 一, イ).
 */
export type NumberingStyle = "horizontal" | "vertical";

// Tottori drafts its ordinances horizontally; the national style is the second option.
export const DEFAULT_NUMBERING_STYLE: NumberingStyle = "horizontal";
