import type { Node } from "prosemirror-model";
import { EditorState, NodeSelection, TextSelection, type Command, type Transaction } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import {
  buildDoc,
  COMMANDS,
  deleteArticle,
  ensureIds,
  insertArticleAfter,
  insertArticleBefore,
  insertChapter,
  insertSection,
  makeItem,
  moveArticleDown,
  moveArticleUp,
  numberDocument,
  ORDINANCE_KEYS,
  ordinanceKeymap,
  ordinanceSchema as schema,
  promote,
  setCaption,
  splitToNewParagraph,
  type DocInit,
} from "../../../../ordinance/model";
import { sampleDraft } from "./sample-draft";

// ---- helpers -------------------------------------------------------------------------

/** A draft without chapters: three articles, the second with two paragraphs and items. */
const FLAT: DocInit = {
  title: "鳥取県孤独・孤立を防ぐ社会づくり条例",
  preamble: [{ id: "pre1", sentences: ["誰一人取り残さない社会を目指して、この条例を制定する。"] }],
  main: [
    { id: "a1", caption: "目的", paragraphs: [{ id: "a1p1", sentences: ["目的を定める。"] }] },
    {
      id: "a2",
      paragraphs: [
        { id: "a2p1", sentences: ["県は、施策を実施する。"] },
        {
          id: "a2p2",
          sentences: ["県は、次に掲げる者と連携する。", { text: "ただし、同意を要する。", function: "proviso" }],
          items: [
            { id: "a2p2i1", sentences: ["市町村"] },
            { id: "a2p2i2", sentences: ["学校"], subitems: [{ id: "a2p2i2s1", sentences: ["小学校"] }] },
            { id: "a2p2i3", sentences: ["関係機関"] },
          ],
        },
        { id: "a2p3", sentences: ["前項の連携は、継続する。"], items: [{ id: "a2p3i1", sentences: ["相談支援"] }] },
      ],
    },
    { id: "a3", paragraphs: [{ id: "a3p1", sentences: ["規則で定める。"] }] },
  ],
  supplProvisions: [
    {
      id: "s1",
      children: [
        { id: "s1a1", caption: "施行期日", paragraphs: [{ id: "s1a1p1", sentences: ["公布の日から施行する。"] }] },
        { id: "s1a2", caption: "経過措置", paragraphs: [{ id: "s1a2p1", sentences: ["従前の例による。"] }] },
      ],
    },
  ],
};

const flatDraft = () => buildDoc(FLAT);

/** The position of `needle` in the document's text, plus `offset` characters. */
function textPos(doc: Node, needle: string, offset = 0): number {
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null || !node.isTextblock) return found === null;
    const index = node.textContent.indexOf(needle);
    if (index >= 0) found = pos + 1 + index + offset;
    return false;
  });
  if (found === null) throw new Error(`text not found: ${needle}`);
  return found;
}

/** A state with the cursor in `needle` (at its start plus `offset`), or in the empty title when needle is "". */
function stateAt(doc: Node, needle: string, offset = 0): EditorState {
  const state = EditorState.create({ doc, schema });
  return state.apply(state.tr.setSelection(TextSelection.create(doc, textPos(doc, needle, offset))));
}

/** Applies a command that must apply; also checks that a dry run agrees and changes nothing. */
function run(state: EditorState, command: Command): EditorState {
  expect(command(state)).toBe(true);
  let tr: Transaction | null = null;
  expect(command(state, (t) => (tr = t))).toBe(true);
  if (!tr) return state;
  const next = state.apply(tr);
  expectValid(next.doc);
  return next;
}

/** Schema-valid, every provision has an id, and no id appears twice. */
function expectValid(doc: Node): void {
  doc.check();
  const ids = idsOf(doc, () => true);
  expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
}

function idsOf(doc: Node, keep: (node: Node) => boolean): string[] {
  const ids: string[] = [];
  doc.descendants((node) => {
    if ("id" in node.attrs && node.type.name !== "doc" && keep(node)) ids.push(node.attrs.id as string);
  });
  return ids;
}

const ofType = (doc: Node, type: string) => idsOf(doc, (node) => node.type.name === type);

/** The children (by type and id, or text for sentences) of the provision with `id`. */
function shape(doc: Node, id: string): string[] {
  const node = byId(doc, id);
  const out: string[] = [];
  node.forEach((child) =>
    out.push(child.attrs.id ? `${child.type.name}:${child.attrs.id}` : `${child.type.name}:${child.textContent}`)
  );
  return out;
}

function byId(doc: Node, id: string): Node {
  let found: Node | null = null;
  doc.descendants((node) => {
    if (node.attrs.id === id) found = node;
    return found === null;
  });
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

const labels = (doc: Node) => {
  const numbers = numberDocument(doc, "horizontal");
  return (id: string) => numbers.get(id)?.label;
};

/** Where the cursor is: its textblock type, the id of the nearest numbered ancestor, and the offset in the block. */
function cursor(state: EditorState): { block: string; in: string | null; offset: number; text: string } {
  const { $from } = state.selection;
  let owner: string | null = null;
  for (let depth = $from.depth; depth > 0 && owner === null; depth--) owner = $from.node(depth).attrs.id ?? null;
  return { block: $from.parent.type.name, in: owner, offset: $from.parentOffset, text: $from.parent.textContent };
}

const isNew = (id: string | null, before: Node) => id !== null && !idsOf(before, () => true).includes(id);

// ---- articles ------------------------------------------------------------------------

describe("insertArticleAfter", () => {
  it("adds an empty article after the current one; later articles renumber and keep their ids", () => {
    const before = stateAt(flatDraft(), "目的を定める", 2);
    const after = run(before, insertArticleAfter);
    const articles = ofType(after.doc, "article");
    expect(articles).toHaveLength(6);
    const added = articles[1];
    expect(articles.filter((id) => id !== added)).toEqual(["a1", "a2", "a3", "s1a1", "s1a2"]);
    const label = labels(after.doc);
    expect([label("a1"), label(added), label("a2"), label("a3")]).toEqual(["第1条", "第2条", "第3条", "第4条"]);
    expect(labels(before.doc)("a2")).toBe("第2条");
    const article = byId(after.doc, added);
    expect(article.childCount).toBe(1);
    expect(article.firstChild!.type.name).toBe("paragraph");
    expect(article.textContent).toBe("");
    expect(cursor(after)).toMatchObject({ block: "sentence", offset: 0, text: "" });
    expect(isNew(cursor(after).in, before.doc)).toBe(true);
    expect(ofType(after.doc, "paragraph").filter((id) => isNew(id, before.doc))).toHaveLength(1);
  });

  it("stays in the chapter and numbers on from a branch number (第2条の2 → 第3条)", () => {
    const after = run(stateAt(sampleDraft(), "本人及び支える人"), insertArticleAfter);
    const chapter1 = shape(after.doc, "ch1");
    expect(chapter1).toHaveLength(5);
    const added = chapter1[4].replace("article:", "");
    const label = labels(after.doc);
    expect([label("a2_2"), label(added), label("a3"), label("a4")]).toEqual(["第2条の2", "第3条", "第4条", "第5条"]);
  });

  it("from the title or the preamble, makes the first article, inside the first chapter if there is one", () => {
    const flat = run(stateAt(flatDraft(), "誰一人"), insertArticleAfter);
    expect(ofType(flat.doc, "article").slice(1, 4)).toEqual(["a1", "a2", "a3"]);
    expect(labels(flat.doc)(ofType(flat.doc, "article")[0])).toBe("第1条");
    const chaptered = run(stateAt(sampleDraft(), "鳥取県孤独"), insertArticleAfter);
    expect(shape(chaptered.doc, "ch1").slice(0, 3)).toEqual([
      "heading:総則",
      expect.stringMatching(/^article:/),
      "article:a1",
    ]);
    expect(cursor(chaptered).block).toBe("sentence");
  });

  it("from a heading, makes the first article of that chapter or section", () => {
    const after = run(stateAt(sampleDraft(), "基本的施策"), insertArticleAfter);
    expect(shape(after.doc, "ch2s1").slice(1)).toEqual([expect.stringMatching(/^article:/), "article:a3"]);
    expect(labels(after.doc)("a3")).toBe("第4条");
  });

  it("inside a 附則 of articles adds there; a 附則 of paragraphs takes none", () => {
    const after = run(stateAt(flatDraft(), "公布の日"), insertArticleAfter);
    expect(shape(after.doc, "s1")).toEqual(["article:s1a1", expect.stringMatching(/^article:/), "article:s1a2"]);
    expect(labels(after.doc)("s1a2")).toBe("第3条");
    const suppl = stateAt(sampleDraft(), "令和6年");
    expect(insertArticleAfter(suppl)).toBe(false);
    expect(insertArticleBefore(suppl)).toBe(false);
  });

  it("after a selected article (the sidebar selects whole articles)", () => {
    const doc = flatDraft();
    const state = EditorState.create({ doc, schema });
    const a2 = textPos(doc, "県は、施策") - 3;
    expect(doc.nodeAt(a2)?.attrs.id).toBe("a2");
    const after = run(state.apply(state.tr.setSelection(NodeSelection.create(doc, a2))), insertArticleAfter);
    expect(ofType(after.doc, "article").indexOf("a3")).toBe(3);
  });
});

describe("insertArticleBefore", () => {
  it("adds an empty article before the current one", () => {
    const after = run(stateAt(flatDraft(), "規則で定める"), insertArticleBefore);
    const articles = ofType(after.doc, "article");
    expect(articles.slice(0, 2)).toEqual(["a1", "a2"]);
    expect(articles[3]).toBe("a3");
    expect(labels(after.doc)("a3")).toBe("第4条");
    expect(cursor(after).in).toBe(byId(after.doc, articles[2]).firstChild!.attrs.id);
  });
});

describe("moveArticleUp / moveArticleDown", () => {
  it("swaps with the neighbour and keeps the cursor where it was in the moved text", () => {
    const before = stateAt(flatDraft(), "規則で定める", 2);
    const up = run(before, moveArticleUp);
    expect(ofType(up.doc, "article").slice(0, 3)).toEqual(["a1", "a3", "a2"]);
    expect(labels(up.doc)("a3")).toBe("第2条");
    expect(cursor(up)).toMatchObject({ in: "a3p1", offset: 2 });
    const down = run(up, moveArticleDown);
    expect(down.doc.eq(before.doc)).toBe(true);
    expect(cursor(down)).toMatchObject({ in: "a3p1", offset: 2 });
  });

  it("keeps a text range inside the moved article", () => {
    const doc = flatDraft();
    const state = EditorState.create({ doc, schema });
    const from = textPos(doc, "市町村");
    const ranged = state.apply(state.tr.setSelection(TextSelection.create(doc, from, from + 3)));
    const moved = run(ranged, moveArticleDown);
    expect(moved.doc.textBetween(moved.selection.from, moved.selection.to)).toBe("市町村");
  });

  it("moves within the parent only and refuses at the ends", () => {
    expect(moveArticleUp(stateAt(flatDraft(), "目的を定める"))).toBe(false);
    expect(moveArticleDown(stateAt(flatDraft(), "規則で定める"))).toBe(false);
    const sample = stateAt(sampleDraft(), "県は、孤独・孤立対策");
    expect(moveArticleUp(sample)).toBe(false);
    expect(moveArticleDown(sample)).toBe(false);
    expect(moveArticleDown(stateAt(sampleDraft(), "鳥取県孤独"))).toBe(false);
    const suppl = run(stateAt(flatDraft(), "従前の例"), moveArticleUp);
    expect(shape(suppl.doc, "s1")).toEqual(["article:s1a2", "article:s1a1"]);
  });

  it("keeps a selected article selected", () => {
    const doc = flatDraft();
    const a1 = textPos(doc, "目的") - 2;
    const state = EditorState.create({ doc, schema, selection: NodeSelection.create(doc, a1) });
    const moved = run(state, moveArticleDown);
    expect(moved.selection).toBeInstanceOf(NodeSelection);
    expect((moved.selection as NodeSelection).node.attrs.id).toBe("a1");
  });
});

describe("deleteArticle", () => {
  it("removes the current article and puts the cursor at the start of the next one", () => {
    const after = run(stateAt(flatDraft(), "施策を実施"), deleteArticle);
    expect(ofType(after.doc, "article")).toEqual(["a1", "a3", "s1a1", "s1a2"]);
    expect(labels(after.doc)("a3")).toBe("第2条");
    expect(cursor(after)).toMatchObject({ in: "a3p1", offset: 0 });
  });

  it("goes to the previous article after deleting the last one", () => {
    const after = run(stateAt(flatDraft(), "規則で定める"), deleteArticle);
    expect(cursor(after)).toMatchObject({ block: "sentence", in: "a2p1", offset: 0 });
    const suppl = run(stateAt(flatDraft(), "従前の例"), deleteArticle);
    expect(cursor(suppl)).toMatchObject({ block: "caption", text: "施行期日", offset: 0 });
  });

  it("refuses to remove the only article of a chapter or section, and outside articles", () => {
    expect(deleteArticle(stateAt(sampleDraft(), "介護者等が一時的に"))).toBe(false);
    expect(deleteArticle(stateAt(sampleDraft(), "鳥取県孤独"))).toBe(false);
    const single = buildDoc({ title: "t", main: [{ id: "x", paragraphs: [{ id: "xp", sentences: ["本文"] }] }] });
    expect(deleteArticle(stateAt(single, "本文"))).toBe(false);
  });
});

describe("setCaption", () => {
  it("adds an empty caption and puts the cursor in it", () => {
    const before = stateAt(flatDraft(), "規則で定める", 3);
    const after = run(before, setCaption);
    expect(shape(after.doc, "a3")).toEqual(["caption:", "paragraph:a3p1"]);
    expect(cursor(after)).toMatchObject({ block: "caption", offset: 0 });
  });

  it("moves to the end of an existing caption without changing the text", () => {
    const before = stateAt(flatDraft(), "目的を定める");
    const after = run(before, setCaption);
    expect(after.doc.eq(before.doc)).toBe(true);
    expect(cursor(after)).toMatchObject({ block: "caption", text: "目的", offset: 2 });
  });

  it("does not apply outside an article", () => {
    expect(setCaption(stateAt(flatDraft(), "誰一人"))).toBe(false);
    expect(setCaption(stateAt(sampleDraft(), "令和6年"))).toBe(false);
  });
});

// ---- paragraphs and items ------------------------------------------------------------

describe("splitToNewParagraph (Enter)", () => {
  it("splits a sentence: the new 項 after the current one carries the text after the cursor", () => {
    const before = stateAt(flatDraft(), "県は、施策を実施する。", 3);
    const after = run(before, splitToNewParagraph);
    const paragraphs = shape(after.doc, "a2");
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toBe("paragraph:a2p1");
    expect(byId(after.doc, "a2p1").textContent).toBe("県は、");
    const added = paragraphs[1].replace("paragraph:", "");
    expect(byId(after.doc, added).textContent).toBe("施策を実施する。");
    expect(cursor(after)).toMatchObject({ in: added, offset: 0, block: "sentence" });
    const label = labels(after.doc);
    expect([label(added), label("a2p2"), label("a2p3")]).toEqual(["2", "3", "4"]);
  });

  it("at the end of a lead sentence, adds an empty 項 after the paragraph, leaving its ただし書 and 号", () => {
    const before = stateAt(flatDraft(), "県は、次に掲げる者と連携する。", 15);
    const after = run(before, splitToNewParagraph);
    expect(shape(after.doc, "a2p2")).toEqual(shape(before.doc, "a2p2"));
    const added = shape(after.doc, "a2")[2].replace("paragraph:", "");
    expect(shape(after.doc, added)).toEqual(["sentence:"]);
    expect(shape(after.doc, "a2")[3]).toBe("paragraph:a2p3");
  });

  it("in the middle, takes the following sentences along; the carried part is no ただし書", () => {
    const after = run(stateAt(flatDraft(), "県は、次に掲げる者と連携する。", 3), splitToNewParagraph);
    expect(shape(after.doc, "a2p2")).toEqual(["sentence:県は、", "item:a2p2i1", "item:a2p2i2", "item:a2p2i3"]);
    const added = byId(after.doc, shape(after.doc, "a2")[2].replace("paragraph:", ""));
    expect(added.childCount).toBe(2);
    expect(added.child(0).attrs.function).toBe("main");
    expect(added.child(1).attrs.function).toBe("proviso");
    expect(added.child(1).textContent).toBe("ただし、同意を要する。");
  });

  it("replaces a selected range first", () => {
    const doc = flatDraft();
    const from = textPos(doc, "施策を実施");
    const state = EditorState.create({ doc, schema });
    const after = run(
      state.apply(state.tr.setSelection(TextSelection.create(doc, from, from + 2))),
      splitToNewParagraph
    );
    expect(byId(after.doc, "a2p1").textContent).toBe("県は、");
    const added = shape(after.doc, "a2")[1].replace("paragraph:", "");
    expect(byId(after.doc, added).textContent).toBe("を実施する。");
    expect(cursor(after)).toMatchObject({ in: added, offset: 0 });
  });

  it("in a 号, adds the next 号; in a 号の細分, the next 号の細分", () => {
    const item = run(stateAt(flatDraft(), "市町村", 3), splitToNewParagraph);
    const items = shape(item.doc, "a2p2").filter((s) => s.startsWith("item:"));
    expect(items).toHaveLength(4);
    expect(items[0]).toBe("item:a2p2i1");
    expect(items[2]).toBe("item:a2p2i2");
    expect(labels(item.doc)("a2p2i3")).toBe("(4)");
    expect(cursor(item)).toMatchObject({ in: items[1].replace("item:", ""), offset: 0 });
    const subitem = run(stateAt(flatDraft(), "小学校", 1), splitToNewParagraph);
    expect(shape(subitem.doc, "a2p2i2")).toEqual([
      "sentence:学校",
      "subitem:a2p2i2s1",
      expect.stringMatching(/^subitem:/),
    ]);
    expect(byId(subitem.doc, "a2p2i2s1").textContent).toBe("小");
  });

  it("in a preamble or a 附則 of paragraphs, adds a paragraph there", () => {
    const pre = run(stateAt(flatDraft(), "誰一人", 3), splitToNewParagraph);
    expect(pre.doc.child(1).childCount).toBe(2);
    const suppl = run(stateAt(sampleDraft(), "令和6年", 0), splitToNewParagraph);
    expect(shape(suppl.doc, "s1")).toHaveLength(3);
  });

  it("from a caption moves to the first sentence; from a heading to the next line; in the title does nothing", () => {
    const caption = stateAt(flatDraft(), "目的", 1);
    const moved = run(caption, splitToNewParagraph);
    expect(moved.doc.eq(caption.doc)).toBe(true);
    expect(cursor(moved)).toMatchObject({ in: "a1p1", offset: 0, block: "sentence" });
    const suppl = run(stateAt(sampleDraft(), "見直し", 1), splitToNewParagraph);
    expect(cursor(suppl)).toMatchObject({ in: "s1p2", block: "sentence", offset: 0 });
    const heading = run(stateAt(sampleDraft(), "基本的施策", 2), splitToNewParagraph);
    expect(cursor(heading)).toMatchObject({ block: "heading", text: "気づき及びつなぎ" });
    const title = stateAt(flatDraft(), "鳥取県", 2);
    let dispatched = false;
    expect(splitToNewParagraph(title, () => (dispatched = true))).toBe(true);
    expect(dispatched).toBe(false);
  });

  it("leaves selections across blocks to others", () => {
    const doc = flatDraft();
    const state = EditorState.create({ doc, schema });
    const ranged = state.apply(
      state.tr.setSelection(TextSelection.create(doc, textPos(doc, "目的を"), textPos(doc, "施策")))
    );
    expect(splitToNewParagraph(ranged)).toBe(false);
  });
});

describe("makeItem (Tab)", () => {
  it("makes a 項 the last 号 of the 項 before it; its 号 become 号の細分, ids stay", () => {
    const before = stateAt(flatDraft(), "前項の連携", 2);
    const after = run(before, makeItem);
    expect(shape(after.doc, "a2")).toEqual(["paragraph:a2p1", "paragraph:a2p2"]);
    expect(shape(after.doc, "a2p2").slice(-2)).toEqual(["item:a2p2i3", "item:a2p3"]);
    expect(shape(after.doc, "a2p3")).toEqual(["sentence:前項の連携は、継続する。", "subitem:a2p3i1"]);
    const label = labels(after.doc);
    expect([label("a2p3"), label("a2p3i1")]).toEqual(["(4)", "ア"]);
    expect(cursor(after)).toMatchObject({ in: "a2p3", offset: 2 });
  });

  it("makes a 号 the last 号の細分 of the 号 before it, after the ones it has", () => {
    const after = run(stateAt(flatDraft(), "関係機関", 1), makeItem);
    expect(shape(after.doc, "a2p2i2")).toEqual(["sentence:学校", "subitem:a2p2i2s1", "subitem:a2p2i3"]);
    expect(labels(after.doc)("a2p2i3")).toBe("イ");
    expect(cursor(after)).toMatchObject({ in: "a2p2i3", offset: 1 });
    const deeper = run(stateAt(sampleDraft(), "80歳代"), makeItem);
    expect(shape(deeper.doc, "a2i2s2s1")).toEqual(["sentence:障がいのある家族を世話する者", "subitem:a2i2s2s2"]);
    expect(labels(deeper.doc)("a2i2s2s2")).toBe("a");
  });

  it("drops the import overrides (num, label) of the provision it moves", () => {
    const doc = buildDoc({
      title: "t",
      main: [
        {
          id: "a",
          paragraphs: [
            {
              id: "p",
              sentences: ["本文"],
              items: [
                { id: "i1", sentences: ["一"] },
                { id: "i2", num: "2", label: "(2)", sentences: ["二"] },
              ],
            },
          ],
        },
      ],
    });
    const after = run(stateAt(doc, "二"), makeItem);
    expect(byId(after.doc, "i2").attrs).toMatchObject({ num: null, label: null });
    expect(labels(after.doc)("i2")).toBe("ア");
  });

  it("returns false with no previous sibling, for a 項 with a caption, or a table before the 号", () => {
    expect(makeItem(stateAt(flatDraft(), "県は、施策"))).toBe(false);
    expect(makeItem(stateAt(flatDraft(), "市町村"))).toBe(false);
    expect(makeItem(stateAt(flatDraft(), "小学校"))).toBe(false);
    expect(makeItem(stateAt(flatDraft(), "目的", 1))).toBe(false);
    expect(makeItem(stateAt(flatDraft(), "鳥取県"))).toBe(false);
    expect(makeItem(stateAt(sampleDraft(), "知事は"))).toBe(false);
    const s = schema.nodes;
    const raw = s.raw.create({ tag: "TableStruct", xml: "<TableStruct/>", text: "表" });
    const sentence = (text: string) => s.sentence.create(null, schema.text(text));
    const withTable = ensureIds(
      s.doc.create(null, [
        s.title.create(null, schema.text("t")),
        s.mainProvision.create(null, [
          s.article.create(null, [
            s.paragraph.create(null, [sentence("第一項")]),
            s.paragraph.create(null, [sentence("第二項"), raw, s.item.create(null, [sentence("号")])]),
          ]),
        ]),
      ])
    );
    withTable.check();
    expect(makeItem(stateAt(withTable, "第二項"))).toBe(false);
  });

  it("drops an empty caption, which a 号 cannot have, and keeps a table that follows the 号", () => {
    const s = schema.nodes;
    const raw = s.raw.create({ tag: "TableStruct", xml: "<TableStruct/>", text: "表" });
    const sentence = (text: string) => s.sentence.create(null, schema.text(text));
    const doc = ensureIds(
      s.doc.create(null, [
        s.title.create(null, schema.text("t")),
        s.mainProvision.create(null, [
          s.article.create(null, [
            s.paragraph.create(null, [sentence("第一項")]),
            s.paragraph.create(null, [
              s.caption.create(),
              sentence("第二項"),
              s.item.create(null, [sentence("号")]),
              raw,
            ]),
          ]),
        ]),
      ])
    );
    const before = stateAt(doc, "第二項", 2);
    const after = run(before, makeItem);
    const first = after.doc.child(1).firstChild!.firstChild!;
    expect(first.childCount).toBe(2);
    const demoted = first.child(1);
    expect(demoted.type.name).toBe("item");
    expect(demoted.content.content.map((child) => child.type.name)).toEqual(["sentence", "subitem", "raw"]);
    expect(cursor(after)).toMatchObject({ text: "第二項", offset: 2 });
  });
});

describe("promote (Shift-Tab)", () => {
  it("makes a 号 a 項 after its 項; the 号 after it stay, its 号の細分 become 号", () => {
    const before = stateAt(flatDraft(), "学校", 1);
    const after = run(before, promote);
    expect(shape(after.doc, "a2")).toEqual(["paragraph:a2p1", "paragraph:a2p2", "paragraph:a2p2i2", "paragraph:a2p3"]);
    expect(shape(after.doc, "a2p2").filter((s) => s.startsWith("item:"))).toEqual(["item:a2p2i1", "item:a2p2i3"]);
    expect(shape(after.doc, "a2p2i2")).toEqual(["sentence:学校", "item:a2p2i2s1"]);
    const label = labels(after.doc);
    expect([label("a2p2i2"), label("a2p2i2s1"), label("a2p2i3"), label("a2p3")]).toEqual(["3", "(1)", "(2)", "4"]);
    expect(cursor(after)).toMatchObject({ in: "a2p2i2", offset: 1 });
  });

  it("makes a 号の細分 a 号 after its parent, and a deeper one a 号の細分 of the level above", () => {
    const item = run(stateAt(sampleDraft(), "高齢の家族"), promote);
    expect(shape(item.doc, "a2p1").filter((s) => s.startsWith("item:"))).toEqual([
      "item:a2i1",
      "item:a2i2",
      "item:a2i2s1",
    ]);
    expect(shape(item.doc, "a2i2")).toEqual(["sentence:介護者等", "sentence:次に掲げる者をいう。", "subitem:a2i2s2"]);
    const deeper = run(stateAt(sampleDraft(), "障がいのある家族"), promote);
    expect(shape(deeper.doc, "a2i2")).toEqual([
      "sentence:介護者等",
      "sentence:次に掲げる者をいう。",
      "subitem:a2i2s1",
      "subitem:a2i2s2",
      "subitem:a2i2s2s1",
    ]);
    expect(labels(deeper.doc)("a2i2s2s1")).toBe("ウ");
  });

  it("undoes makeItem when nothing followed", () => {
    const before = stateAt(flatDraft(), "前項の連携", 2);
    const back = run(run(before, makeItem), promote);
    expect(back.doc.eq(before.doc)).toBe(true);
    expect(cursor(back)).toMatchObject({ in: "a2p3", offset: 2 });
  });

  it("returns false for a 項 and outside provisions", () => {
    expect(promote(stateAt(flatDraft(), "前項の連携"))).toBe(false);
    expect(promote(stateAt(flatDraft(), "鳥取県"))).toBe(false);
    expect(promote(stateAt(flatDraft(), "目的", 1))).toBe(false);
  });
});

// ---- chapters and sections -----------------------------------------------------------

describe("insertChapter", () => {
  it("divides bare articles into 第1章 総則 and a new 第2章 with one article; the cursor goes to its heading", () => {
    const before = stateAt(flatDraft(), "規則で定める");
    const after = run(before, insertChapter);
    const chapters = ofType(after.doc, "chapter");
    expect(chapters).toHaveLength(2);
    const [first, second] = chapters.map((id) => byId(after.doc, id));
    expect(shape(after.doc, chapters[0])).toEqual(["heading:総則", "article:a1", "article:a2", "article:a3"]);
    expect(second.childCount).toBe(2);
    expect(second.firstChild!.textContent).toBe("");
    const label = labels(after.doc);
    expect([label(chapters[0]), label(chapters[1]), label(second.child(1).attrs.id)]).toEqual([
      "第1章",
      "第2章",
      "第4条",
    ]);
    expect(first.attrs.id).not.toBe(second.attrs.id);
    expect(cursor(after)).toMatchObject({ block: "heading", in: chapters[1], text: "" });
  });

  it("adds a chapter after the current one when chapters exist", () => {
    const after = run(stateAt(sampleDraft(), "この条例は"), insertChapter);
    const chapters = ofType(after.doc, "chapter");
    expect(chapters).toEqual(["ch1", chapters[1], "ch2"]);
    const label = labels(after.doc);
    expect([label(chapters[1]), label("ch2"), label("a3")]).toEqual(["第2章", "第3章", "第4条"]);
    expect(cursor(after)).toMatchObject({ block: "heading", in: chapters[1] });
  });

  it("only applies in the main provision", () => {
    expect(insertChapter(stateAt(flatDraft(), "鳥取県"))).toBe(false);
    expect(insertChapter(stateAt(flatDraft(), "公布の日"))).toBe(false);
  });
});

describe("insertSection", () => {
  it("divides the articles of a chapter into 第1節 総則 and a new 第2節", () => {
    const after = run(stateAt(sampleDraft(), "この条例は"), insertSection);
    const sections = shape(after.doc, "ch1")
      .slice(1)
      .map((s) => s.replace("section:", ""));
    expect(sections).toHaveLength(2);
    expect(shape(after.doc, sections[0])).toEqual(["heading:総則", "article:a1", "article:a2", "article:a2_2"]);
    expect(labels(after.doc)(sections[1])).toBe("第2節");
    expect(cursor(after)).toMatchObject({ block: "heading", in: sections[1] });
  });

  it("adds a section after the current one; from the chapter heading, before the first", () => {
    const after = run(stateAt(sampleDraft(), "県は、孤独・孤立対策"), insertSection);
    expect(shape(after.doc, "ch2")).toEqual([
      "heading:基本的施策",
      "section:ch2s1",
      expect.stringMatching(/^section:/),
      "section:ch2s2",
    ]);
    expect(labels(after.doc)("ch2s2")).toBe("第3節");
    const fromHeading = run(stateAt(sampleDraft(), "基本的施策"), insertSection);
    expect(shape(fromHeading.doc, "ch2")[2]).toBe("section:ch2s1");
  });

  it("returns false outside a chapter", () => {
    expect(insertSection(stateAt(flatDraft(), "規則で定める"))).toBe(false);
    expect(insertSection(stateAt(sampleDraft(), "鳥取県孤独"))).toBe(false);
  });
});

// ---- every command, everywhere -------------------------------------------------------

/** Runs every command on `state`: it refuses, or leaves a valid document with every id kept; a dry run agrees. */
function checkAll(doc: Node, state: EditorState, where: string): void {
  for (const { name, command } of COMMANDS) {
    let tr: Transaction | null = null;
    const applied = command(state, (t) => (tr = t));
    expect(command(state), `${name} at ${where}`).toBe(applied);
    if (!tr) continue;
    const next = state.apply(tr);
    expectValid(next.doc);
    const ids = idsOf(next.doc, () => true);
    const lost = idsOf(doc, () => true).filter((id) => !ids.includes(id));
    expect(lost, `${name} at ${where}`).toEqual(name === "deleteArticle" ? lost : []);
  }
}

describe("every command at every cursor position", () => {
  it("either refuses or leaves a valid document with unique ids, and a dry run agrees", () => {
    for (const doc of [sampleDraft(), flatDraft()]) {
      doc.descendants((node, pos) => {
        if (node.isTextblock) {
          for (const at of [pos + 1, pos + 1 + node.content.size]) {
            checkAll(doc, EditorState.create({ doc, schema, selection: TextSelection.create(doc, at) }), `${at}`);
          }
        } else if (node.type.name === "article" || node.type.name === "chapter") {
          const selection = NodeSelection.create(doc, pos);
          checkAll(doc, EditorState.create({ doc, schema, selection }), `${node.type.name} ${node.attrs.id}`);
        }
      });
    }
  });
});

// ---- keymap and toolbar table --------------------------------------------------------

describe("ordinanceKeymap and COMMANDS", () => {
  it("binds the shortcuts and leaves undo to yUndo", () => {
    expect(ORDINANCE_KEYS["Mod-Enter"]).toBe(insertArticleAfter);
    expect(ORDINANCE_KEYS["Mod-Shift-Enter"]).toBe(insertArticleBefore);
    expect(ORDINANCE_KEYS.Enter).toBe(splitToNewParagraph);
    expect(ORDINANCE_KEYS.Tab).toBe(makeItem);
    expect(ORDINANCE_KEYS["Shift-Tab"]).toBe(promote);
    expect(ORDINANCE_KEYS["Alt-ArrowUp"]).toBe(moveArticleUp);
    expect(ORDINANCE_KEYS["Alt-ArrowDown"]).toBe(moveArticleDown);
    expect(ORDINANCE_KEYS["Mod-Alt-c"]).toBe(setCaption);
    for (const key of ["Mod-z", "Mod-y", "Mod-Shift-z"]) expect(ORDINANCE_KEYS[key]).toBeUndefined();
  });

  it("runs a command from a key event", () => {
    let state = stateAt(flatDraft(), "目的を定める");
    const view = { state, dispatch: (tr: Transaction) => (state = state.apply(tr)) };
    const event = { key: "Enter", keyCode: 13, ctrlKey: true, shiftKey: false, altKey: false, metaKey: false };
    const handle = ordinanceKeymap.props.handleKeyDown as unknown as (view: unknown, event: unknown) => boolean;
    expect(handle(view, event)).toBe(true);
    expect(ofType(state.doc, "article")).toHaveLength(6);
  });

  it("has one entry per command with a short Japanese label and a shortcut text", () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of COMMANDS) {
      expect(entry.label).toMatch(/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}・]+$/u);
      expect(entry.label).not.toMatch(/です|ます/);
      expect(entry.shortcut === "").toBe(entry.key === null);
    }
    expect(COMMANDS.find((c) => c.name === "insertArticleAfter")).toMatchObject({
      label: "条を追加",
      shortcut: "Ctrl+Enter",
    });
  });
});
