// Hostile text for every field a person can type into. Each payload, if it ever ran, would
// call alert/confirm/prompt (recorded by the browser test's hooks) or leave an element with
// an on* attribute, a javascript: URL or an unexpected frame in the page.

export interface Payload {
  kind: string;
  text: string;
}

const p = (kind: string, ...texts: string[]): Payload[] => texts.map((text) => ({ kind, text }));

export const XSS_CORPUS: Payload[] = [
  ...p(
    "script tag",
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script>confirm`1`</script>",
    "</textarea><script>prompt(1)</script>",
    "</title><script>alert(document.domain)</script>",
    "<script\x20type=\"text/javascript\">alert(1);</script>",
  ),
  ...p(
    "event handler",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=\"alert('孤立')\">",
    "<body onload=alert(1)>",
    "<div onmouseover=\"alert(1)\">マウスを乗せてください</div>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=\"alert(1)\"></video>",
    "\" onmouseover=\"alert(1)\" x=\"",
    "' autofocus onfocus='alert(1)' x='",
    "<marquee onstart=alert(1)>条例</marquee>",
  ),
  ...p(
    "javascript: URL",
    "javascript:alert(1)",
    "<a href=\"javascript:alert(1)\">根拠資料</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "<form action=\"javascript:alert(1)\"><button>送信</button></form>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
  ),
  ...p(
    "SVG and MathML",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">CLICKME</math>",
  ),
  ...p(
    "encoded",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%253Cscript%253Ealert(1)%253C%252Fscript%253E",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>",
    "<img src=x onerror=\\u0061lert(1)>",
  ),
  ...p(
    "template literal and framework syntax",
    "${alert(1)}",
    "`${alert(1)}`",
    "{{constructor.constructor('alert(1)')()}}",
    "#{alert(1)}",
    "<%= alert(1) %>",
    "{{7*7}}${7*7}",
  ),
  ...p(
    "Markdown tricks",
    "[根拠資料](javascript:alert(1))",
    "![画像](x\" onerror=\"alert(1))",
    "<javascript:alert(1)>",
    "[a](data:text/html,<script>alert(1)</script>)",
    "## <img src=x onerror=alert(1)>見出し",
    "- <svg onload=alert(1)>箇条書き",
    "1. <script>alert(1)</script>番号付き",
  ),
  ...p(
    "CSS",
    "<div style=\"background:url(javascript:alert(1))\">背景</div>",
    "<div style=\"width:expression(alert(1))\">IE</div>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
  ),
  ...p(
    "frames and objects",
    "<iframe srcdoc=\"<script>parent.alert(1)</script>\"></iframe>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
  ),
  ...p(
    "broken tags",
    "<img src=x onerror=alert(1)//",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img \"\"\"><script>alert(1)</script>\">",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<a href=\"x\"title=\"\"onmouseover=alert(1)>",
  ),
  ...p(
    "unicode",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "＜script＞alert(1)＜/script＞",
    "<scr\u200Bipt>alert(1)</scr\u200Bipt>",
    "\u202E<img src=x onerror=alert(1)>",
    "<img src=x onerror=ａｌｅｒｔ(1)>",
  ),
  ...p(
    "Japanese text mixed in",
    "孤独・孤立対策<script>alert('絆')</script>の推進",
    "第1条　<img src=x onerror=alert('条例')>この条例は、",
    "研究会の意見「<svg onload=alert(1)>」について",
    "ヤングケアラー支援</p><script>alert(1)</script><p>",
    "令和5年度<iframe srcdoc=\"<script>parent.alert('年度')</script>\">",
  ),
  ...p(
    "spreadsheet formula",
    "=HYPERLINK(\"https://evil.example\",\"詳細\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
  ),
];

/** Payloads joined into pieces of at most `max` characters (fields such as a title are short). */
export function chunks(max: number, separator = "　", payloads: Payload[] = XSS_CORPUS): string[] {
  const out: string[] = [];
  let current = "";
  for (const { text } of payloads) {
    const piece = text.slice(0, max);
    if (current && current.length + separator.length + piece.length > max) {
      out.push(current);
      current = "";
    }
    current = current ? current + separator + piece : piece;
  }
  if (current) out.push(current);
  return out;
}

/** Every payload in one text, one per line. */
export const ALL_PAYLOADS = XSS_CORPUS.map((x) => x.text).join("\n");
