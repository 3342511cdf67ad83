import { beforeAll, describe, expect, it } from "vitest";
import { extractDocument, type ExtractedDocument, type ExtractedText } from "../../../importers";
import { UserFacingError } from "../../../lib/errors";
import { buildDocx } from "../../support/fixtures/docx";

function asText(doc: ExtractedDocument): ExtractedText {
  if (doc.format === "egov-xml") throw new Error("expected extracted text");
  return doc;
}

describe("extractDocument: a Word document with heading styles", () => {
  let doc: ExtractedText;

  beforeAll(async () => {
    const bytes = await buildDocx([
      { heading: "title", text: "第1回条例検討研究会 議事概要" },
      { paragraph: "令和4年5月18日、県庁で研究会を開催した。" },
      { heading: 1, text: "1　開会" },
      { paragraph: "事務局（福祉保健部）から、検討の進め方を説明した。" },
      { heading: 2, text: "主な意見" },
      { bullet: "ヤングケアラーへの気づきを学校と共有すること。" },
      { bullet: "老老介護の世帯にレスパイトケアの情報を届けること。" },
      { paragraph: "市⺠への広報は、<案内カード> & ウェブページで行う。", bold: true },
      { heading: 2, text: "調査結果" },
      {
        table: [
          ["学年", "割合"],
          ["小学5年生", "1.8%"],
        ],
      },
      { heading: 1, text: "2　閉会" },
    ]);
    doc = asText(await extractDocument({ fileName: "議事概要.docx", bytes }));
  });

  it("takes the Title paragraph as the title", () => {
    expect(doc.format).toBe("docx");
    expect(doc.title).toBe("第1回条例検討研究会 議事概要");
  });

  it("makes Heading 1 and Heading 2 into sections", () => {
    expect(doc.sections.map(({ heading, level }) => [heading, level])).toEqual([
      [undefined, 0],
      ["1　開会", 1],
      ["主な意見", 2],
      ["調査結果", 2],
      ["2　閉会", 1],
    ]);
    expect(doc.sections[1].text).toBe("事務局（福祉保健部）から、検討の進め方を説明した。");
  });

  it("keeps list items as ・ lines and table rows as tab-separated cells", () => {
    expect(doc.sections[2].text.split("\n")[0]).toBe("・ヤングケアラーへの気づきを学校と共有すること。");
    expect(doc.sections[3].text).toBe("学年\t割合\n小学5年生\t1.8%");
  });

  it("keeps no markup and decodes what mammoth escaped", () => {
    expect(doc.text).toContain("市民への広報は、<案内カード> & ウェブページで行う。");
    expect(doc.text).not.toMatch(/<\/?(?:p|h\d|strong|li|ul|td|tr|table)\b|&amp;|&lt;/);
  });

  it("separates paragraphs with a blank line in the full text", () => {
    expect(
      doc.text.startsWith(
        "第1回条例検討研究会 議事概要\n\n令和4年5月18日、県庁で研究会を開催した。\n\n1　開会"
      )
    ).toBe(true);
  });
});

describe("extractDocument: Word documents without structure", () => {
  it("guesses headings from numbered paragraphs when no heading style is used", async () => {
    const bytes = await buildDocx([
      { paragraph: "第1　目的" },
      { paragraph: "この要綱は、孤独・孤立対策の推進に関し必要な事項を定める。" },
      { paragraph: "第2　対象" },
      { paragraph: "県内に住所を有する者とする。" },
    ]);
    const doc = asText(await extractDocument({ fileName: "要綱.docx", bytes }));
    expect(doc.sections).toEqual([
      { heading: "第1　目的", level: 1, text: "この要綱は、孤独・孤立対策の推進に関し必要な事項を定める。" },
      { heading: "第2　対象", level: 1, text: "県内に住所を有する者とする。" },
    ]);
  });

  it("warns, without failing, about a document with no text", async () => {
    const doc = asText(await extractDocument({ fileName: "白紙.docx", bytes: await buildDocx([]) }));
    expect(doc.text).toBe("");
    expect(doc.warnings).toEqual([expect.stringContaining("「白紙.docx」から文字を取り出せませんでした。")]);
  });

  it("refuses a .docx that is not a valid zip", async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode("壊れたデータ")]);
    const error = await extractDocument({ fileName: "壊れた.docx", bytes }).catch(
      (caught: unknown) => caught
    );
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).message).toBe(
      "「壊れた.docx」はWord文書（.docx）として壊れているため読み取れません。Wordで開けるか確かめ、「名前を付けて保存」で保存し直してから取り込んでください。"
    );
    expect((error as UserFacingError).code).toBe("corrupt_file");
  });
});
