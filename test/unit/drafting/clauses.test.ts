import { describe, expect, it } from "vitest";
import { clausesOf } from "../../../drafting/clauses";
import { sampleDraft } from "../ordinance/model/sample-draft";

// A clause's text is what comments quote, exports list and search indexes.

describe("a clause's text", () => {
  const clauses = clausesOf(sampleDraft(), "horizontal");

  it("separates a definition's term from its meaning, as the columns are printed", () => {
    expect(clauses.get("a2i1")!.text).toBe("ヤングケアラー　家族の世話を日常的に行っている子どもをいう。");
    expect(clauses.get("a2i2")!.text).toBe("介護者等　次に掲げる者をいう。");
  });

  it("runs the sentences of a paragraph together, as written", () => {
    expect(clauses.get("a2p1")!.text).toBe("この条例において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。");
    expect(clauses.get("a2i2s1")!.text).toBe("高齢の家族を介護する高齢者");
  });
});
