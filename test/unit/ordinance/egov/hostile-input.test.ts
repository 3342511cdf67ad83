import { describe, expect, it } from "vitest";
import { EGOV_XML_ERROR_CODES, EgovXmlError, parseEgovXml, type EgovXmlErrorCode } from "../../../../ordinance/egov";

// Input that must be refused before it can hurt: each case ends quickly with a typed error
// whose message a person can act on.

const JAPANESE = /[ぁ-んァ-ヶ一-龠]/;
const QUICK = { timeout: 2_000 };

function refusal(input: string): EgovXmlError {
  try {
    parseEgovXml(input);
  } catch (error) {
    expect(error).toBeInstanceOf(EgovXmlError);
    const refused = error as EgovXmlError;
    expect(refused.message).toMatch(JAPANESE);
    expect(refused.message).not.toMatch(/\bat \w+ \(/); // no stack trace
    return refused;
  }
  throw new Error("the input was accepted");
}

function expectRefused(input: string, code: EgovXmlErrorCode): EgovXmlError {
  const refused = refusal(input);
  expect(refused.code).toBe(code);
  return refused;
}

const MINIMAL_BODY =
  '<LawBody><LawTitle>テスト条例</LawTitle><MainProvision><Article Num="1"><ArticleTitle>第1条</ArticleTitle>' +
  '<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence Num="1">本文</Sentence></ParagraphSentence></Paragraph>' +
  "</Article></MainProvision></LawBody>";

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE Law [
  <!ENTITY lol "lol">
  ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("\n  ")}
]>
<Law><LawBody><LawTitle>&lol9;</LawTitle></LawBody></Law>`;

describe("hostile and foreign input", () => {
  it("refuses a DOCTYPE with internal entities (billion laughs) at its line", QUICK, () => {
    const refused = expectRefused(BILLION_LAUGHS, EGOV_XML_ERROR_CODES.doctype);
    expect(refused.line).toBe(2);
    expect(refused.message).toContain("DTD");
  });

  it("refuses an external SYSTEM entity (XXE)", QUICK, () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Law [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Law>${MINIMAL_BODY.replace(
      "テスト条例",
      "&xxe;",
    )}</Law>`;
    expectRefused(xxe, EGOV_XML_ERROR_CODES.doctype);
  });

  it("refuses an entity declaration even without a DOCTYPE around it", QUICK, () => {
    expectRefused('<!ENTITY xxe SYSTEM "http://example.invalid/">\n<Law/>', EGOV_XML_ERROR_CODES.doctype);
  });

  it("refuses a reference to an entity XML does not define", QUICK, () => {
    const refused = expectRefused(
      `<Law>\n${MINIMAL_BODY.replace("テスト条例", "&xxe;")}</Law>`,
      EGOV_XML_ERROR_CODES.malformed,
    );
    expect(refused.message).toContain("&xxe;");
  });

  it("refuses names that would reach Object.prototype and references to forbidden characters", QUICK, () => {
    for (const reference of ["&constructor;", "&__proto__;", "&#0;", "&#x1;"]) {
      expectRefused(`<Law>${MINIMAL_BODY.replace("テスト条例", reference)}</Law>`, EGOV_XML_ERROR_CODES.malformed);
    }
  });

  it("stops at 64 levels: 64 pass the guard, 65 do not", QUICK, () => {
    const nested = (depth: number) => "<Law>" + "<a>".repeat(depth - 1) + "</a>".repeat(depth - 1) + "</Law>";
    expect(refusal(nested(64)).code).toBe(EGOV_XML_ERROR_CODES.unexpectedContent);
    expectRefused(nested(65), EGOV_XML_ERROR_CODES.tooDeep);
  });

  it("refuses nesting 100 elements deep, before parsing", QUICK, () => {
    const deep = "<Law>\n" + "<Paragraph>".repeat(99) + "</Paragraph>".repeat(99) + "</Law>";
    const refused = expectRefused(deep, EGOV_XML_ERROR_CODES.tooDeep);
    expect(refused.line).toBe(2);
  });

  it("refuses text that is not XML", QUICK, () => {
    expectRefused("これはXMLではありません。", EGOV_XML_ERROR_CODES.malformed);
    expectRefused('{"law": "not xml"}', EGOV_XML_ERROR_CODES.malformed);
  });

  it("reports where well-formedness breaks", QUICK, () => {
    const refused = expectRefused("<Law>\n<LawBody>\n</Law>", EGOV_XML_ERROR_CODES.malformed);
    expect(refused.line).toBe(3);
    expect(refused.message).toContain("3行目");
    expect(refused.detail).toBeTruthy();
    expectRefused("<Law/><Law/>", EGOV_XML_ERROR_CODES.malformed);
  });

  it("refuses XML of another kind, such as HTML", QUICK, () => {
    const refused = expectRefused("<html><body><p>法令</p></body></html>", EGOV_XML_ERROR_CODES.notLaw);
    expect(refused.message).toContain("<html>");
  });

  it("refuses an empty string and blank text", QUICK, () => {
    expectRefused("", EGOV_XML_ERROR_CODES.empty);
    expectRefused("  \n\t", EGOV_XML_ERROR_CODES.empty);
  });

  it("refuses more than 20 MB, counted in UTF-8 bytes", QUICK, () => {
    // 7 Mi kanji are 21 MiB in UTF-8 although the string is only 7 Mi characters long.
    expectRefused(`<Law>${"鳥".repeat(7 * 1024 * 1024)}</Law>`, EGOV_XML_ERROR_CODES.tooLarge);
  });

  it("refuses a law without LawBody or LawTitle", QUICK, () => {
    expect(
      expectRefused('<Law Era="Reiwa"><LawNum>第1号</LawNum></Law>', EGOV_XML_ERROR_CODES.missingElement).message,
    ).toContain("LawBody");
    expect(
      expectRefused("<Law><LawBody><MainProvision/></LawBody></Law>", EGOV_XML_ERROR_CODES.missingElement).message,
    ).toContain("LawTitle");
  });

  it("refuses an element the schema does not allow, saying where", QUICK, () => {
    const stray = `<Law>${MINIMAL_BODY.replace("<ArticleTitle>", "\n<script>alert(1)</script><ArticleTitle>")}</Law>`;
    const refused = expectRefused(stray, EGOV_XML_ERROR_CODES.unexpectedContent);
    expect(refused.message).toContain("<script>");
    expect(refused.line).toBe(1);
  });

  it("accepts the same law once the hostile parts are gone", () => {
    expect(parseEgovXml(`<Law>${MINIMAL_BODY}</Law>`).title).toBe("テスト条例");
  });
});
