import { buildDoc, type DocInit } from "../../../../ordinance/model";

// A small horizontal draft with fixed ids, written for these tests (not an enacted text):
// two chapters, sections, a branch-numbered article, items with two levels of subitems,
// a ただし書, definition columns and a 附則 of two paragraphs.
export const SAMPLE_DRAFT: DocInit = {
  title: "鳥取県孤独・孤立を防ぐ社会づくり条例",
  toc: true,
  main: [
    {
      id: "ch1",
      heading: "総則",
      children: [
        {
          id: "a1",
          caption: "目的",
          paragraphs: [
            {
              id: "a1p1",
              sentences: ["この条例は、孤独・孤立を防ぎ、誰一人取り残さない社会の実現に資することを目的とする。"],
            },
          ],
        },
        {
          id: "a2",
          caption: "定義",
          paragraphs: [
            {
              id: "a2p1",
              sentences: ["この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。"],
              items: [
                {
                  id: "a2i1",
                  sentences: [
                    { text: "ヤングケアラー", column: 1 },
                    { text: "家族の世話を日常的に行っている子どもをいう。", column: 2 },
                  ],
                },
                {
                  id: "a2i2",
                  sentences: [
                    { text: "介護者等", column: 1 },
                    { text: "次に掲げる者をいう。", column: 2 },
                  ],
                  subitems: [
                    { id: "a2i2s1", sentences: ["高齢の家族を介護する高齢者"] },
                    {
                      id: "a2i2s2",
                      sentences: ["次のいずれかに該当する者"],
                      subitems: [
                        { id: "a2i2s2s1", sentences: ["障がいのある家族を世話する者"] },
                        { id: "a2i2s2s2", sentences: ["80歳代の親と同居する50歳代の子を支える者"] },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          id: "a2_2",
          num: "2_2",
          caption: "基本理念",
          paragraphs: [
            {
              id: "a2_2p1",
              sentences: ["孤独・孤立対策は、本人及び支える人の双方に寄り添って行われなければならない。"],
            },
          ],
        },
      ],
    },
    {
      id: "ch2",
      heading: "基本的施策",
      children: [
        {
          id: "ch2s1",
          heading: "気づき及びつなぎ",
          children: [
            {
              id: "a3",
              caption: "県の責務",
              paragraphs: [
                { id: "a3p1", sentences: ["県は、孤独・孤立対策に関する施策を総合的に実施する責務を有する。"] },
                {
                  id: "a3p2",
                  sentences: [
                    "県は、前項の施策を実施するに当たっては、次に掲げる者と連携するものとする。",
                    {
                      text: "ただし、本人の同意を得ないで、その者に関する情報を提供してはならない。",
                      function: "proviso",
                    },
                  ],
                  items: [
                    { id: "a3p2i1", sentences: ["市町村"] },
                    { id: "a3p2i2", sentences: ["学校その他の関係機関"] },
                  ],
                },
              ],
            },
          ],
        },
        {
          id: "ch2s2",
          heading: "介護者等への支援",
          children: [
            {
              id: "a4",
              caption: "レスパイトケア",
              paragraphs: [
                { id: "a4p1", sentences: ["県は、介護者等が一時的に介護から離れて休息できるよう支援するものとする。"] },
              ],
            },
          ],
        },
      ],
    },
  ],
  supplProvisions: [
    {
      id: "s1",
      children: [
        { id: "s1p1", caption: "施行期日", sentences: ["この条例は、令和6年4月1日から施行する。"] },
        {
          id: "s1p2",
          caption: "見直し",
          sentences: ["知事は、この条例の施行後3年を目途として、その施行の状況を検討するものとする。"],
        },
      ],
    },
  ],
};

export const sampleDraft = () => buildDoc(SAMPLE_DRAFT);
