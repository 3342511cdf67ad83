import { describe, expect, it } from "vitest";
import { extractDocument, type ExtractedDocument, type ExtractedText } from "../../../importers";
import { UserFacingError } from "../../../lib/errors";

const utf8 = (text: string) => new TextEncoder().encode(text);

function asText(doc: ExtractedDocument): ExtractedText {
  if (doc.format === "egov-xml") throw new Error("expected extracted text");
  return doc;
}

async function refusal(fileName: string, bytes: Uint8Array, limits = {}): Promise<UserFacingError> {
  const error = await extractDocument({ fileName, bytes }, limits).then(
    () => null,
    (caught: unknown) => caught
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

describe("extractDocument: plain text", () => {
  it("reads UTF-8 with a BOM, cleans it and guesses headings", async () => {
    const source =
      "\uFEFF第1　目的\r\nこの計画は、孤独・孤立の対策を総合的に進めるため、基本的な方向\r\nを定めるものである。\r\n\r\n\r\n第2　取組\r\n○ 相談窓口を⻄部に設ける。\r\n";
    const doc = asText(await extractDocument({ fileName: "計画.txt", bytes: utf8(source) }));

    expect(doc.format).toBe("text");
    expect(doc.text).toBe(
      "第1　目的\nこの計画は、孤独・孤立の対策を総合的に進めるため、基本的な方向を定めるものである。\n\n第2　取組\n・相談窓口を西部に設ける。"
    );
    expect(doc.sections).toEqual([
      {
        heading: "第1　目的",
        level: 1,
        text: "この計画は、孤独・孤立の対策を総合的に進めるため、基本的な方向を定めるものである。",
      },
      { heading: "第2　取組", level: 1, text: "・相談窓口を西部に設ける。" },
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it("reads Shift_JIS when the bytes are not UTF-8, and says so", async () => {
    // "鳥取県\r\n市民の相談窓口を西部に開設した。" in Shift_JIS, byte by byte.
    const sjis = Uint8Array.from(
      "92b98ee68ca70d0a8e7396af82cc918a926b918b8cfb82f090bc959482c98a4a90dd82b582bd8142".match(/../g)!,
      (hex) => parseInt(hex, 16)
    );
    const doc = asText(await extractDocument({ fileName: "古い文書.txt", bytes: sjis }));
    expect(doc.text).toBe("鳥取県\n市民の相談窓口を西部に開設した。");
    expect(doc.warnings).toEqual([expect.stringContaining("Shift_JIS")]);
  });

  it("reads UTF-16 with a BOM", async () => {
    const text = "相談窓口の案内";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    [...text].forEach((ch, i) => new DataView(bytes.buffer).setUint16(2 + i * 2, ch.charCodeAt(0), true));
    const doc = asText(await extractDocument({ fileName: "unicode.txt", bytes }));
    expect(doc.text).toBe("相談窓口の案内");
  });

  it("warns, without failing, when there is no text", async () => {
    const doc = asText(await extractDocument({ fileName: "空.txt", bytes: utf8(" \r\n\u3000\r\n") }));
    expect(doc.text).toBe("");
    expect(doc.sections).toEqual([]);
    expect(doc.warnings).toEqual([expect.stringMatching(/^「空\.txt」から文字を取り出せませんでした。/)]);
  });

  it("refuses bytes that are neither UTF-8 nor Shift_JIS", async () => {
    const error = await refusal("壊れた.txt", new Uint8Array([0x82, 0xff, 0x80, 0xfd]));
    expect(error.message).toContain("「壊れた.txt」の文字コードを判別できませんでした。");
    expect(error.message).toContain("UTF-8");
    expect(error.status).toBe(422);
  });
});

describe("extractDocument: Markdown", () => {
  it("turns # headings into sections and strips common markup", async () => {
    const source = [
      "# 孤独・孤立対策の取組",
      "",
      "県は**相談体制**を整え、[案内ページ](https://example.jp/)を設ける。",
      "",
      "## 相談窓口",
      "",
      "- 東部・中部・西部に窓口を置く。",
      "* 休日も電話で受け付ける。",
      "",
      "---",
      "",
      "### 今後の予定",
      "",
      "```",
      "# これはコードであり見出しではない",
      "```",
    ].join("\n");
    const doc = asText(await extractDocument({ fileName: "取組.md", bytes: utf8(source) }));

    expect(doc.title).toBe("孤独・孤立対策の取組");
    expect(doc.sections).toEqual([
      { heading: "孤独・孤立対策の取組", level: 1, text: "県は相談体制を整え、案内ページを設ける。" },
      { heading: "相談窓口", level: 2, text: "・東部・中部・西部に窓口を置く。\n・休日も電話で受け付ける。" },
      { heading: "今後の予定", level: 3, text: "# これはコードであり見出しではない" },
    ]);
    expect(doc.text).not.toMatch(/\*\*|\]\(|^- /m);
  });

  it("joins hard-wrapped lines within a paragraph", async () => {
    const source =
      "## 背景\n\n8050問題とは、80代の親が50代の子どもの生活を支える状況のことで、背景に\nひきこもりがあることも多い。\n";
    const doc = asText(await extractDocument({ fileName: "背景.md", bytes: utf8(source) }));
    expect(doc.sections[0].text).toBe(
      "8050問題とは、80代の親が50代の子どもの生活を支える状況のことで、背景にひきこもりがあることも多い。"
    );
  });
});

describe("extractDocument: e-Gov law XML", () => {
  it("passes the XML through untouched for the law parser", async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Law Era="Reiwa" Year="5" Num="45" LawType="Act" Lang="ja"><LawNum>令和五年法律第四十五号</LawNum></Law>\n';
    const doc = await extractDocument({ fileName: "孤独・孤立対策推進法.xml", bytes: utf8(xml) });
    expect(doc).toEqual({ format: "egov-xml", xml, warnings: [] });
  });

  it("hands any XML text to the law parser, which says what is wrong with a foreign one", async () => {
    const xml = '<?xml version="1.0"?><Data/>';
    const doc = await extractDocument({ fileName: "data.xml", bytes: utf8(xml) });
    expect(doc).toEqual({ format: "egov-xml", xml, warnings: [] });
  });
});

describe("extractDocument: refusals", () => {
  it("refuses a file over the size limit before reading it", async () => {
    const error = await refusal("大きな資料.pdf", new Uint8Array(50 * 1024 * 1024 + 1));
    expect(error.message).toBe(
      "「大きな資料.pdf」は50 MBあり、上限の50 MBを超えています。ファイルを分割するか、画像を減らしてから取り込んでください。"
    );
    expect(error.status).toBe(413);
    expect(error.code).toBe("file_too_large");
  });

  it("takes a configured size limit", async () => {
    const error = await refusal("memo.txt", utf8("あ".repeat(1000)), { maxFileBytes: 1024 });
    expect(error.message).toContain("は3 KBあり、上限の1 KBを超えています。");
    expect(error.code).toBe("file_too_large");
  });

  it("refuses an unknown binary", async () => {
    const error = await refusal(
      "photo.png",
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])
    );
    expect(error.message).toMatch(/^「photo\.png」は取り込めない形式です。PDF、Word（\.docx）/);
    expect(error.code).toBe("unsupported_format");
  });

  it("refuses a .pdf that is not a PDF, naming the extension", async () => {
    const error = await refusal("資料.pdf", utf8("<html>not a pdf</html>"));
    expect(error.message).toContain("「資料.pdf」は拡張子が「.pdf」ですが、中身がその形式ではありません。");
    expect(error.code).toBe("content_mismatch");
  });

  it("tells people to re-save an old .doc file as .docx", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const error = await refusal("議事録.doc", ole);
    expect(error.message).toContain("「.docx」形式で保存し直して");
  });

  it("shows only the base name of a path the browser sent", async () => {
    const error = await refusal("C:\\fakepath\\photo.png", new Uint8Array([0, 1, 2]));
    expect(error.message).toMatch(/^「photo\.png」/);
  });
});
