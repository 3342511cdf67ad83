import { EditorState } from "prosemirror-state";
import { prosemirrorToYXmlFragment, updateYFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { checkFragment, checkTransaction, InvalidContentError } from "../../collab-server/extensions/schema-guard";
import { PROSEMIRROR_FRAGMENT } from "../../collab-server/protocol";
import { buildDoc, ensureIds, ordinanceSchema } from "../../ordinance/model";

// The guard reads the Yjs tree as y-prosemirror does; every case checks both directions:
// what the editor writes passes, and what y-prosemirror would drop or repair is refused.

function draft(articles = 3) {
  return ensureIds(
    buildDoc({
      title: "試験条例",
      main: Array.from({ length: articles }, (_, i) => ({
        caption: `見出し${i + 1}`,
        paragraphs: [{ sentences: [`第${i + 1}条の本文。`], items: i % 2 ? [{ sentences: ["号の本文"] }] : [] }, "二項"],
      })),
      supplProvisions: [{ children: [{ sentences: ["この条例は、公布の日から施行する。"] }] }],
    }),
  );
}

function yDraft(articles = 3) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(PROSEMIRROR_FRAGMENT);
  prosemirrorToYXmlFragment(draft(articles), fragment);
  return { doc, fragment };
}

/** The update `change` makes on a replica, checked as the server would: applied to a shadow copy. */
function verdict(replica: Y.Doc, change: (fragment: Y.XmlFragment, doc: Y.Doc) => void): string | null {
  const shadow = new Y.Doc();
  const fragment = shadow.getXmlFragment(PROSEMIRROR_FRAGMENT);
  Y.applyUpdate(shadow, Y.encodeStateAsUpdate(replica));
  const before = Y.encodeStateVector(replica);
  change(replica.getXmlFragment(PROSEMIRROR_FRAGMENT), replica);
  const update = Y.encodeStateAsUpdate(replica, before);
  let transaction: Y.Transaction | null = null;
  shadow.on("afterTransaction", (tr: Y.Transaction) => {
    if (tr.origin === "test") transaction = tr;
  });
  Y.applyUpdate(shadow, update, "test");
  try {
    checkTransaction(fragment, transaction!);
    return null;
  } catch (error) {
    if (!(error instanceof InvalidContentError)) throw error;
    return error.message;
  }
}

const firstArticle = (fragment: Y.XmlFragment) =>
  (fragment.toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "mainProvision") as Y.XmlElement).get(0) as Y.XmlElement;
const firstParagraph = (fragment: Y.XmlFragment) => firstArticle(fragment).get(1) as Y.XmlElement;
const firstSentenceText = (fragment: Y.XmlFragment) => (firstParagraph(fragment).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe("schema guard: what the editor writes passes", () => {
  it("accepts a whole draft written by y-prosemirror, then typing and formatting in it", () => {
    const { doc, fragment } = yDraft();
    expect(() => checkFragment(fragment)).not.toThrow();
    expect(verdict(doc, (f) => firstSentenceText(f).insert(2, "県は"))).toBeNull();
    expect(verdict(doc, (f) => firstSentenceText(f).format(0, 2, { ruby: { rt: "だい" } }))).toBeNull();
    expect(verdict(doc, (f) => firstSentenceText(f).format(0, 1, { sup: {} }))).toBeNull();
  });

  it("accepts the updates y-prosemirror makes from ProseMirror edits: insert an article, delete one, set ids", () => {
    const { doc, fragment } = yDraft();
    const meta = { mapping: new Map(), isOMark: new Map() };
    const base = yXmlFragmentToProseMirrorRootNode(fragment, ordinanceSchema);
    const state = EditorState.create({ doc: base });
    const main = base.child(1);
    const article = main.child(0);
    const added = state.tr.insert(1 + base.child(0).nodeSize + 1, article.type.create({ id: "fresh1" }, article.content));
    expect(verdict(doc, (f) => updateYFragment(doc, f, added.doc, meta))).toBeNull();
    const next = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(PROSEMIRROR_FRAGMENT), ordinanceSchema);
    const start = 1 + next.child(0).nodeSize + 1;
    const removed = EditorState.create({ doc: next }).tr.delete(start, start + next.child(1).child(0).nodeSize);
    expect(verdict(doc, (f) => updateYFragment(doc, f, removed.doc, meta))).toBeNull();
    expect(verdict(doc, (f) => firstArticle(f).setAttribute("id", "renewed1"))).toBeNull();
    expect(verdict(doc, (f) => firstArticle(f).removeAttribute("id"))).toBeNull();
  });
});

describe("schema guard: what breaks the schema is refused", () => {
  it("refuses an article inside a paragraph, an unknown element, text under the root", () => {
    const { doc } = yDraft();
    expect(verdict(doc, (f) => firstParagraph(f).insert(1, [new Y.XmlElement("article")]))).toMatch(/not allowed in paragraph|incomplete/);
    expect(verdict(yDraft().doc, (f) => firstParagraph(f).insert(0, [new Y.XmlElement("script")]))).toMatch(/unknown element script/);
    expect(verdict(yDraft().doc, (f) => f.insert(0, [new Y.XmlText("地の文")]))).toMatch(/text not allowed in doc/);
  });

  it("refuses an article left without a paragraph, a second title, and a deleted title", () => {
    expect(verdict(yDraft().doc, (f) => firstArticle(f).delete(1, 2))).toMatch(/article is incomplete/);
    expect(verdict(yDraft().doc, (f) => f.insert(0, [new Y.XmlElement("title")]))).toMatch(/title not allowed/);
    expect(verdict(yDraft().doc, (f) => f.delete(0, 1))).toMatch(/not allowed in doc|incomplete/);
  });

  it("refuses bad attributes and marks", () => {
    expect(verdict(yDraft().doc, (f) => firstArticle(f).setAttribute("onclick", "x"))).toMatch(/unknown attribute onclick/);
    expect(verdict(yDraft().doc, (f) => firstArticle(f).setAttribute("id", 42 as unknown as string))).toMatch(/attribute id/);
    expect(
      verdict(yDraft().doc, (f) => (firstParagraph(f).get(0) as Y.XmlElement).setAttribute("function", "footnote")),
    ).toMatch(/attribute function/);
    expect(verdict(yDraft().doc, (f) => firstSentenceText(f).format(0, 1, { bold: {} }))).toMatch(/unknown mark bold/);
    expect(verdict(yDraft().doc, (f) => firstSentenceText(f).format(0, 1, { sup: {}, sub: {} }))).toMatch(/invalid marks/);
    expect(verdict(yDraft().doc, (f) => firstSentenceText(f).format(0, 1, { ruby: {} }))).toMatch(/missing attribute rt/);
    const caption = (f: Y.XmlFragment) => (firstArticle(f).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(verdict(yDraft().doc, (f) => caption(f).format(0, 1, { sup: {} }))).toMatch(/marks not allowed in caption/);
    expect(verdict(yDraft().doc, (f) => firstSentenceText(f).insertEmbed(0, { image: "x" }))).toMatch(/embedded object/);
  });

  it("refuses a raw element without its required attributes, and children in an atom", () => {
    expect(verdict(yDraft().doc, (f) => f.insert(f.length, [new Y.XmlElement("raw")]))).toMatch(/missing attribute/);
    const toc = new Y.XmlElement("toc");
    toc.insert(0, [new Y.XmlText("目次")]);
    expect(verdict(yDraft().doc, (f) => f.insert(1, [toc]))).toMatch(/text not allowed in toc/);
  });

  it("refuses any write beside the ordinance fragment", () => {
    expect(verdict(yDraft().doc, (_f, d) => d.getText("probe").insert(0, "x"))).toMatch(/outside the ordinance/);
    expect(verdict(yDraft().doc, (_f, d) => d.getMap("meta").set("k", 1))).toMatch(/outside the ordinance/);
  });
});

describe("schema guard: cost", () => {
  it("checks keystrokes and a new article in a 300-article draft by what changed, not the whole draft", () => {
    const { doc, fragment } = yDraft(300);
    const full = performance.now();
    checkFragment(fragment);
    const fullMs = performance.now() - full;
    const rebuild = performance.now();
    const shadow = new Y.Doc();
    const shadowFragment = shadow.getXmlFragment(PROSEMIRROR_FRAGMENT);
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(doc));
    const rebuildMs = performance.now() - rebuild;
    let transaction: Y.Transaction | null = null;
    shadow.on("afterTransaction", (tr: Y.Transaction) => {
    if (tr.origin === "test") transaction = tr;
  });
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 500; i++) firstSentenceText(fragment).insert(i, "あ");
    const article = new Y.XmlElement("article");
    const paragraph = new Y.XmlElement("paragraph");
    const sentence = new Y.XmlElement("sentence");
    sentence.insert(0, [new Y.XmlText("新しい条")]);
    paragraph.insert(0, [sentence]);
    article.insert(0, [paragraph]);
    (fragment.get(1) as Y.XmlElement).insert(150, [article]);
    const started = performance.now();
    for (const update of updates) {
      Y.applyUpdate(shadow, update, "test");
      checkTransaction(shadowFragment, transaction!);
    }
    const perUpdate = (performance.now() - started) / updates.length;
    console.log(
      `[schema guard] 300 articles (${Y.encodeStateAsUpdate(doc).byteLength} bytes): full check ${fullMs.toFixed(1)} ms, ` +
        `shadow rebuild ${rebuildMs.toFixed(1)} ms, apply + check per update ${perUpdate.toFixed(3)} ms`,
    );
    expect(yXmlFragmentToProseMirrorRootNode(shadowFragment, ordinanceSchema).child(1).childCount).toBe(301);
  });
});
