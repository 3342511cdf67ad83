import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import { issueSession } from "../../auth/sessions";
import { createDraft, exportDraft, importDraftXml, listDrafts, loadDraftDoc, updateDraftSettings } from "../../drafting/drafts";
import { buildArticle } from "../../ordinance/model";
import { backends, type TestDatabase } from "../support/db";
import { connectCollab } from "../support/collab-client";
import { startHttpApp } from "../support/http-app";
import { xmlEvents } from "../unit/ordinance/egov/xml-substance";

const SHARED = path.resolve("../shared/fixtures/law-xml/405AC0000000088_20240401_504AC0100000052.xml");
const hasShared = (() => {
  try {
    readFileSync(SHARED);
    return true;
  } catch {
    console.log(`[kizuna tests] ${SHARED} not found: the shared-law draft round trip is skipped`);
    return false;
  }
})();

describe.each(backends)("drafts on $name", (backend) => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  beforeAll(async () => {
    t = await backend.create();
    app = await startHttpApp(t.db);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("seeds the demo ordinance as the first draft, with 17 articles", async () => {
    const [first] = await listDrafts(t.db);
    expect(first!.title).toBe("鳥取県障がい者、高齢者及び介護者等の孤独・孤立を防ぎ、誰一人取り残さない社会づくり条例（仮称）");
    const text = (await exportDraft(t.db, first!.id, "text")).body as string;
    expect(text).toContain("第17条");
    expect(text).not.toContain("第18条");
    expect(text).toMatch(/（定義）\n第2条　この条例において/);
  });

  it.skipIf(!hasShared)("imports the shared law as a draft and exports it back unchanged in substance", async () => {
    const xml = readFileSync(SHARED, "utf8");
    const { draftId, articles } = await importDraftXml(t.db, xml, {}, null);
    expect(articles).toBe(48);
    const exported = (await exportDraft(t.db, draftId, "egov-xml")).body as string;
    expect(xmlEvents(exported)).toEqual(xmlEvents(xml));
  });

  it("refuses hostile or foreign XML whole, naming the problem, and creates nothing", async () => {
    const before = (await listDrafts(t.db)).length;
    await expect(importDraftXml(t.db, '<!DOCTYPE x [<!ENTITY a "b">]><Law/>', { fileName: "evil.xml" }, null)).rejects.toThrow(/^evil\.xml：.*DOCTYPE/);
    await expect(importDraftXml(t.db, "<html><body>x</body></html>", { fileName: "page.xml" }, null)).rejects.toThrow(/Law/);
    expect((await listDrafts(t.db)).length).toBe(before);
  });

  it("exports a DOCX that opens as a Word file", async () => {
    const [first] = await listDrafts(t.db);
    const file = await exportDraft(t.db, first!.id, "docx");
    const bytes = Buffer.from(file.body as Uint8Array);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect(file.fileName).toBe(`draft-${first!.id}.docx`);
  });

  it("switches the numbering style for exports", async () => {
    const id = await createDraft(t.db, { title: "番号の確認" }, null);
    await updateDraftSettings(t.db, id, { title: "番号の確認", numberingStyle: "vertical" });
    expect((await exportDraft(t.db, id, "text")).body).toContain("第一条");
  });

  it("exports what a PT member typed through the collaboration server", async () => {
    const id = await createDraft(t.db, { title: "共同編集の確認" }, null);
    const [{ id: ptId }] = await t.db.query<{ id: number }>("SELECT id FROM users WHERE login = 'pt1'");
    const client = await connectCollab(app.origin, id, (await issueSession(t.db, ptId, "token")).secret);
    await client.settled();
    const { doc } = await loadDraftDoc(t.db, id);
    // Replace the whole text with a draft of two articles, as the editor would.
    const edited = doc.type.schema.nodes.doc.create(doc.attrs, [
      doc.child(0),
      doc.type.schema.nodes.mainProvision.create(null, [
        buildArticle({ caption: "目的", paragraphs: ["この条例は、試験のために定める。"] }),
        buildArticle({ caption: "定義", paragraphs: ["この条例で用いる語は、次のとおりとする。"] }),
      ]),
      ...Array.from({ length: doc.childCount - 2 }, (_, i) => doc.child(i + 2)),
    ]);
    client.doc.transact(() => {
      const fragment = client.doc.getXmlFragment("prosemirror");
      fragment.delete(0, fragment.length);
      prosemirrorToYXmlFragment(edited, fragment);
    });
    await client.settled();
    client.destroy();
    const text = (await exportDraft(t.db, id, "text")).body as string;
    expect(text).toContain("第2条　この条例で用いる語は、次のとおりとする。");
  });
});
