import { describe, expect, it } from "vitest";
import { buildDoc } from "../../../../ordinance/model";
import { compareDocuments, likeness, textDiff, type ProvisionChange } from "../../../../ordinance/compare";
import { FIRST_ARTICLES, firstDraft, secondDraft } from "./fixtures";

const summary = (c: ProvisionChange) =>
  `${c.status}${c.renumbered ? "+renumbered" : ""}${c.moved ? "+moved" : ""} ${c.before?.citation ?? "-"} → ${c.after?.citation ?? "-"}`;

describe("comparing two versions of a draft (ids shared)", () => {
  const { changes, mode } = compareDocuments(firstDraft(), secondDraft());
  const byKey = (key: string) => changes.find((c) => (c.after ?? c.before)!.key === key)!;

  it("pairs by id and names each provision's old and new address", () => {
    expect(mode).toBe("id");
    expect(summary(byKey("a-plan"))).toBe("changed+renumbered 第4条 → 第5条");
    expect(byKey("a-plan").captionChanged).toBe(true);
    expect(byKey("a-plan").textChanged).toBe(false);
    expect(summary(byKey("p-duty-2"))).toBe("changed+renumbered 第3条第2項 → 第4条第2項");
    expect(summary(byKey("a-principle"))).toBe("added - → 第2条");
    expect(summary(byKey("i-carer"))).toBe("deleted 第2条第3号 → -");
    expect(summary(byKey("a-purpose"))).toBe("unchanged 第1条 → 第1条");
  });

  it("shows a deleted provision where it stood: the deleted item right after the item before it", () => {
    const order = changes.map((c) => (c.after ?? c.before)!.key);
    expect(order.indexOf("i-carer")).toBe(order.indexOf("i-isolated") + 1);
    expect(order.slice(0, 3)).toEqual(["title", "a-purpose", "p-purpose"]);
  });

  it("keeps a run of deleted articles where they stood, in their order", () => {
    const [purpose, , , plan] = FIRST_ARTICLES;
    const { changes } = compareDocuments(firstDraft(), firstDraft([purpose!, plan!]));
    const articles = changes.filter((c) => (c.after ?? c.before)!.kind === "article").map(summary);
    expect(articles).toEqual([
      "unchanged 第1条 → 第1条",
      "deleted 第2条 → -",
      "deleted 第3条 → -",
      "unchanged+renumbered 第4条 → 第2条",
    ]);
  });

  it("does not call renumbered provisions moved, but does call a reordered article moved", () => {
    expect(changes.filter((c) => c.moved)).toEqual([]);
    const [purpose, definitions, duty, plan] = FIRST_ARTICLES;
    const swapped = compareDocuments(firstDraft(), firstDraft([purpose, definitions, plan, duty]));
    expect(swapped.changes.filter((c) => c.moved).map((c) => c.after!.key)).toEqual(["a-plan"]);
  });
});

describe("comparing texts without shared ids", () => {
  const withoutIds = (doc: ReturnType<typeof firstDraft>) => JSON.parse(JSON.stringify(doc.toJSON()).replace(/"id":"[^"]+"/g, '"id":null'));

  it("pairs by wording, so an inserted article does not pair the later ones with their neighbours", async () => {
    const { ordinanceSchema } = await import("../../../../ordinance/model");
    const before = ordinanceSchema.nodeFromJSON(withoutIds(firstDraft()));
    const after = ordinanceSchema.nodeFromJSON(withoutIds(secondDraft()));
    const { changes, mode } = compareDocuments(before, after);
    expect(mode).toBe("text");
    const articles = changes.filter((c) => (c.after ?? c.before)!.kind === "article").map(summary);
    expect(articles).toEqual([
      "unchanged 第1条 → 第1条",
      "added - → 第2条",
      "unchanged+renumbered 第2条 → 第3条",
      "unchanged+renumbered 第3条 → 第4条",
      "changed+renumbered 第4条 → 第5条",
    ]);
    expect(changes.filter((c) => c.status === "deleted").map(summary)).toEqual(["deleted 第2条第3号 → -"]);
  });

  it("finds a moved article by its wording", () => {
    const [purpose, definitions, duty, plan] = FIRST_ARTICLES;
    const strip = (articles: typeof FIRST_ARTICLES) => buildDoc({ title: "条例", main: articles.map((a) => JSON.parse(JSON.stringify(a).replace(/"id":"[^"]+",?/g, ""))) });
    const { changes } = compareDocuments(strip([purpose, definitions, duty, plan]), strip([purpose, plan, definitions, duty]));
    const plan2 = changes.find((c) => c.after?.kind === "article" && c.after.caption === "推進計画")!;
    expect(summary(plan2)).toBe("unchanged+renumbered+moved 第4条 → 第2条");
    expect(changes.some((c) => c.status === "added" || c.status === "deleted")).toBe(false);
  });
});

describe("character differences", () => {
  it("marks whole words: 県民 → 住民 is one change, not 県 → 住 beside an unchanged 民", () => {
    const changes = (a: string, b: string) => textDiff(a, b).filter((p) => p.kind !== "same").map((p) => `${p.kind}:${p.text}`);
    expect(changes("県民の理解を深める", "住民の関心を深める")).toEqual(["removed:県民の理解", "added:住民の関心"]);
    expect(changes("支援を行う。", "援助を行う。")).toEqual(["removed:支援", "added:援助"]);
    expect(textDiff("市町村が実施する", "市町村及び関係団体が実施する")).toEqual([
      { text: "市町村", kind: "same" }, { text: "及び関係団体", kind: "added" }, { text: "が実施する", kind: "same" },
    ]);
    // Unchanged text far from any change stays unchanged, and both sides still read in full.
    const parts = textDiff("県は、施策を総合的に策定する。", "県は、施策を計画的に策定する。");
    expect(parts.filter((p) => p.kind !== "added").map((p) => p.text).join("")).toBe("県は、施策を総合的に策定する。");
    expect(parts.filter((p) => p.kind !== "removed").map((p) => p.text).join("")).toBe("県は、施策を計画的に策定する。");
    expect(parts[0]).toEqual({ text: "県は、施策を", kind: "same" });
  });

  it("measures likeness from 1 (same) to 0 (nothing shared)", () => {
    expect(likeness("孤独・孤立対策", "孤独・孤立対策")).toBe(1);
    expect(likeness("孤独・孤立対策", "県の責務")).toBe(0);
    expect(likeness("県は施策を支援する", "県は施策を推進する")).toBeGreaterThan(0.5);
  });
});
