import { describePlace, EGOV_XML_ERROR_CODES, EgovXmlError, MAX_EGOV_XML_BYTES, MAX_EGOV_XML_DEPTH } from "./errors";

const ADVICE = "e-Gov 法令検索から取得した法令XML（法令標準XMLスキーマ v3）を指定してください。";

/**
 * Refuses input that must never reach the XML parser: empty, oversized, carrying a DTD
 * (XXE, billion laughs) or nested absurdly deep. One linear pass with no backtracking, so
 * hostile input costs no more than its length.
 */
export function assertSafeXmlInput(xml: string): void {
  if (xml.trim() === "") {
    throw new EgovXmlError(EGOV_XML_ERROR_CODES.empty, `法令XMLが空です。${ADVICE}`);
  }
  if (utf8Length(xml, MAX_EGOV_XML_BYTES) > MAX_EGOV_XML_BYTES) {
    throw new EgovXmlError(
      EGOV_XML_ERROR_CODES.tooLarge,
      `法令XMLが大きすぎます（上限 ${MAX_EGOV_XML_BYTES / 1024 / 1024} MB）。法令ごとに分けて取り込んでください。`,
    );
  }
  scanMarkup(xml);
}

/** UTF-8 byte length, stopping early once past `limit`. */
function utf8Length(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length; // cannot exceed; skip the count
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function scanMarkup(xml: string): void {
  let depth = 0;
  let at = xml.indexOf("<");
  while (at !== -1) {
    if (xml.startsWith("<!--", at)) at = skipPast(xml, at, "-->");
    else if (xml.startsWith("<![CDATA[", at)) at = skipPast(xml, at, "]]>");
    else if (xml.startsWith("<?", at)) at = skipPast(xml, at, "?>");
    else if (xml.startsWith("<!", at)) refuseDeclaration(xml, at);
    else if (xml.startsWith("</", at)) {
      depth = Math.max(0, depth - 1);
      at = skipPast(xml, at, ">");
    } else {
      const end = endOfTag(xml, at);
      if (xml[end - 1] !== "/") depth++;
      if (depth > MAX_EGOV_XML_DEPTH) {
        const line = lineAt(xml, at);
        throw new EgovXmlError(
          EGOV_XML_ERROR_CODES.tooDeep,
          `${describePlace(
            line,
          )}で要素の入れ子が${MAX_EGOV_XML_DEPTH}段を超えています。法令XMLとしてあり得ない構造のため読み込みを中止しました。${ADVICE}`,
          { line },
        );
      }
      at = end + 1;
    }
    at = xml.indexOf("<", at);
  }
}

function refuseDeclaration(xml: string, at: number): never {
  const line = lineAt(xml, at);
  const what = /^<!\s*ENTITY/i.test(xml.slice(at, at + 20)) ? "ENTITY宣言" : "DOCTYPE宣言（DTD）";
  throw new EgovXmlError(
    EGOV_XML_ERROR_CODES.doctype,
    `${describePlace(
      line,
    )}に${what}があります。外部実体の読み込みや実体の展開による攻撃を防ぐため、DTDを含むXMLは受け付けません。DTDを取り除くか、${ADVICE}`,
    { line },
  );
}

/** Index just past `terminator`, or the end when it never comes (the parser reports that). */
function skipPast(xml: string, from: number, terminator: string): number {
  const found = xml.indexOf(terminator, from + 1);
  return found === -1 ? xml.length : found + terminator.length;
}

/** Index of the ">" closing a start tag; quoted attribute values may hold ">". */
function endOfTag(xml: string, from: number): number {
  let quote = "";
  for (let i = from + 1; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ">") return i;
  }
  return xml.length;
}

/** 1-based line of an index; "\r\n" and lone "\r" count as one break, as XML reads them. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) line++;
    else if (ch === 13 && text.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}
