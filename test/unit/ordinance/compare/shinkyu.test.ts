import JSZip from "jszip";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ShinkyuTable } from "../../../../app/components/shinkyu/ShinkyuTable";
import { compareDocuments, shinkyuJson, shinkyuTable, type ShinkyuCell, type ShinkyuSettings, type ShinkyuTable as Table } from "../../../../ordinance/compare";
import { shinkyuToDocx } from "../../../../ordinance/formats/shinkyu-docx";
import { buildDoc, type ArticleInit, type ParagraphInit } from "../../../../ordinance/model";
import { firstDraft, secondDraft } from "./fixtures";

// Golden 新旧対照表s, written out by hand as a 法制執務 reader expects them. In a cell, _x_
// marks an underlined run and " / " parts two printed lines.

const marked = (cell: ShinkyuCell) => cell.map((line) => line.runs.map((r) => (r.underline ? `_${r.text}_` : r.text)).join("")).join(" / ");
const golden = (table: Table) => table.rows.map((row) => [row.label, row.status, marked(row.cells.before), marked(row.cells.after)]);

const tableOf = (before: ReturnType<typeof buildDoc>, after: ReturnType<typeof buildDoc>, settings: Partial<ShinkyuSettings> = {}) =>
  shinkyuTable(compareDocuments(before, after), settings);

const doc = (main: ArticleInit[], suppl: ParagraphInit[] = []) =>
  buildDoc({ title: "鳥取県孤独・孤立対策推進条例", main, supplProvisions: suppl.length ? [{ id: "suppl", children: suppl }] : [] });

const article = (id: string, caption: string, ...paragraphs: ParagraphInit[]): ArticleInit => ({ id, caption, paragraphs });

const LEAD_REPLACE = "次の表の改正前の欄中下線が引かれた部分を、同表の改正後の欄中下線が引かれた部分に改める。";
const REMOVE_CLAUSE = "改正前の欄中下線が引かれた部分でこれに対応する改正後の欄中下線が引かれた部分がないものを削";
const ADD_CLAUSE = "改正後の欄中下線が引かれた部分でこれに対応する改正前の欄中下線が引かれた部分がないものを加え";
const LEAD_ALL = `次の表の改正前の欄中下線が引かれた部分を、同表の改正後の欄中下線が引かれた部分に改め、${REMOVE_CLAUSE}り、${ADD_CLAUSE}る。`;

describe("新旧対照表 of 第1次案 and 第2次案", () => {
  const table = shinkyuTable(compareDocuments(firstDraft(), secondDraft()));

  it("shows each change at its provision, renumbered articles as （略） with their numbers underlined", () => {
    expect(golden(table)).toEqual([
      ["第2条", "added", "", "_（基本理念）_ / _第2条　孤独・孤立対策は、当事者の意向を尊重して行われなければならない。_"],
      ["第3条", "changed", "（定義） / _第2条_　（略）", "（定義） / _第3条_　（略）"],
      ["第3条第1号・第2号", "unchanged", "(1)・(2)　（略）", "(1)・(2)　（略）"],
      ["第2条第3号", "deleted", "_(3)　介護者　高齢者、障害者等を無償で介護する者をいう。_", ""],
      ["第4条", "changed", "（県の責務） / _第3条_　（略）", "（県の責務） / _第4条_　（略）"],
      ["第4条第2項", "changed", "2　県は、市町村が実施する施策を支援するものとする。", "2　県は、市町村_及び関係団体_が実施する施策を支援するものとする。"],
      ["第5条", "changed", "（_推進_計画） / _第4条_　（略）", "（_行動_計画） / _第5条_　（略）"],
    ]);
    expect(table.rows.map((r) => r.role)).toEqual(["changed", "changed", "omitted", "changed", "changed", "changed", "changed"]);
    expect(table.columns.map((c) => c.heading)).toEqual(["改正前", "改正後"]);
  });

  it("leads with a sentence that also covers words and provisions only one column has", () => {
    expect(table.lead).toBe(LEAD_ALL);
    expect(shinkyuTable(compareDocuments(firstDraft(), secondDraft()), { lead: "別の文。" }).lead).toBe("別の文。");
  });

  it("gives the CLI plain rows as printed and counts the changed provisions", () => {
    const json = shinkyuJson(table);
    expect(Object.keys(json)).toEqual(["rows", "changedProvisions"]);
    // The added article (one change, its paragraph with it), 第2条→第3条, the deleted 号,
    // 第3条→第4条, the words of 第4条第2項, and 第4条→第5条 with its caption.
    expect(json.changedProvisions).toBe(6);
    expect(json.rows[0]).toEqual({ label: "第2条", before: "", after: "（基本理念）\n第2条　孤独・孤立対策は、当事者の意向を尊重して行われなければならない。", changed: true });
    expect(json.rows[2]).toEqual({ label: "第3条第1号・第2号", before: "(1)・(2)　（略）", after: "(1)・(2)　（略）", changed: false });
    expect(json.rows[5]).toEqual({
      label: "第4条第2項",
      before: "2　県は、市町村が実施する施策を支援するものとする。",
      after: "2　県は、市町村及び関係団体が実施する施策を支援するものとする。",
      changed: true,
    });
  });

  it("indents lines as the 例規集: caption one in, article at the margin, items one in", () => {
    const indents = (cell: ShinkyuCell) => cell.map((l) => [l.indent, l.wrapIndent]);
    expect(indents(table.rows[1].cells.after)).toEqual([[1, 1], [0, 1]]);
    expect(indents(table.rows[3].cells.before)).toEqual([[1, 2]]);
    expect(indents(table.rows[5].cells.after)).toEqual([[0, 1]]);
  });

  it("with unchanged provisions omitted, keeps the article heads in full and drops the （略） lines", () => {
    const omitted = shinkyuTable(compareDocuments(firstDraft(), secondDraft()), { unchanged: "omit" });
    expect(golden(omitted)).toEqual([
      ["第2条", "added", "", "_（基本理念）_ / _第2条　孤独・孤立対策は、当事者の意向を尊重して行われなければならない。_"],
      [
        "第3条",
        "changed",
        "（定義） / _第2条_　この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。",
        "（定義） / _第3条_　この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。",
      ],
      ["第2条第3号", "deleted", "_(3)　介護者　高齢者、障害者等を無償で介護する者をいう。_", ""],
      [
        "第4条",
        "changed",
        "（県の責務） / _第3条_　県は、基本理念にのっとり、孤独・孤立対策に関する施策を総合的に策定し、及び実施する責務を有する。",
        "（県の責務） / _第4条_　県は、基本理念にのっとり、孤独・孤立対策に関する施策を総合的に策定し、及び実施する責務を有する。",
      ],
      ["第4条第2項", "changed", "2　県は、市町村が実施する施策を支援するものとする。", "2　県は、市町村_及び関係団体_が実施する施策を支援するものとする。"],
      ["第5条", "changed", "（_推進_計画） / _第4条_　知事は、孤独・孤立対策の推進に関する計画を定めるものとする。", "（_行動_計画） / _第5条_　知事は、孤独・孤立対策の推進に関する計画を定めるものとする。"],
    ]);
    expect(omitted.changedProvisions).toBe(6);
  });

  it("puts 改正後 on the left when asked, with the same rows", () => {
    const reversed = shinkyuTable(compareDocuments(firstDraft(), secondDraft()), { columnOrder: "afterFirst" });
    expect(reversed.columns).toEqual([{ side: "after", heading: "改正後" }, { side: "before", heading: "改正前" }]);
    expect(reversed.rows).toEqual(table.rows);
    expect(reversed.lead).toBe(table.lead);
  });
});

describe("新旧対照表 of small changes", () => {
  const PURPOSE = article("a-purpose", "目的", { id: "p-purpose", sentences: ["この条例は、孤独・孤立対策の基本となる事項を定めることを目的とする。"] });
  const DEFINITIONS = article("a-def", "定義", { id: "p-def", sentences: ["この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"] });
  const PLAN = article("a-plan", "推進計画", { id: "p-plan", sentences: ["知事は、孤独・孤立対策の推進に関する計画を定めるものとする。"] });

  it("a word changed inside a sentence: only that word underlined, in both columns", () => {
    const duty = (words: string) => article("a-duty", "県の責務", { id: "p-duty", sentences: [`県は、${words}と連携して、孤独・孤立対策を推進するものとする。`] });
    const table = tableOf(doc([duty("関係機関")]), doc([duty("関係団体")]));
    expect(golden(table)).toEqual([
      [
        "第1条",
        "changed",
        "（県の責務） / 第1条　県は、関係_機関_と連携して、孤独・孤立対策を推進するものとする。",
        "（県の責務） / 第1条　県は、関係_団体_と連携して、孤独・孤立対策を推進するものとする。",
      ],
    ]);
    expect(table.lead).toBe(LEAD_REPLACE);
    expect(table.changedProvisions).toBe(1);
  });

  it("an item deleted: the 号 after it moves up, with its number underlined", () => {
    const items = [
      { id: "i-1", sentences: ["孤独　寂しさを感じている状態をいう。"] },
      { id: "i-2", sentences: ["孤立　社会とのつながりや助けのない又は少ない状態をいう。"] },
      { id: "i-3", sentences: ["介護者　高齢者、障害者等を無償で介護する者をいう。"] },
    ];
    const definitions = (kept: typeof items) => article("a-def", "定義", { id: "p-def", sentences: ["この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"], items: kept });
    const table = tableOf(doc([definitions(items)]), doc([definitions([items[0], items[2]])]));
    expect(golden(table)).toEqual([
      ["第1条", "unchanged", "（定義） / 第1条　（略）", "（定義） / 第1条　（略）"],
      ["第1条第1号", "unchanged", "(1)　（略）", "(1)　（略）"],
      ["第1条第2号", "deleted", "_(2)　孤立　社会とのつながりや助けのない又は少ない状態をいう。_", ""],
      ["第1条第2号", "changed", "_(3)_　（略）", "_(2)_　（略）"],
    ]);
    expect(table.rows.map((r) => r.role)).toEqual(["context", "omitted", "changed", "changed"]);
    expect(table.lead).toBe(`次の表の改正前の欄中下線が引かれた部分を、同表の改正後の欄中下線が引かれた部分に改め、${REMOVE_CLAUSE}る。`);
    expect(table.changedProvisions).toBe(2);
  });

  it("an article inserted: it is underlined whole, and each later article shows its new number", () => {
    const principle = article("a-principle", "基本理念", { id: "p-principle", sentences: ["孤独・孤立対策は、当事者の意向を尊重して行われなければならない。"] });
    const table = tableOf(doc([PURPOSE, DEFINITIONS, PLAN]), doc([PURPOSE, principle, DEFINITIONS, PLAN]));
    expect(golden(table)).toEqual([
      ["第2条", "added", "", "_（基本理念）_ / _第2条　孤独・孤立対策は、当事者の意向を尊重して行われなければならない。_"],
      ["第3条", "changed", "（定義） / _第2条_　（略）", "（定義） / _第3条_　（略）"],
      ["第4条", "changed", "（推進計画） / _第3条_　（略）", "（推進計画） / _第4条_　（略）"],
    ]);
    expect(table.changedProvisions).toBe(3);
    expect(table.lead).toBe(`次の表の改正前の欄中下線が引かれた部分を、同表の改正後の欄中下線が引かれた部分に改め、${ADD_CLAUSE}る。`);
  });

  it("a caption renamed: the changed part of the caption underlined, the wording （略）", () => {
    const table = tableOf(doc([PURPOSE, PLAN]), doc([PURPOSE, { ...PLAN, caption: "行動計画" }]));
    expect(golden(table)).toEqual([["第2条", "changed", "（_推進_計画） / 第2条　（略）", "（_行動_計画） / 第2条　（略）"]]);
    expect(table.lead).toBe(LEAD_REPLACE);
  });

  it("a 附則 paragraph added: the 附則 stands as context, the first paragraph gains its number 1", () => {
    const enforcement: ParagraphInit = { id: "p-suppl", sentences: ["この条例は、令和9年4月1日から施行する。"] };
    const transition: ParagraphInit = { id: "p-suppl-2", sentences: ["この条例の施行の際現に策定されている計画は、第2条の規定により定められた計画とみなす。"] };
    const table = tableOf(doc([PURPOSE, PLAN], [enforcement]), doc([PURPOSE, PLAN], [enforcement, transition]));
    expect(golden(table)).toEqual([
      ["附則", "unchanged", "附　則", "附　則"],
      ["附則第1項", "changed", "（略）", "_1_　（略）"],
      ["附則第2項", "added", "", "_2　この条例の施行の際現に策定されている計画は、第2条の規定により定められた計画とみなす。_"],
    ]);
    // An unnumbered paragraph stands one in; a numbered one at the margin with its number.
    expect(table.rows[1].cells.before[0]).toMatchObject({ indent: 1, wrapIndent: 0 });
    expect(table.rows[1].cells.after[0]).toMatchObject({ indent: 0, wrapIndent: 1 });
    expect(table.lead).toBe("次の表の改正後の欄中下線が引かれた部分を加える。");
    expect(table.changedProvisions).toBe(2);
  });

  describe("unchanged provisions between changes: （略） or left out", () => {
    const duty = (first: string, third: string) =>
      article(
        "a-duty",
        "県の責務",
        { id: "d-1", sentences: [`県は、孤独・孤立対策に関する施策を${first}策定し、及び実施する責務を有する。`] },
        { id: "d-2", sentences: ["県は、施策の実施に当たっては、市町村と連携するものとする。"] },
        { id: "d-3", sentences: [`県は、${third}施策の実施状況を公表するものとする。`] },
        { id: "d-4", sentences: ["県は、必要な財政上の措置を講ずるよう努めるものとする。"] },
      );
    const terms = (lonely: string, supporter: string) =>
      article("a-def", "定義", {
        id: "p-def",
        sentences: ["この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"],
        items: [
          { id: "t-1", sentences: [`孤独　${lonely}寂しさを感じている状態をいう。`] },
          { id: "t-2", sentences: ["孤立　社会とのつながりや助けのない又は少ない状態をいう。"] },
          { id: "t-3", sentences: ["当事者　孤独・孤立の状態にある者をいう。"] },
          { id: "t-4", sentences: ["関係団体　孤独・孤立対策に取り組む団体をいう。"] },
          { id: "t-5", sentences: [`支援者　当事者を支援する${supporter}をいう。`] },
        ],
      });
    const before = doc([duty("", ""), terms("", "者")]);
    const after = doc([duty("総合的に", "毎年度、"), terms("社会的なつながりが少ないことにより、", "個人又は団体")]);
    const FIRST = [
      "第1条第1項",
      "changed",
      "（県の責務） / 第1条　県は、孤独・孤立対策に関する施策を策定し、及び実施する責務を有する。",
      "（県の責務） / 第1条　県は、孤独・孤立対策に関する施策を_総合的に_策定し、及び実施する責務を有する。",
    ];
    const THIRD = ["第1条第3項", "changed", "3　県は、施策の実施状況を公表するものとする。", "3　県は、_毎年度、_施策の実施状況を公表するものとする。"];
    const LONELY = ["第2条第1号", "changed", "(1)　孤独　寂しさを感じている状態をいう。", "(1)　孤独　_社会的なつながりが少ないことにより、_寂しさを感じている状態をいう。"];
    const SUPPORTER = ["第2条第5号", "changed", "(5)　支援者　当事者を支援する_者_をいう。", "(5)　支援者　当事者を支援する_個人又は団体_をいう。"];

    it("abbreviate: one （略） line for the run between two changes, nothing after the last", () => {
      const table = tableOf(before, after);
      expect(golden(table)).toEqual([
        FIRST,
        ["第1条第2項", "unchanged", "2　（略）", "2　（略）"],
        THIRD,
        ["第2条", "unchanged", "（定義） / 第2条　（略）", "（定義） / 第2条　（略）"],
        LONELY,
        ["第2条第2号～第4号", "unchanged", "(2)～(4)　（略）", "(2)～(4)　（略）"],
        SUPPORTER,
      ]);
      expect(table.changedProvisions).toBe(4);
      expect(table.lead).toBe(LEAD_ALL.replace(`${REMOVE_CLAUSE}り、`, ""));
    });

    it("omit: no （略） at all; the article holding a changed 号 is shown in full", () => {
      const table = tableOf(before, after, { unchanged: "omit" });
      expect(golden(table)).toEqual([
        FIRST,
        THIRD,
        ["第2条", "unchanged", "（定義） / 第2条　この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。", "（定義） / 第2条　この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"],
        LONELY,
        SUPPORTER,
      ]);
      expect(table.changedProvisions).toBe(4);
    });
  });
});

describe("新旧対照表 as DOCX", () => {
  const table = shinkyuTable(compareDocuments(firstDraft(), secondDraft()));

  async function documentXml(bytes: Uint8Array): Promise<string> {
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file("[Content_Types].xml")).not.toBeNull();
    return zip.file("word/document.xml")!.async("string");
  }
  const texts = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
  const underlined = (xml: string) =>
    [...xml.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:u w:val="single"\/>(?:(?!<\/w:r>)[\s\S])*?<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);

  it("writes A4 landscape with the lead, a repeating header row, unsplittable rows and real underlines", async () => {
    const xml = await documentXml(await shinkyuToDocx(table, { title: "新旧対照表", subtitle: "第1次案と第2次案" }));
    expect(xml).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
    expect(texts(xml).slice(0, 5)).toEqual(["新旧対照表", "第1次案と第2次案", LEAD_ALL, "改正前", "改正後"]);
    const rows = [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]);
    expect(rows).toHaveLength(1 + table.rows.length);
    expect(rows[0]).toContain("<w:tblHeader/>");
    expect(rows.slice(1).some((r) => r.includes("<w:tblHeader/>"))).toBe(false);
    expect(rows.every((r) => r.includes("<w:cantSplit/>"))).toBe(true);
    expect(underlined(xml)).toEqual([
      "（基本理念）",
      "第2条　孤独・孤立対策は、当事者の意向を尊重して行われなければならない。",
      "第2条",
      "第3条",
      "(3)　介護者　高齢者、障害者等を無償で介護する者をいう。",
      "第3条",
      "第4条",
      "及び関係団体",
      "推進",
      "第4条",
      "行動",
      "第5条",
    ]);
    // Unchanged text stays in plain runs beside the underlined ones.
    expect(texts(xml)).toEqual(expect.arrayContaining(["2　県は、市町村", "及び関係団体", "が実施する施策を支援するものとする。"]));
  });

  it("sets the 明朝 font and follows the column order", async () => {
    const bytes = await shinkyuToDocx(shinkyuTable(compareDocuments(firstDraft(), secondDraft()), { columnOrder: "afterFirst" }));
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("word/styles.xml")!.async("string")).toContain('w:eastAsia="ＭＳ 明朝"');
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(texts(xml).slice(1, 3)).toEqual(["改正後", "改正前"]);
  });
});

describe("新旧対照表 on screen", () => {
  const html = (table: Table) => renderToStaticMarkup(createElement(ShinkyuTable, { table, caption: "第1次案と第2次案の新旧対照表" }));

  it("renders a captioned table with column headers, announced underlines and 追加/削除 badges", () => {
    const markup = html(shinkyuTable(compareDocuments(firstDraft(), secondDraft())));
    expect(markup).toContain("<caption>第1次案と第2次案の新旧対照表");
    expect(markup).toMatch(/<th scope="col">改正前<\/th><th scope="col">改正後<\/th>/);
    expect(markup).toContain('<span class="visually-hidden">（改正箇所）</span><u class="shinkyu-mark">及び関係団体</u><span class="visually-hidden">（ここまで）</span>');
    expect(markup).toMatch(/<tr class="shinkyu-row shinkyu-row-changed shinkyu-row-added"><td><span class="shinkyu-badge shinkyu-badge-added">追加/);
    expect(markup).toContain("shinkyu-badge-deleted");
    expect(markup).toContain('style="--indent:1;--wrap:2"');
  });

  it("follows the column order and says so when nothing changed", () => {
    const reversed = html(shinkyuTable(compareDocuments(firstDraft(), secondDraft()), { columnOrder: "afterFirst" }));
    expect(reversed).toMatch(/<th scope="col">改正後<\/th><th scope="col">改正前<\/th>/);
    expect(html(shinkyuTable(compareDocuments(firstDraft(), firstDraft())))).toContain("改正前と改正後の間に違いはありません。");
  });
});
