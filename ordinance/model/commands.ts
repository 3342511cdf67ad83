import type { Command } from "prosemirror-state";
import { keymap } from "prosemirror-keymap";
import {
  deleteArticle,
  insertArticleAfter,
  insertArticleBefore,
  moveArticleDown,
  moveArticleUp,
  setCaption,
} from "./commands-article";
import { insertChapter, insertSection, insertSubsection } from "./commands-chapter";
import { makeItem, promote, splitToNewParagraph } from "./commands-paragraph";

// The drafting editor's structural commands, one table for the toolbar and the keymap.
// Each is a plain ProseMirror command: called without dispatch it only says whether it
// applies, which is how the toolbar greys its buttons. Undo is bound by yUndo, not here.

export {
  deleteArticle,
  insertArticleAfter,
  insertArticleBefore,
  insertChapter,
  insertSection,
  insertSubsection,
  makeItem,
  moveArticleDown,
  moveArticleUp,
  promote,
  setCaption,
  splitToNewParagraph,
};

export interface OrdinanceCommand {
  readonly name: string;
  /** The toolbar's label. */
  readonly label: string;
  /** ProseMirror's key name ("Mod-Enter"), or null when the command has no key. */
  readonly key: string | null;
  /** The key as the toolbar shows it on Windows and Linux ("Ctrl+Enter"); "" when none. */
  readonly shortcut: string;
  readonly command: Command;
}

export const COMMANDS: readonly OrdinanceCommand[] = [
  {
    name: "insertArticleAfter",
    label: "条を追加",
    key: "Mod-Enter",
    shortcut: "Ctrl+Enter",
    command: insertArticleAfter,
  },
  {
    name: "insertArticleBefore",
    label: "前に条を追加",
    key: "Mod-Shift-Enter",
    shortcut: "Ctrl+Shift+Enter",
    command: insertArticleBefore,
  },
  { name: "splitToNewParagraph", label: "項・号を追加", key: "Enter", shortcut: "Enter", command: splitToNewParagraph },
  { name: "makeItem", label: "一段下げる", key: "Tab", shortcut: "Tab", command: makeItem },
  { name: "promote", label: "一段上げる", key: "Shift-Tab", shortcut: "Shift+Tab", command: promote },
  { name: "moveArticleUp", label: "条を上へ", key: "Alt-ArrowUp", shortcut: "Alt+↑", command: moveArticleUp },
  { name: "moveArticleDown", label: "条を下へ", key: "Alt-ArrowDown", shortcut: "Alt+↓", command: moveArticleDown },
  { name: "deleteArticle", label: "条を削除", key: null, shortcut: "", command: deleteArticle },
  { name: "setCaption", label: "見出しを付ける", key: "Mod-Alt-c", shortcut: "Ctrl+Alt+C", command: setCaption },
  { name: "insertChapter", label: "章を追加", key: null, shortcut: "", command: insertChapter },
  { name: "insertSection", label: "節を追加", key: null, shortcut: "", command: insertSection },
  { name: "insertSubsection", label: "款を追加", key: null, shortcut: "", command: insertSubsection },
];

/** Key name → command, as the keymap binds them. */
export const ORDINANCE_KEYS: Readonly<Record<string, Command>> = Object.fromEntries(
  COMMANDS.flatMap(({ key, command }) => (key === null ? [] : [[key, command] as const]))
);

/** The structural keys; put it before baseKeymap so Enter makes a 項 rather than splitting a sentence. */
export const ordinanceKeymap = keymap(ORDINANCE_KEYS);
