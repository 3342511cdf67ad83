import { describe, expect, it } from "vitest";
import type { StoredChunk } from "../../../search/engines/meili-documents";
import { bestChunk } from "../../../search/engines/meili-search";
import { analyzeSearch } from "../../../search/request";
import { normalizeForSearch } from "../../../search/text";

// The Meilisearch engine finds records; which section a hit shows and links to is chosen here.

const chunk = (id: string, locator: string | null, text: string): StoredChunk => ({ id, anchor: locator && id, locator, text, norm: normalizeForSearch(text).text });
const pick = (query: string, chunks: StoredChunk[]) => bestChunk(chunks, analyzeSearch({ query }).query).id;

describe("the section a Meilisearch hit shows", () => {
  const record = [
    chunk("lead", null, "県の実態調査の概要をまとめた資料である。"),
    chunk("s1", "調査の設計", "調査は令和4年度に実施した。対象は県内の中学生である。"),
    chunk("s2", "主な結果", "ヤングケアラーと思われる生徒は5%だった。ヤングケアラーの多くは相談していない。"),
    chunk("s3", "考察", "相談窓口の周知が課題である。ヤングケアラー支援を進める。"),
  ];

  it("shows the section holding the most clauses of the query", () => {
    expect(pick("ヤングケアラー 相談窓口", record)).toBe("s3");
  });

  it("shows the section that says it most often when several hold every clause", () => {
    expect(pick("ヤングケアラー", record)).toBe("s2");
  });

  it("matches other spellings and forms as the search does", () => {
    expect(pick("2022年度 中学生", [...record, chunk("s4", "補足", "中学生と中学生の保護者、中学生の教員に聞いた。")])).toBe("s1");
    expect(pick("やんぐけあらー", record)).toBe("s2");
  });

  it("shows the section with more of its text matched: a long word once over a short one twice", () => {
    const activities = [chunk("a", "主な活動", "令和4年度には調査を行うこととしている。"), chunk("b", "分科会", "相談支援における連携。相談の現場で検討する。")];
    expect(pick("令和4年度 相談", activities)).toBe("a");
    expect(pick("相談 令和4年度", activities)).toBe("a");
  });

  it("shows the section holding a clause few sections hold, over one of several holding another", () => {
    // No section holds both words: the one about ヤングケアラー, not one of those about 支援,
    // though one says 支援 more often.
    const sections = [
      chunk("a", "相談", "ヤングケアラーの相談を受ける。"),
      chunk("b", "支援", "支援の内容と支援の体制と支援の窓口と支援の予算。"),
      chunk("c", "窓口", "支援窓口を設ける。"),
    ];
    expect(pick("ヤングケアラー 支援", sections)).toBe("a");
    expect(pick("支援 ヤングケアラー", sections)).toBe("a");
  });

  it("prefers a named section to the record's lead on a tie, so the hit can link to it", () => {
    expect(pick("実態調査", [chunk("lead", null, "実態調査の資料"), chunk("s1", "概要", "実態調査の概要")])).toBe("s1");
  });

  it("shows the first chunk of a record found by its title alone", () => {
    expect(pick("鳥取", record)).toBe("lead");
  });
});
