import { describe, expect, it } from "vitest";
import yauzl from "yauzl";
import { docToDocx, DOCX_FALLBACK_FONT } from "../../../../ordinance/formats/docx";
import { sampleDraft } from "../model/sample-draft";

/** Every entry of a zip, read with yauzl: proof the bytes are a zip Word can open. */
function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, string>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** The paragraphs of word/document.xml as plain text, with their properties. */
function paragraphs(xml: string): Array<{ text: string; props: string }> {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p\s[^>]*>([\s\S]*?)<\/w:p>/g)].map((match) => {
    const body = match[1] ?? match[2];
    const props = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body)?.[1] ?? "";
    const text = [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("");
    return { text, props };
  });
}

describe("docToDocx", () => {
  it("writes a DOCX zip whose document holds the title, chapters, captions, articles and 附則", async () => {
    const bytes = await docToDocx(sampleDraft(), "horizontal", { lawNum: "令和6年鳥取県条例第1号", creator: "鳥取県" });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // "PK\x03\x04"
    const files = await unzip(bytes);
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
    );
    const document = files.get("word/document.xml")!;
    const paras = paragraphs(document);
    const texts = paras.map((p) => p.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        "鳥取県孤独・孤立を防ぐ社会づくり条例",
        "（令和6年鳥取県条例第1号）",
        "目次",
        "第1章　総則（第1条―第2条の2）",
        "第1章　総則",
        "（目的）",
        "第1条　この条例は、孤独・孤立を防ぎ、誰一人取り残さない社会の実現に資することを目的とする。",
        "(1)　ヤングケアラー　家族の世話を日常的に行っている子どもをいう。",
        "(ア)　障がいのある家族を世話する者",
        "第2条の2　孤独・孤立対策は、本人及び支える人の双方に寄り添って行われなければならない。",
        "附　則",
        "1　この条例は、令和6年4月1日から施行する。",
      ])
    );
    const props = (text: string) => paras.find((p) => p.text === text)!.props;
    expect(props("鳥取県孤独・孤立を防ぐ社会づくり条例")).toContain('<w:jc w:val="center"/>');
    // 10.5 pt: one character is 210 twips. An article wraps one character in, an item starts
    // one in and wraps two in, a subitem of the second level starts three in.
    expect(
      props("第1条　この条例は、孤独・孤立を防ぎ、誰一人取り残さない社会の実現に資することを目的とする。")
    ).toMatch(/<w:ind w:left="210" w:hanging="210"\/>/);
    expect(props("(1)　ヤングケアラー　家族の世話を日常的に行っている子どもをいう。")).toMatch(
      /<w:ind w:left="420" w:hanging="210"\/>/
    );
    expect(props("(ア)　障がいのある家族を世話する者")).toMatch(/<w:ind w:left="840" w:hanging="210"\/>/);
    expect(props("（目的）")).toContain("<w:keepNext/>");
    expect(props("附　則")).toMatch(/<w:ind w:left="630"\/>/);
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(files.get("word/styles.xml")).toContain('w:eastAsia="ＭＳ 明朝"');
    expect(files.get("docProps/core.xml")).toContain("鳥取県孤独・孤立を防ぐ社会づくり条例");
  });

  it("writes the vertical style's labels and takes another 明朝 face", async () => {
    const files = await unzip(await docToDocx(sampleDraft(), "vertical", { font: DOCX_FALLBACK_FONT }));
    const texts = paragraphs(files.get("word/document.xml")!).map((p) => p.text);
    expect(texts).toContain("第二条の二　孤独・孤立対策は、本人及び支える人の双方に寄り添って行われなければならない。");
    expect(texts).toContain("ロ　次のいずれかに該当する者");
    expect(files.get("word/styles.xml")).toContain('w:eastAsia="游明朝"');
  });
});
