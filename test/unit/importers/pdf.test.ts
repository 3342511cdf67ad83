import { beforeAll, describe, expect, it } from "vitest";
import {
  extractDocument,
  suggestMetadata,
  type ExtractedDocument,
  type ExtractedText,
} from "../../../importers";
import { UserFacingError } from "../../../lib/errors";
import { findJapaneseFont, NO_FONT_REASON } from "../../support/fixtures/japanese-font";
import {
  buildBlankPdf,
  buildEncryptedPdf,
  buildJapanesePdf,
  buildPredefinedCMapPdf,
  type DrawnLine,
} from "../../support/fixtures/pdf";

const font = findJapaneseFont();
if (!font) console.warn(NO_FONT_REASON);

function asText(doc: ExtractedDocument): ExtractedText {
  if (doc.format === "egov-xml") throw new Error("expected extracted text");
  return doc;
}

async function refusal(fileName: string, bytes: Uint8Array): Promise<UserFacingError> {
  const error = await extractDocument({ fileName, bytes }).then(
    () => null,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

// Three A4 pages with the same running head and numbered footers, radical code points
// where a PDF producer put them (市⺠, ⻄部), and one sentence wrapped mid-word.
const HEADER: DrawnLine = { text: "鳥取県 孤独・孤立対策プロジェクトチーム資料", y: 810, size: 9 };
const footer = (n: number): DrawnLine => ({ text: `- ${n} -`, x: 285, y: 30, size: 9 });
const PAGES: DrawnLine[][] = [
  [
    HEADER,
    { text: "孤独・孤立対策の取組について", y: 760, size: 16 },
    { text: "1. 相談体制の整備", y: 720 },
    { text: "市⺠の孤独・孤立を防ぐため、県は⻄部地域に新しい相談窓", y: 700 },
    { text: "口を開設し、支援団体と連携して対応する。", y: 684 },
    footer(1),
  ],
  [
    HEADER,
    { text: "2. 広報の強化", y: 760 },
    { text: "令和4年5月18日の研究会で、案内カードを作成することとした。", y: 740 },
    footer(2),
  ],
  [
    HEADER,
    { text: "（1）今後の予定", y: 760 },
    { text: "区分", x: 50, y: 740 },
    { text: "時期", x: 250, y: 740 },
    { text: "官民連携プラットフォームで情報を共有する。", y: 700 },
    footer(3),
  ],
];

describe.skipIf(!font)("extractDocument: a Japanese PDF", () => {
  let doc: ExtractedText;

  beforeAll(async () => {
    const bytes = await buildJapanesePdf(font!, PAGES, { title: "Microsoft Word - 資料1.docx" });
    doc = asText(await extractDocument({ fileName: "資料1.pdf", bytes }));
  });

  it("folds radical code points into ordinary kanji", () => {
    expect(doc.text).toContain("市民");
    expect(doc.text).toContain("西部");
    expect(doc.text).not.toMatch(/[⺠⻄]/u);
  });

  it("rejoins the sentence wrapped mid-word", () => {
    expect(doc.text).toContain("県は西部地域に新しい相談窓口を開設し、支援団体と連携して対応する。");
  });

  it("drops the running head and the page numbers, and says so", () => {
    expect(doc.text).not.toContain("プロジェクトチーム資料");
    expect(doc.text).not.toMatch(/- \d -/);
    expect(doc.warnings).toEqual([
      "各ページの上下に繰り返し現れる行（「鳥取県 孤独・孤立対策プロジェクトチーム資料」）をヘッダー・フッターとして除きました。",
    ]);
  });

  it("rebuilds lines from positions, with a tab between table columns", () => {
    expect(doc.text.split("\n")).toContain("区分\t時期");
  });

  it("gives the whole text in reading order", () => {
    expect(doc.text).toBe(
      [
        "孤独・孤立対策の取組について",
        "",
        "1. 相談体制の整備",
        "市民の孤独・孤立を防ぐため、県は西部地域に新しい相談窓口を開設し、支援団体と連携して対応する。",
        "2. 広報の強化",
        "令和4年5月18日の研究会で、案内カードを作成することとした。",
        "（1）今後の予定",
        "区分\t時期",
        "",
        "官民連携プラットフォームで情報を共有する。",
      ].join("\n")
    );
  });

  it("makes numbered lines into sections, levels counted from 1", () => {
    expect(doc.sections.map(({ heading, level }) => [heading, level])).toEqual([
      [undefined, 0],
      ["1. 相談体制の整備", 1],
      ["2. 広報の強化", 1],
      ["（1）今後の予定", 2],
    ]);
    expect(doc.sections[2].text).toBe("令和4年5月18日の研究会で、案内カードを作成することとした。");
  });

  it("ignores a Title that the Word printer driver filled in with the file name", () => {
    expect(doc.title).toBeUndefined();
  });

  it("feeds the metadata suggestions", () => {
    const suggestion = suggestMetadata(doc, {
      bodies: [
        { code: "study", name: "条例検討研究会", aliases: ["研究会"] },
        { code: "national-platform", name: "孤独・孤立対策官民連携プラットフォーム" },
      ],
      departments: [],
    });
    expect(suggestion).toMatchObject({ title: "孤独・孤立対策の取組について", kind: "material" });
    expect(suggestion.date?.iso).toBe("2022-05-18");
    expect(suggestion.bodies.map((body) => body.code)).toEqual(["study"]);
  });
});

describe.skipIf(!font)("extractDocument: PDF details", () => {
  it("takes a real Title from the PDF metadata", async () => {
    const bytes = await buildJapanesePdf(font!, [[{ text: "本文である。", y: 700 }]], {
      title: "孤独・孤立対策推進計画",
    });
    const doc = asText(await extractDocument({ fileName: "plan.pdf", bytes }));
    expect(doc.title).toBe("孤独・孤立対策推進計画");
  });

  it("refuses the same PDF cut short, as an interrupted download leaves it", async () => {
    const whole = await buildJapanesePdf(font!, PAGES);
    const error = await refusal("資料1.pdf", whole.slice(0, Math.floor(whole.length * 0.6)));
    expect(error.code).toBe("corrupt_file");
  });

  it("warns about pages that have no text", async () => {
    const bytes = await buildJapanesePdf(font!, [[{ text: "一ページ目の本文である。", y: 700 }], []]);
    const doc = asText(await extractDocument({ fileName: "scan.pdf", bytes }));
    expect(doc.warnings).toEqual([
      "2ページ目から文字を取り出せませんでした。画像だけのページの内容は取り込まれません。",
    ]);
  });
});

describe("extractDocument: PDFs without embedded fonts, and broken ones", () => {
  it("reads text in a non-embedded font through a predefined CMap (UniJIS-UCS2-H)", async () => {
    const doc = asText(
      await extractDocument({ fileName: "old.pdf", bytes: buildPredefinedCMapPdf("鳥取県の市民") })
    );
    expect(doc.text).toBe("鳥取県の市民");
  });

  it("refuses a password-protected PDF and says how to fix it", async () => {
    const error = await refusal("秘密.pdf", buildEncryptedPdf());
    expect(error.message).toBe(
      "「秘密.pdf」はパスワードで保護されているため読み取れません。パスワードを解除したPDFを作成してから取り込んでください。"
    );
    expect(error.code).toBe("encrypted_pdf");
    expect(error.status).toBe(422);
  });

  it("refuses a truncated PDF as broken", async () => {
    const whole = buildPredefinedCMapPdf("鳥取県の市民");
    const error = await refusal("途中まで.pdf", whole.slice(0, Math.floor(whole.length / 2)));
    expect(error.message).toContain("「途中まで.pdf」はPDFとして壊れているため読み取れません。");
    expect(error.code).toBe("corrupt_file");
  });

  it("refuses a file that is only a PDF header", async () => {
    const error = await refusal("空.pdf", new TextEncoder().encode("%PDF-1.7\n"));
    expect(error.code).toBe("corrupt_file");
  });

  it("warns, without failing, when a PDF has no text at all", async () => {
    const doc = asText(await extractDocument({ fileName: "スキャン.pdf", bytes: await buildBlankPdf(2) }));
    expect(doc.text).toBe("");
    expect(doc.warnings).toEqual([expect.stringContaining("文字認識（OCR）")]);
  });
});
