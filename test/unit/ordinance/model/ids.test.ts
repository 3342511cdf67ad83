import { Slice, type Node, Fragment } from "prosemirror-model";
import { EditorState, TextSelection } from "prosemirror-state";
import { describe, expect, it } from "vitest";
import { buildArticle, buildDoc, ensureIds, newId, uniqueIdPlugin } from "../../../../ordinance/model";
import { sampleDraft } from "./sample-draft";

/** Every id-bearing node's id, in document order. */
function ids(doc: Node): (string | null)[] {
  const found: (string | null)[] = [];
  doc.descendants((node) => {
    if ("id" in node.attrs) found.push(node.attrs.id as string | null);
  });
  return found;
}

function counter(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}

const twoArticles = () =>
  buildDoc({
    title: "条例",
    main: [
      { id: "first", paragraphs: [{ id: "p1", sentences: ["第一の条"] }] },
      { id: "second", paragraphs: [{ id: "p2", sentences: ["第二の条"] }] },
    ],
  });

describe("newId", () => {
  it("is ten characters of base36", () => {
    for (let i = 0; i < 200; i++) expect(newId()).toMatch(/^[0-9a-z]{10}$/);
  });

  it("does not repeat over many draws", () => {
    const seen = new Set(Array.from({ length: 5000 }, newId));
    expect(seen.size).toBe(5000);
  });
});

describe("ensureIds", () => {
  it("gives every provision and 附則 an id, and leaves other nodes without one", () => {
    const doc = ensureIds(
      buildDoc({
        title: "条例",
        main: [{ paragraphs: ["本文"] }],
        supplProvisions: [{ children: [{ sentences: ["施行する。"] }] }],
      }),
      counter("n")
    );
    expect(ids(doc)).toEqual(["n1", "n2", "n3", "n4"]);
    const types: string[] = [];
    doc.descendants((node) => {
      if ("id" in node.attrs) types.push(node.type.name);
    });
    expect(types).toEqual(["article", "paragraph", "supplProvision", "paragraph"]);
  });

  it("keeps existing ids and returns the same document when nothing is missing", () => {
    const doc = sampleDraft();
    expect(ensureIds(doc)).toBe(doc);
    const partly = buildDoc({ title: "条例", main: [{ id: "kept", paragraphs: ["本文"] }] });
    expect(ids(ensureIds(partly, counter("new")))).toEqual(["kept", "new1"]);
  });

  it("renews duplicated ids, the first occurrence keeping its own", () => {
    const copy = buildArticle({ id: "first", paragraphs: [{ id: "p1", sentences: ["写し"] }] });
    const doc = twoArticles();
    const end = doc.child(0).nodeSize + doc.child(1).nodeSize - 1;
    const duplicated = doc.replace(end, end, new Slice(Fragment.from(copy), 0, 0));
    expect(ids(duplicated)).toEqual(["first", "p1", "second", "p2", "first", "p1"]);
    expect(ids(ensureIds(duplicated, counter("x")))).toEqual(["first", "p1", "second", "p2", "x1", "x2"]);
  });
});

describe("uniqueIdPlugin", () => {
  const stateOf = (doc: Node, options = {}) =>
    EditorState.create({ doc, plugins: [uniqueIdPlugin({ makeId: counter("new"), ...options })] });
  // Positions inside the 本則: after the title node, then one step into mainProvision.
  const mainStart = (state: EditorState) => state.doc.child(0).nodeSize + 1;
  const mainEnd = (state: EditorState) => state.doc.child(0).nodeSize + state.doc.child(1).nodeSize - 1;

  it("gives an id to a provision inserted without one", () => {
    const state = stateOf(twoArticles());
    const tr = state.tr.insert(mainEnd(state), buildArticle({ paragraphs: ["新しい条"] }));
    expect(ids(state.apply(tr).doc)).toEqual(["first", "p1", "second", "p2", "new1", "new2"]);
  });

  it("renews the ids of a pasted copy and keeps the original's, even when pasted above it", () => {
    const state = stateOf(twoArticles());
    const original = state.doc.child(1).child(0);
    const above = state.apply(state.tr.insert(mainStart(state), original)).doc;
    expect(ids(above)).toEqual(["new1", "new2", "first", "p1", "second", "p2"]);
    expect(above.child(1).child(0).textContent).toBe("第一の条");
    const below = state.apply(state.tr.insert(mainEnd(state), original)).doc;
    expect(ids(below)).toEqual(["first", "p1", "second", "p2", "new3", "new4"]); // the same id factory goes on counting
  });

  it("leaves ids alone while text is typed", () => {
    const state = stateOf(sampleDraft());
    const before = ids(state.doc);
    const inSentence = TextSelection.atStart(state.doc.child(2)).from;
    const typed = state.apply(state.tr.insertText("追記", inSentence));
    expect(typed.doc.textContent).not.toBe(state.doc.textContent);
    expect(ids(typed.doc)).toEqual(before);
  });

  it("skips transactions the editor marks as coming from another client", () => {
    const state = stateOf(twoArticles(), {
      ignoreTransaction: (tr: { getMeta(key: string): unknown }) => tr.getMeta("remote") === true,
    });
    const tr = state.tr.insert(mainEnd(state), buildArticle({ paragraphs: ["他の人の条"] })).setMeta("remote", true);
    expect(ids(state.apply(tr).doc)).toEqual(["first", "p1", "second", "p2", null, null]);
  });
});
