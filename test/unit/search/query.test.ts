import { describe, expect, it } from "vitest";
import { analyzeQuery, type QueryClause, type SearchQuery } from "../../../search/text";

// A compact picture of the AST: "a", "a|b" for OR groups, "-a" for exclusions, quotes for phrases.
function shape(query: SearchQuery): string[] {
  return query.clauses.map((clause: QueryClause) => {
    const show = (term: { text: string; phrase: boolean }) => (term.phrase ? `"${term.text}"` : term.text);
    return clause.kind === "exclude" ? `-${show(clause.term)}` : clause.anyOf.map(show).join("|");
  });
}

describe("analyzeQuery: syntax", () => {
  it("ANDs whitespace-separated terms", () => {
    expect(shape(analyzeQuery("ヤングケアラー 支援\u3000鳥取"))).toEqual(["やんぐけあらー", "支援", "鳥取"]);
  });

  it("reads quoted phrases", () => {
    expect(shape(analyzeQuery('"孤独 孤立" 対策'))).toEqual(['"孤独 孤立"', "対策"]);
    expect(shape(analyzeQuery("“家族会 研究会”"))).toEqual(['"家族会 研究会"']);
  });

  it("excludes terms and phrases after a minus", () => {
    expect(shape(analyzeQuery('支援 -高齢者 -"家族 会"'))).toEqual(["支援", "-高齢者", '-"家族 会"']);
    expect(shape(analyzeQuery("支援 －高齢者"))).toEqual(["支援", "-高齢者"]);
  });

  it("groups terms joined by upper-case OR; lower-case or is a word", () => {
    expect(shape(analyzeQuery("子供 OR 若者 支援"))).toEqual(["子供|若者", "支援"]);
    expect(shape(analyzeQuery("a OR b OR c"))).toEqual(["a|b|c"]);
    expect(shape(analyzeQuery("a or b"))).toEqual(["a", "or", "b"]);
  });

  it("ignores a stray OR", () => {
    expect(shape(analyzeQuery("OR a"))).toEqual(["a"]);
    expect(shape(analyzeQuery("a OR"))).toEqual(["a"]);
    expect(shape(analyzeQuery("a OR -b"))).toEqual(["a", "-b"]);
    expect(shape(analyzeQuery("a OR OR b"))).toEqual(["a|b"]);
    expect(shape(analyzeQuery("OR"))).toEqual([]);
  });

  it("runs an unbalanced quote to the end of the query", () => {
    expect(shape(analyzeQuery('支援 "家族会 研究会'))).toEqual(["支援", '"家族会 研究会"']);
    expect(shape(analyzeQuery('"'))).toEqual([]);
  });

  it("returns no clauses for empty or whitespace-only queries", () => {
    expect(analyzeQuery("")).toEqual({ clauses: [], truncated: false });
    expect(analyzeQuery(" \t\u3000\n ")).toEqual({ clauses: [], truncated: false });
    expect(analyzeQuery('"" -""')).toEqual({ clauses: [], truncated: false });
  });
});

describe("analyzeQuery: hostile input", () => {
  it("caps 10,000 characters at 256 and says so", () => {
    const query = analyzeQuery("あ".repeat(10_000));
    expect(query.truncated).toBe(true);
    expect(query.clauses).toHaveLength(1);
    const [clause] = query.clauses;
    expect(clause.kind === "match" && clause.anyOf[0].text).toBe("あ".repeat(256));
  });

  it("does not split a surrogate pair when truncating", () => {
    const query = analyzeQuery("😀".repeat(300));
    const [clause] = query.clauses;
    expect(query.truncated).toBe(true);
    expect(clause.kind === "match" && clause.anyOf[0].raw).toBe("😀".repeat(256));
  });

  it("keeps emoji as literal text with nothing to index", () => {
    const emoji = { raw: "😀", text: "😀", phrase: false, words: [], bigrams: [], variants: [] };
    expect(analyzeQuery("😀")).toEqual({ clauses: [{ kind: "match", anyOf: [emoji] }], truncated: false });
  });

  it("keeps SQL metacharacters as literal text", () => {
    expect(shape(analyzeQuery("'; DROP TABLE"))).toEqual(["';", "drop", "table"]);
  });

  it("keeps regex metacharacters as literal text", () => {
    expect(shape(analyzeQuery(".*("))).toEqual([".*("]);
    expect(shape(analyzeQuery("[a-z]+ \\d{3} (?<x>)"))).toEqual(["[a-z]+", "\\d{3}", "(?<x>)"]);
  });

  it("never throws on random input", () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const alphabet = [" ", '"', "-", "OR", "　", "・", "ｰ", "ﾞ", "\uD800", "\uDC00", "\u0301", "😀", "令和", "r4"];
    alphabet.push("年度", "ア", "a", "“", "－", ".*(", "'; --");
    for (let n = 0; n < 500; n++) {
      let query = "";
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) query += alphabet[Math.floor(random() * alphabet.length)];
      expect(() => analyzeQuery(query)).not.toThrow();
    }
  });

  it("survives non-string input from untyped callers", () => {
    expect(analyzeQuery(undefined as unknown as string)).toEqual({ clauses: [], truncated: false });
  });
});

describe("analyzeQuery: analysis", () => {
  it("normalizes, segments and bigrams each term", () => {
    const [clause] = analyzeQuery("ﾋｷｺﾓﾘ支援").clauses;
    expect(clause).toEqual({
      kind: "match",
      anyOf: [
        {
          raw: "ﾋｷｺﾓﾘ支援",
          text: "ひきこもり支援",
          phrase: false,
          words: ["ひきこもり", "支援"],
          bigrams: ["ひき", "きこ", "こも", "もり", "り支", "支援"],
          variants: [],
        },
      ],
    });
  });

  it("adds synonyms and era years as variants", () => {
    const [children, budget] = analyzeQuery("子供 令和4年度予算").clauses;
    expect(children.kind === "match" && children.anyOf[0].variants).toEqual(["子ども", "こども"]);
    expect(budget.kind === "match" && budget.anyOf[0].variants).toEqual(["2022年度予算"]);
  });

  it("reads the short era form", () => {
    const [clause] = analyzeQuery("R4").clauses;
    expect(clause.kind === "match" && clause.anyOf[0].variants).toEqual(["2022年", "令和4年"]);
  });
});
