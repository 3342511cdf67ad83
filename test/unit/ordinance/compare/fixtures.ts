import type { Node } from "prosemirror-model";
import { buildDoc, type ArticleInit, type DocInit } from "../../../../ordinance/model";

// Two versions of a short ordinance for comparison tests: 第1次案 and a 第2次案 made from it
// by the edits a PT makes between stages. Ids are fixed so that versions share them.

export const FIRST_ARTICLES: ArticleInit[] = [
  { id: "a-purpose", caption: "目的", paragraphs: [{ id: "p-purpose", sentences: ["この条例は、孤独・孤立対策について、基本理念を定め、県の責務等を明らかにすることを目的とする。"] }] },
  {
    id: "a-definitions",
    caption: "定義",
    paragraphs: [
      {
        id: "p-definitions",
        sentences: ["この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"],
        items: [
          { id: "i-lonely", sentences: ["孤独　社会的なつながりが少ないことにより、寂しさを感じている状態をいう。"] },
          { id: "i-isolated", sentences: ["孤立　社会とのつながりや助けのない又は少ない状態をいう。"] },
          { id: "i-carer", sentences: ["介護者　高齢者、障害者等を無償で介護する者をいう。"] },
        ],
      },
    ],
  },
  {
    id: "a-duty",
    caption: "県の責務",
    paragraphs: [
      { id: "p-duty-1", sentences: ["県は、基本理念にのっとり、孤独・孤立対策に関する施策を総合的に策定し、及び実施する責務を有する。"] },
      { id: "p-duty-2", sentences: ["県は、市町村が実施する施策を支援するものとする。"] },
    ],
  },
  { id: "a-plan", caption: "推進計画", paragraphs: [{ id: "p-plan", sentences: ["知事は、孤独・孤立対策の推進に関する計画を定めるものとする。"] }] },
];

export function firstDraft(articles: ArticleInit[] = FIRST_ARTICLES, extra: Partial<DocInit> = {}): Node {
  return buildDoc({
    title: "鳥取県孤独・孤立対策推進条例",
    main: articles,
    supplProvisions: [{ id: "suppl", children: [{ id: "p-suppl", sentences: ["この条例は、令和9年4月1日から施行する。"] }] }],
    ...extra,
  });
}

/**
 * 第2次案: words changed in a paragraph (第3条第2項), an item deleted (第2条第3号), an
 * article inserted after 第1条 (so later articles move down by one), and a caption renamed
 * (推進計画 → 行動計画).
 */
export function secondDraft(): Node {
  const [purpose, definitions, duty, plan] = FIRST_ARTICLES;
  const defParagraph = definitions.paragraphs[0] as Exclude<ArticleInit["paragraphs"][number], string>;
  return firstDraft([
    purpose,
    { id: "a-principle", caption: "基本理念", paragraphs: [{ id: "p-principle", sentences: ["孤独・孤立対策は、当事者の意向を尊重して行われなければならない。"] }] },
    { ...definitions, paragraphs: [{ ...defParagraph, items: defParagraph.items!.slice(0, 2) }] },
    {
      ...duty,
      paragraphs: [duty.paragraphs[0], { id: "p-duty-2", sentences: ["県は、市町村及び関係団体が実施する施策を支援するものとする。"] }],
    },
    { ...plan, caption: "行動計画" },
  ]);
}
