import { describe, expect, it } from "vitest";
import { parseBody } from "../../../knowledge/body";

const SOURCE = `この資料は、相談体制の現状をまとめたものである。

## 現状と課題
相談窓口は東部・中部・西部にある。
休日は対応していない。

- 開設時間が短い
- 支援機関との連携が弱い

### 窓口ごとの状況
1. 東部：平日のみ
2. 西部：予約制

## 今後の方向性
家族まるごと相談窓口を拡充する。`;

describe("record body sections", () => {
  const sections = parseBody(SOURCE);

  it("splits the body at headings, keeping the text before the first one", () => {
    expect(sections.map((s) => [s.kind, s.locator, s.depth])).toEqual([
      ["preamble", "冒頭", 0],
      ["heading", "現状と課題", 2],
      ["heading", "窓口ごとの状況", 3],
      ["heading", "今後の方向性", 2],
    ]);
  });

  it("nests a subsection under its section", () => {
    expect(sections[2]!.parentAnchor).toBe(sections[1]!.anchor);
    expect(sections[3]!.parentAnchor).toBeNull();
  });

  it("reads paragraphs, bullets and numbered lines", () => {
    expect(sections[1]!.blocks).toEqual([
      { type: "paragraph", text: "相談窓口は東部・中部・西部にある。\n休日は対応していない。" },
      { type: "bullets", items: ["開設時間が短い", "支援機関との連携が弱い"] },
    ]);
    expect(sections[2]!.blocks).toEqual([
      {
        type: "numbered",
        items: [
          { number: "1", text: "東部：平日のみ" },
          { number: "2", text: "西部：予約制" },
        ],
      },
    ]);
  });

  it("keeps a section's anchor when other parts of the body change", () => {
    const edited = parseBody(SOURCE.replace("休日は対応していない。", "休日の対応を検討している。") + "\n\n## 参考\n資料一覧");
    const anchorOf = (list: typeof sections, locator: string) => list.find((s) => s.locator === locator)!.anchor;
    expect(anchorOf(edited, "今後の方向性")).toBe(anchorOf(sections, "今後の方向性"));
    expect(anchorOf(edited, "現状と課題")).toBe(anchorOf(sections, "現状と課題"));
  });

  it("gives repeated headings distinct anchors", () => {
    const twice = parseBody("## 議題\nA\n## 議題\nB");
    expect(new Set(twice.map((s) => s.anchor)).size).toBe(2);
  });

  it("treats markup as text, never as HTML", () => {
    const [section] = parseBody("<script>alert(1)</script>");
    expect(section!.text).toBe("<script>alert(1)</script>");
  });
});
