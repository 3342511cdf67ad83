import { readFileSync } from "node:fs";

// A long ordinance for the collaboration benchmark, as e-Gov XML: chapters of articles with
// captions, two or three paragraphs and now and then a list of items, their sentences
// recombined from the clauses of the seed ordinance. Deterministic for a seed.

const SEED_XML = new URL("../seeds/ordinance/draft-ordinance.xml", import.meta.url);

const CHAPTER_TITLES = [
  "総則", "基本的施策", "相談支援体制の整備", "地域における支え合い", "ヤングケアラーへの支援",
  "介護者等への支援", "人材の育成及び確保", "推進体制", "調査研究及び情報発信", "雑則",
];

// Captions beside the seed's own, of the kind every 条例 of this sort carries.
const EXTRA_CAPTIONS = [
  "相談体制の整備", "関係機関との連携", "人材の育成", "情報の提供", "調査研究", "普及啓発",
  "居場所づくりへの支援", "早期発見", "市町村への支援", "財政上の措置", "表彰", "委任",
];

const ITEM_TEMPLATES: ((term: string) => string)[] = [
  (term) => `${term}に関する相談体制の整備`,
  (term) => `${term}の早期発見及び適切な支援機関への引継ぎ`,
  (term) => `${term}に係る情報の提供及び普及啓発`,
  (term) => `${term}の実態に関する調査研究`,
  (term) => `${term}を支援する人材の育成及び確保`,
];

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The seed's words: full sentences split at 、 into opening, middle and closing clauses, captions, defined terms. */
function seedMaterial() {
  const xml = readFileSync(SEED_XML, "utf8");
  const sentences = [...xml.matchAll(/<Sentence[^>]*>([^<]+)<\/Sentence>/g)].map((m) => m[1]!);
  const clauses = sentences.filter((s) => s.endsWith("。") && s.includes("、")).map((s) => s.split("、"));
  const captions = [...xml.matchAll(/<ArticleCaption>（([^）]+)）<\/ArticleCaption>/g)].map((m) => m[1]!);
  const terms = sentences.filter((s) => !s.endsWith("。") && s.length <= 12);
  return {
    openings: clauses.map((c) => c[0]!),
    middles: clauses.flatMap((c) => c.slice(1, -1)),
    closings: clauses.map((c) => c[c.length - 1]!),
    captions: [...new Set([...captions, ...EXTRA_CAPTIONS])],
    terms,
  };
}

export interface GeneratedDraft {
  xml: string;
  articles: number;
  sentences: number;
  characters: number;
}

export function generateDraftXml(options: { articles: number; seed: number }): GeneratedDraft {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const words = seedMaterial();
  let sentences = 0;
  let characters = 0;

  const sentence = (text: string) => {
    sentences++;
    characters += text.length;
    return `<Sentence Num="1" WritingMode="horizontal">${escapeXml(text)}</Sentence>`;
  };
  const prose = () => {
    const middle = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(words.middles));
    return [pick(words.openings), ...middle, pick(words.closings)].join("、");
  };
  const items = () => {
    const count = 2 + Math.floor(random() * 4);
    return Array.from({ length: count }, (_, i) => {
      const text = pick(ITEM_TEMPLATES)(pick(words.terms));
      return `<Item Num="${i + 1}"><ItemTitle>(${i + 1})</ItemTitle><ItemSentence>${sentence(text)}</ItemSentence></Item>`;
    }).join("\n");
  };
  const article = (num: number) => {
    const paragraphs = 2 + Math.floor(random() * 2);
    const withItems = random() < 0.25;
    const body = Array.from({ length: paragraphs }, (_, p) => {
      const lead = withItems && p === 0 ? `${pick(words.openings)}、次に掲げる施策を講ずるものとする。` : prose();
      const paragraphNum = p === 0 ? "<ParagraphNum/>" : `<ParagraphNum>${p + 1}</ParagraphNum>`;
      const list = withItems && p === 0 ? `\n${items()}` : "";
      return `<Paragraph Num="${p + 1}">${paragraphNum}<ParagraphSentence>${sentence(lead)}</ParagraphSentence>${list}\n</Paragraph>`;
    }).join("\n");
    return `<Article Num="${num}"><ArticleCaption>（${pick(words.captions)}）</ArticleCaption><ArticleTitle>第${num}条</ArticleTitle>\n${body}\n</Article>`;
  };

  const perChapter = Math.ceil(options.articles / CHAPTER_TITLES.length);
  const chapters: string[] = [];
  for (let c = 0, num = 1; num <= options.articles; c++) {
    const articles: string[] = [];
    for (let i = 0; i < perChapter && num <= options.articles; i++) articles.push(article(num++));
    const title = CHAPTER_TITLES[c % CHAPTER_TITLES.length]!;
    chapters.push(`<Chapter Num="${c + 1}"><ChapterTitle>第${c + 1}章　${title}</ChapterTitle>\n${articles.join("\n")}\n</Chapter>`);
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Law Era="Reiwa" Lang="ja" LawType="Misc" Num="1" Year="07">
<LawBody><LawTitle>鳥取県孤独・孤立対策推進条例（ベンチマーク用・${options.articles}条）</LawTitle>
<MainProvision>
${chapters.join("\n")}
</MainProvision><SupplProvision><SupplProvisionLabel>附　則</SupplProvisionLabel>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence>${sentence("この条例は、令和7年4月1日から施行する。")}</ParagraphSentence></Paragraph>
</SupplProvision></LawBody></Law>
`;
  return { xml, articles: options.articles, sentences, characters };
}
