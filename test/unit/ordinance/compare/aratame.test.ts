import type { Node } from "prosemirror-model";
import { describe, expect, it } from "vitest";
import { buildDoc, ordinanceSchema, type ArticleInit, type ParagraphInit } from "../../../../ordinance/model";
import { aratameBun, aratameText, compareDocuments } from "../../../../ordinance/compare";
import { editPhrases, textEdits } from "../../../../ordinance/compare/aratame-phrases";
import { FIRST_ARTICLES, firstDraft, secondDraft } from "./fixtures";

// Golden 改め文 for small pairs of texts, one phrase of 法制執務 each, read as a drafter
// would check them: the phrase, the number cited at that point, 同条/同項/同号, the order.

const aratame = (before: Node, after: Node) => aratameBun(compareDocuments(before, after));
const linesOf = (before: Node, after: Node) => aratame(before, after).lines;

const [purpose, definitions, duty, plan] = FIRST_ARTICLES;
const paragraphsOf = (article: ArticleInit) => article.paragraphs as ParagraphInit[];

/** The article with the wording of its paragraphs replaced, in order; undefined keeps one. */
function reworded(article: ArticleInit, ...texts: Array<string | undefined>): ArticleInit {
  return { ...article, paragraphs: paragraphsOf(article).map((p, i) => (texts[i] === undefined ? p : { ...p, sentences: [texts[i]!] })) };
}

const definitionItems = paragraphsOf(definitions)[0].items!;
const withDefinitions = (items: typeof definitionItems): ArticleInit => ({
  ...definitions,
  paragraphs: [{ ...paragraphsOf(definitions)[0], items }],
});

/** Six short articles, for the ranges of 繰下げ and 繰上げ (four moves or more). */
const SIX = [1, 2, 3, 4, 5, 6].map(
  (n): ArticleInit => ({ id: `a${n}`, caption: `見出し${n}`, paragraphs: [{ id: `p${n}`, sentences: [`県は、施策${n}を実施する。`] }] }),
);
const sixDraft = (articles: ArticleInit[] = SIX) => buildDoc({ title: "鳥取県テスト条例", main: articles });
const NEW_ARTICLE: ArticleInit = { id: "a-new", caption: "新設", paragraphs: [{ id: "p-new", sentences: ["県は、新たな施策を実施する。"] }] };

describe("the fixture pair (第1次案 → 第2次案)", () => {
  it("writes the renumbered articles from the back, each change before its move, the new article last", () => {
    const result = aratame(firstDraft(), secondDraft());
    expect(result.lines).toEqual([
      "　第4条の見出し中「推進計画」を「行動計画」に改め、同条を第5条とする。",
      "　第3条第2項中「市町村」の下に「及び関係団体」を加え、同条を第4条とする。",
      "　第2条第3号を削り、同条を第3条とし、第1条の次に次の1条を加える。",
      "　（基本理念）",
      "第2条　孤独・孤立対策は、当事者の意向を尊重して行われなければならない。",
    ]);
    expect(result.unsupported).toEqual([]);
  });

  it("gives the same as text from two documents", () => {
    expect(aratameText(firstDraft(), secondDraft())).toBe(linesOf(firstDraft(), secondDraft()).join("\n"));
  });

  it("writes nothing for two equal texts", () => {
    expect(aratame(firstDraft(), firstDraft())).toEqual({ lines: [], unsupported: [] });
  });
});

describe("words within a provision", () => {
  it("puts several replacements in one provision in one sentence", () => {
    const after = firstDraft([reworded(purpose, "この条例は、孤独・孤立対策について、基本方針を定め、県の役割等を明らかにすることを目的とする。"), definitions, duty, plan]);
    expect(linesOf(firstDraft(), after)).toEqual(["　第1条中「基本理念」を「基本方針」に、「責務等」を「役割等」に改める。"]);
  });

  it("joins a replacement and an insertion with 改め、…加える", () => {
    const after = firstDraft([reworded(purpose, "この条例は、孤独・孤立対策について、基本方針を定め、県及び市町村の責務等を明らかにすることを目的とする。"), definitions, duty, plan]);
    expect(linesOf(firstDraft(), after)).toEqual(["　第1条中「基本理念」を「基本方針」に改め、「県」の下に「及び市町村」を加える。"]);
  });

  it("deletes words with を削る, citing the paragraph of a two-paragraph article", () => {
    const after = firstDraft([purpose, definitions, reworded(duty, "県は、基本理念にのっとり、孤独・孤立対策に関する施策を策定し、及び実施する責務を有する。"), plan]);
    expect(linesOf(firstDraft(), after)).toEqual(["　第3条第1項中「総合的に」を削る。"]);
  });

  it("amends two paragraphs of one article in one sentence with 同条", () => {
    const after = firstDraft([
      purpose,
      definitions,
      reworded(duty, "県は、基本理念にのっとり、孤独・孤立対策に関する施策を総合的かつ計画的に策定し、及び実施する責務を有する。", "県は、市町村が実施する施策を支援するため、必要な措置を講ずるものとする。"),
      plan,
    ]);
    expect(linesOf(firstDraft(), after)).toEqual([
      "　第3条第1項中「総合的」の下に「かつ計画的」を加え、同条第2項中「支援する」の下に「ため、必要な措置を講ずる」を加える。",
    ]);
  });

  it("cites an item of a one-paragraph article as 第2条第1号", () => {
    const items = [{ ...definitionItems[0], sentences: ["孤独　社会的なつながりが少ないことにより、孤独感を感じている状態をいう。"] }, ...definitionItems.slice(1)];
    const after = firstDraft([purpose, withDefinitions(items), duty, plan]);
    expect(linesOf(firstDraft(), after)).toEqual(["　第2条第1号中「寂しさ」を「孤独感」に改める。"]);
  });

  it("cites the single paragraph of a 附則 as 附則, and keeps an era with its year", () => {
    const after = firstDraft(undefined, { supplProvisions: [{ id: "suppl", children: [{ id: "p-suppl", sentences: ["この条例は、令和10年4月1日から施行する。"] }] }] });
    expect(linesOf(firstDraft(), after)).toEqual(["　附則中「令和9年」を「令和10年」に改める。"]);
  });
});

describe("quoting (the phrases alone)", () => {
  const phrases = (before: string, after: string, rest = "") => editPhrases(textEdits(before, after, rest)).map((p) => p.text + p.verb);

  it("widens a quote until it occurs once in the provision", () => {
    expect(phrases("県は市町村と連携し、市町村の施策を支援する。", "県は市町村と連携し、市町村等の施策を支援する。")).toEqual(["「、市町村」を「、市町村等」に改める"]);
  });

  it("counts the provision's items too, which 第n条第m項中 reaches", () => {
    expect(phrases("知事は、次に掲げる計画を定める。", "知事は、次に掲げる行動計画を定める。")).toEqual(["「計画」を「行動計画」に改める"]);
    expect(phrases("知事は、次に掲げる計画を定める。", "知事は、次に掲げる行動計画を定める。", "推進計画の策定")).toEqual(["「掲げる計画」を「掲げる行動計画」に改める"]);
  });

  it("never quotes a lone particle or mark, and never cuts a word of either text", () => {
    expect(phrases("県は市町村と連携し", "県は、市町村と連携し")).toEqual(["「県は」の下に「、」を加える"]);
    expect(phrases("知事は、必要な措置を講ずる。", "知事は、必要な措置を講ずる")).toEqual(["「講ずる。」を「講ずる」に改める"]);
    expect(phrases("この条例は、公布の日から施行する。", "この条例は、令和9年4月1日から施行する。")).toEqual(["「公布の日」を「令和9年4月1日」に改める"]);
  });

  it("deletes whole words even where the character diff aligns them otherwise", () => {
    // The diff may pair 実施 with the 実 of 確実; the deletion is still the adverbs alone.
    expect(phrases("県は、速やかに、かつ、確実に実施する。", "県は、実施する。")).toEqual(["「速やかに、かつ、確実に」を削る"]);
  });

  it("lists several deletions with 及び", () => {
    expect(phrases("県は、速やかに施策を実施し、必要に応じて報告する。", "県は、施策を実施し、報告する。")).toEqual(["「速やかに」及び「必要に応じて」を削る"]);
  });
});

describe("captions", () => {
  it("replaces a caption mostly changed: 第1条の見出しを「（趣旨）」に改める", () => {
    expect(linesOf(firstDraft(), firstDraft([{ ...purpose, caption: "趣旨" }, definitions, duty, plan]))).toEqual([
      "　第1条の見出しを「（趣旨）」に改める。",
    ]);
  });

  it("adds a caption with 見出しとして…を付する and removes one with 見出しを削る", () => {
    const before = firstDraft([{ ...purpose, caption: undefined }, definitions, duty, plan]);
    const after = firstDraft([purpose, { ...definitions, caption: undefined }, duty, plan]);
    expect(linesOf(before, after)).toEqual(["　第1条に見出しとして「（目的）」を付する。", "　第2条の見出しを削る。"]);
  });
});

describe("whole provisions replaced (more than half of the wording changed)", () => {
  it("replaces an article, caption line first", () => {
    const after = firstDraft([purpose, definitions, duty, reworded(plan, "知事は、毎年度、施策の実施状況を取りまとめ、これを公表しなければならない。")]);
    expect(linesOf(firstDraft(), after)).toEqual([
      "　第4条を次のように改める。",
      "　（推進計画）",
      "第4条　知事は、毎年度、施策の実施状況を取りまとめ、これを公表しなければならない。",
    ]);
  });

  it("replaces a paragraph", () => {
    const after = firstDraft([purpose, definitions, reworded(duty, undefined, "知事は、関係団体との連携の下に、相談体制の整備に努めなければならない。"), plan]);
    expect(linesOf(firstDraft(), after)).toEqual([
      "　第3条第2項を次のように改める。",
      "2　知事は、関係団体との連携の下に、相談体制の整備に努めなければならない。",
    ]);
  });

  it("replaces an item", () => {
    const items = [definitionItems[0], { ...definitionItems[1], sentences: ["孤立　家族や地域社会から切り離され、支援を受けられずにいる状態をいう。"] }, definitionItems[2]];
    expect(linesOf(firstDraft(), firstDraft([purpose, withDefinitions(items), duty, plan]))).toEqual([
      "　第2条第2号を次のように改める。",
      "　(2)　孤立　家族や地域社会から切り離され、支援を受けられずにいる状態をいう。",
    ]);
  });

  it("replaces an article deleted and another added at its number", () => {
    expect(linesOf(sixDraft(), sixDraft([SIX[0], NEW_ARTICLE, ...SIX.slice(2)]))).toEqual([
      "　第2条を次のように改める。",
      "　（新設）",
      "第2条　県は、新たな施策を実施する。",
    ]);
  });

  it("prints a replaced article under the number it has then, and moves it in a sentence of its own", () => {
    const rewritten = { ...SIX[1], paragraphs: [{ id: "p2", sentences: ["知事は、毎年度、報告書を作成し、公表しなければならない。"] }] };
    expect(linesOf(sixDraft(SIX.slice(0, 2)), sixDraft([NEW_ARTICLE, SIX[0], rewritten]))).toEqual([
      "　第2条を次のように改める。",
      "　（見出し2）",
      "第2条　知事は、毎年度、報告書を作成し、公表しなければならない。",
      "　第2条を第3条とする。",
      "　第1条を第2条とし、同条の前に次の1条を加える。",
      "　（新設）",
      "第1条　県は、新たな施策を実施する。",
    ]);
  });
});

describe("deletions and the renumbering after them (front to back)", () => {
  it("deletes an article and moves each later one up", () => {
    expect(linesOf(firstDraft(), firstDraft([purpose, duty, plan]))).toEqual(["　第2条を削り、第3条を第2条とし、第4条を第3条とする。"]);
  });

  it("moves four or more up with 繰り上げる", () => {
    expect(linesOf(sixDraft(), sixDraft(SIX.slice(1)))).toEqual(["　第1条を削り、第2条を第1条とし、第3条から第6条までを1条ずつ繰り上げる。"]);
  });

  it("deletes a paragraph and moves the next one up", () => {
    const before = firstDraft([purpose, definitions, { ...duty, paragraphs: [...paragraphsOf(duty), { id: "p-duty-3", sentences: ["知事は、施策の実施状況を公表する。"] }] }, plan]);
    const after = firstDraft([purpose, definitions, { ...duty, paragraphs: [paragraphsOf(duty)[0], { id: "p-duty-3", sentences: ["知事は、施策の実施状況を公表する。"] }] }, plan]);
    expect(linesOf(before, after)).toEqual(["　第3条第2項を削り、同条第3項を同条第2項とする。"]);
  });

  it("deletes an item, amends a later one under its old number and moves it: 同号を同条第2号とする", () => {
    const changedCarer = { ...definitionItems[2], sentences: ["介護者　高齢者、障害者等を無償で介護し、又は看護する者をいう。"] };
    const after = firstDraft([purpose, withDefinitions([definitionItems[1], changedCarer]), duty, plan]);
    expect(linesOf(firstDraft(), after)).toEqual([
      "　第2条第1号を削り、同条第2号を同条第1号とし、同条第3号中「無償で介護」の下に「し、又は看護」を加え、同号を同条第2号とする。",
    ]);
  });

  it("deletes neighbours together: 第2条及び第3条を削り, 第2条から第4条までを削り", () => {
    expect(linesOf(sixDraft(), sixDraft([SIX[0], ...SIX.slice(3)]))).toEqual([
      "　第2条及び第3条を削り、第4条を第2条とし、第5条を第3条とし、第6条を第4条とする。",
    ]);
    expect(linesOf(sixDraft(), sixDraft([SIX[0], SIX[4], SIX[5]]))).toEqual(["　第2条から第4条までを削り、第5条を第2条とし、第6条を第3条とする。"]);
  });

  it("replaces the first of deleted neighbours by an article added there, and deletes the rest", () => {
    expect(linesOf(sixDraft(), sixDraft([NEW_ARTICLE, ...SIX.slice(2)]))).toEqual([
      "　第1条を次のように改める。",
      "　（新設）",
      "第1条　県は、新たな施策を実施する。",
      "　第2条を削り、第3条を第2条とし、第4条から第6条までを1条ずつ繰り上げる。",
    ]);
  });

  it("makes room with the deletions that follow an addition, whatever order the comparison lists them in", () => {
    // Regression: the comparison showed the second of two deleted last articles before 第1条.
    expect(linesOf(sixDraft(SIX.slice(0, 5)), sixDraft([SIX[0], SIX[1], NEW_ARTICLE, SIX[2]]))).toEqual([
      "　第4条及び第5条を削り、第3条を第4条とし、第2条の次に次の1条を加える。",
      "　（新設）",
      "第3条　県は、新たな施策を実施する。",
    ]);
  });

  it("amends an article moved up under its old number, in a sentence of its own", () => {
    const changed4 = { ...SIX[3], paragraphs: [{ id: "p4", sentences: ["市は、施策4を実施する。"] }] };
    expect(linesOf(sixDraft(), sixDraft([SIX[0], SIX[2], changed4, SIX[4], SIX[5]]))).toEqual([
      "　第2条を削り、第3条を第2条とする。",
      "　第4条中「県」を「市」に改め、同条を第3条とする。",
      "　第5条を第4条とし、第6条を第5条とする。",
    ]);
  });
});

describe("additions and the renumbering before them (from the back)", () => {
  it("adds an article with 繰り下げ for four or more, the last one named", () => {
    expect(linesOf(sixDraft(), sixDraft([SIX[0], NEW_ARTICLE, ...SIX.slice(1)]))).toEqual([
      "　第6条を第7条とし、第2条から第5条までを1条ずつ繰り下げ、第1条の次に次の1条を加える。",
      "　（新設）",
      "第2条　県は、新たな施策を実施する。",
    ]);
  });

  it("adds two articles together: 次の2条, 2条ずつ", () => {
    const second: ArticleInit = { id: "a-new-2", caption: "新設2", paragraphs: [{ id: "p-new-2", sentences: ["知事は、施策の実施状況を公表する。"] }] };
    expect(linesOf(sixDraft(), sixDraft([...SIX.slice(0, 2), NEW_ARTICLE, second, ...SIX.slice(2)]))).toEqual([
      "　第6条を第8条とし、第3条から第5条までを2条ずつ繰り下げ、第2条の次に次の2条を加える。",
      "　（新設）",
      "第3条　県は、新たな施策を実施する。",
      "　（新設2）",
      "第4条　知事は、施策の実施状況を公表する。",
    ]);
  });

  it("adds an article at the end without moving anything", () => {
    expect(linesOf(sixDraft(), sixDraft([...SIX, NEW_ARTICLE]))).toEqual(["　第6条の次に次の1条を加える。", "　（新設）", "第7条　県は、新たな施策を実施する。"]);
  });

  it("amends the articles that move down under their old numbers, the last first", () => {
    const changed = (n: number): ArticleInit => ({ ...SIX[n - 1], paragraphs: [{ id: `p${n}`, sentences: [`市は、施策${n}を実施する。`] }] });
    expect(linesOf(sixDraft(), sixDraft([SIX[0], NEW_ARTICLE, SIX[1], changed(3), SIX[3], changed(5), SIX[5]]))).toEqual([
      "　第6条を第7条とする。",
      "　第5条中「県」を「市」に改め、同条を第6条とする。",
      "　第4条を第5条とする。",
      "　第3条中「県」を「市」に改め、同条を第4条とする。",
      "　第2条を第3条とし、第1条の次に次の1条を加える。",
      "　（新設）",
      "第2条　県は、新たな施策を実施する。",
    ]);
  });

  it("adds two articles apart: the later first, placed before the article just moved (同条の前に)", () => {
    const second: ArticleInit = { id: "a-new-2", caption: "新設2", paragraphs: [{ id: "p-new-2", sentences: ["知事は、施策の実施状況を公表する。"] }] };
    expect(linesOf(sixDraft(), sixDraft([SIX[0], NEW_ARTICLE, SIX[1], SIX[2], second, ...SIX.slice(3)]))).toEqual([
      "　第6条を第8条とし、第5条を第7条とし、第4条を第6条とし、同条の前に次の1条を加える。",
      "　（新設2）",
      "第5条　知事は、施策の実施状況を公表する。",
      "　第3条を第4条とし、第2条を第3条とし、第1条の次に次の1条を加える。",
      "　（新設）",
      "第2条　県は、新たな施策を実施する。",
    ]);
  });

  it("adds a paragraph at the end of an article: 第4条に次の1項を加える", () => {
    const after = firstDraft([purpose, definitions, duty, { ...plan, paragraphs: [...paragraphsOf(plan), { id: "p-plan-2", sentences: ["知事は、前項の計画を定めたときは、遅滞なく、これを公表しなければならない。"] }] }]);
    expect(linesOf(firstDraft(), after)).toEqual([
      "　第4条に次の1項を加える。",
      "2　知事は、前項の計画を定めたときは、遅滞なく、これを公表しなければならない。",
    ]);
  });

  it("adds a paragraph between two, moving the later one down first", () => {
    const added = { id: "p-duty-new", sentences: ["県は、孤独・孤立対策に関する県民の理解を深めるよう努めるものとする。"] };
    const after = firstDraft([purpose, definitions, { ...duty, paragraphs: [paragraphsOf(duty)[0], added, paragraphsOf(duty)[1]] }, plan]);
    expect(linesOf(firstDraft(), after)).toEqual([
      "　第3条第2項を同条第3項とし、同条第1項の次に次の1項を加える。",
      "2　県は、孤独・孤立対策に関する県民の理解を深めるよう努めるものとする。",
    ]);
  });

  it("adds an item at the end and between two", () => {
    const young = { id: "i-young", sentences: ["ヤングケアラー　家族の介護その他の日常生活上の世話を過度に行っている子ども・若者をいう。"] };
    expect(linesOf(firstDraft(), firstDraft([purpose, withDefinitions([...definitionItems, young]), duty, plan]))).toEqual([
      "　第2条に次の1号を加える。",
      "　(4)　ヤングケアラー　家族の介護その他の日常生活上の世話を過度に行っている子ども・若者をいう。",
    ]);
    const social = { id: "i-social", sentences: ["社会的孤立　家族や地域社会との交流が乏しい状態をいう。"] };
    expect(linesOf(firstDraft(), firstDraft([purpose, withDefinitions([definitionItems[0], social, ...definitionItems.slice(1)]), duty, plan]))).toEqual([
      "　第2条第3号を同条第4号とし、同条第2号を同条第3号とし、同条第1号の次に次の1号を加える。",
      "　(2)　社会的孤立　家族や地域社会との交流が乏しい状態をいう。",
    ]);
  });

  it("adds an item to a paragraph just amended: 同項に次の1号を加える", () => {
    const dutyWith = (text: string, items: string[]): ArticleInit => ({
      ...duty,
      paragraphs: [{ ...paragraphsOf(duty)[0], sentences: [text], items: items.map((t, i) => ({ id: `d-i${i}`, sentences: [t] })) }, paragraphsOf(duty)[1]],
    });
    const before = firstDraft([purpose, definitions, dutyWith("県は、次に掲げる施策を総合的に実施する責務を有する。", ["相談支援体制の整備"]), plan]);
    const after = firstDraft([purpose, definitions, dutyWith("県は、次に掲げる施策を総合的かつ計画的に実施する責務を有する。", ["相談支援体制の整備", "居場所づくりの推進"]), plan]);
    expect(linesOf(before, after)).toEqual([
      "　第3条第1項中「総合的」の下に「かつ計画的」を加え、同項に次の1号を加える。",
      "　(2)　居場所づくりの推進",
    ]);
  });

  it("adds a paragraph to a 附則 of paragraphs: 附則に次の1項を加える", () => {
    const after = firstDraft(undefined, {
      supplProvisions: [
        {
          id: "suppl",
          children: [
            { id: "p-suppl", sentences: ["この条例は、令和9年4月1日から施行する。"] },
            { id: "p-suppl-2", sentences: ["知事は、この条例の施行後5年を目途として、この条例の施行の状況について検討を加えるものとする。"] },
          ],
        },
      ],
    });
    expect(linesOf(firstDraft(), after)).toEqual([
      "　附則に次の1項を加える。",
      "2　知事は、この条例の施行後5年を目途として、この条例の施行の状況について検討を加えるものとする。",
    ]);
  });
});

describe("the title", () => {
  it("is replaced whole, in a sentence of its own", () => {
    expect(linesOf(firstDraft(), firstDraft(undefined, { title: "鳥取県孤独・孤立対策の推進に関する条例" }))).toEqual([
      "　題名を次のように改める。",
      "　　　鳥取県孤独・孤立対策の推進に関する条例",
    ]);
  });
});

describe("what is not written but reported", () => {
  it("reports a reordered article, and the renumbering it brings, instead of inventing text", () => {
    const result = aratame(firstDraft(), firstDraft([purpose, plan, definitions, duty]));
    expect(result.lines).toEqual([]);
    expect(result.unsupported).toEqual([
      "第4条の移動は改め文で表せません。新旧対照表をご覧ください。",
      "第2条を第3条とする番号の変更は改め文で表せません（並びが入れ替わった規定があるため）。新旧対照表をご覧ください。",
      "第3条を第4条とする番号の変更は改め文で表せません（並びが入れ替わった規定があるため）。新旧対照表をご覧ください。",
    ]);
  });

  it("adds and renumbers articles across chapters, but does not write a changed chapter name", () => {
    const chaptered = (first: ArticleInit[], second: ArticleInit[], heading = "基本的施策") =>
      buildDoc({ title: "鳥取県テスト条例", main: [{ id: "c1", heading: "総則", children: first }, { id: "c2", heading, children: second }] });
    const before = chaptered(SIX.slice(0, 2), SIX.slice(2));
    const changed4 = { ...SIX[3], paragraphs: [{ id: "p4", sentences: ["市は、施策4を実施する。"] }] };
    const result = aratame(before, chaptered([SIX[0], NEW_ARTICLE, SIX[1]], [SIX[2], changed4, ...SIX.slice(4)], "施策の基本"));
    expect(result.lines).toEqual([
      "　第6条を第7条とし、第5条を第6条とする。",
      "　第4条中「県」を「市」に改め、同条を第5条とする。",
      "　第3条を第4条とし、第2条を第3条とし、第1条の次に次の1条を加える。",
      "　（新設）",
      "第2条　県は、新たな施策を実施する。",
    ]);
    expect(result.unsupported).toEqual(["第2章の章名の変更は改め文で表せません。新旧対照表をご覧ください。"]);
  });

  it("names the chapter when an article is added at either end of it, and reports the 目次", () => {
    const chaptered = (first: ArticleInit[], second: ArticleInit[], toc = false) =>
      buildDoc({ title: "鳥取県テスト条例", toc, main: [{ id: "c1", heading: "総則", children: first }, { id: "c2", heading: "基本的施策", children: second }] });
    const before = chaptered(SIX.slice(0, 2), SIX.slice(2, 4));
    const atEndOfFirst = aratame(before, chaptered([...SIX.slice(0, 2), NEW_ARTICLE], SIX.slice(2, 4)));
    expect(atEndOfFirst.lines[0]).toBe("　第4条を第5条とし、第3条を第4条とし、第1章中第2条の次に次の1条を加える。");
    const atStartOfSecond = aratame(before, chaptered(SIX.slice(0, 2), [NEW_ARTICLE, ...SIX.slice(2, 4)]));
    // By then 第3条 has become 第4条: the new article goes before it, in 第2章.
    expect(atStartOfSecond.lines[0]).toBe("　第4条を第5条とし、第3条を第4条とし、第2章中第4条の前に次の1条を加える。");
    expect(atStartOfSecond.unsupported).toEqual([]);
    const withToc = aratame(chaptered(SIX.slice(0, 2), SIX.slice(2, 4), true), chaptered([...SIX.slice(0, 2), NEW_ARTICLE], SIX.slice(2, 4), true));
    expect(withToc.unsupported).toEqual(["目次（各章の条の範囲）の改正は改め文で表せません。新旧対照表をご覧ください。"]);
  });

  it("reports subitems, tables and the preamble", () => {
    const withSubitem = (text: string) =>
      firstDraft([purpose, withDefinitions([{ ...definitionItems[0], subitems: [{ id: "s-1", sentences: [text] }] }, ...definitionItems.slice(1)]), duty, plan]);
    expect(aratame(withSubitem("家族"), withSubitem("家族及び親族"))).toEqual({
      lines: [],
      unsupported: ["第2条第1号ア（号の細分）の改正は改め文で表せません。新旧対照表をご覧ください。"],
    });

    const withTable = (text: string) => {
      const json = firstDraft().toJSON();
      const article = json.content.find((n: { type: string }) => n.type === "mainProvision").content[2];
      article.content[2].content.push({ type: "raw", attrs: { tag: "TableStruct", xml: `<TableStruct>${text}</TableStruct>`, text } });
      return ordinanceSchema.nodeFromJSON(json);
    };
    expect(aratame(withTable("区分　金額"), withTable("区分　単価"))).toEqual({
      lines: [],
      unsupported: ["第3条第2項の表などの改正は改め文で表せません。新旧対照表をご覧ください。"],
    });

    expect(aratame(firstDraft(undefined, { preamble: ["県民一人一人が尊重される社会を目指す。"] }), firstDraft(undefined, { preamble: ["誰一人取り残さない社会を目指す。"] })).unsupported).toEqual([
      "前文の改正は改め文で表せません。新旧対照表をご覧ください。",
    ]);
  });

  it("reports a paragraph that would move while its article holds one (then cited as 第3条, not as a paragraph)", () => {
    const after = firstDraft([purpose, definitions, { ...duty, paragraphs: [paragraphsOf(duty)[1]] }, plan]);
    expect(aratame(firstDraft(), after)).toEqual({
      lines: [],
      unsupported: [
        "第3条第1項の削除は改め文で表せません（項が一つだけになる間に項が移るため）。新旧対照表をご覧ください。",
        "第3条第2項を第3条とする番号の変更は改め文で表せません（項が一つだけになる間に項が移るため）。新旧対照表をご覧ください。",
      ],
    });
    // The same with a paragraph added at the end: the count dips to one before the move.
    const added = { id: "p-duty-3", sentences: ["知事は、施策の実施状況を公表する。"] };
    expect(aratame(firstDraft(), firstDraft([purpose, definitions, { ...duty, paragraphs: [paragraphsOf(duty)[1], added] }, plan])).lines).toEqual([]);
  });

  it("reports a paragraph added before the first, which stands on the article's own line", () => {
    const added = { id: "p-duty-0", sentences: ["知事は、孤独・孤立対策に関する計画を定める。"] };
    const result = aratame(firstDraft(), firstDraft([purpose, definitions, { ...duty, paragraphs: [added, ...paragraphsOf(duty)] }, plan]));
    expect(result.lines).toEqual([]);
    expect(result.unsupported[0]).toBe("第3条第1項の追加は改め文で表せません（第1項の前に項を加えるため）。新旧対照表をご覧ください。");
  });
});

describe("a text in the vertical style", () => {
  it("cites with kanji numerals, as the provisions it prints are numbered", () => {
    const vertical = (articles: ArticleInit[]) => buildDoc({ title: "鳥取県テスト条例", style: "vertical", main: articles });
    expect(linesOf(vertical(SIX.slice(0, 5)), vertical([SIX[0], NEW_ARTICLE, ...SIX.slice(1, 5)]))).toEqual([
      "　第五条を第六条とし、第二条から第四条までを一条ずつ繰り下げ、第一条の次に次の一条を加える。",
      "　（新設）",
      "第二条　県は、新たな施策を実施する。",
    ]);
  });
});
