import { MANAGED_TAGS, RECORD_KINDS } from "../knowledge/kinds";
import { DECISIONS, RECORDS } from "../seeds/knowledge";
import { BODIES, DEPARTMENTS } from "../seeds/organisation";
import type { SearchDocument } from "../search/engine";

// A synthetic knowledge base for the search benchmark, recombined from the demo seeds: their
// sentences, headings, titles and terms, shuffled into records of several chunks with varied
// kinds, bodies, departments, fiscal years, tags and dates. Deterministic for a given seed,
// so every engine (and every run) indexes exactly the same chunks.

/** mulberry32: small, fast and good enough to pick sentences; Math.random cannot be seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Vocabulary {
  sentences: string[];
  headings: string[];
  titles: string[];
  terms: string[];
  tags: string[];
}

const MARKDOWN_PREFIX = /^(#{2,3}\s+|-\s+|\d+\.\s+)/;

function vocabulary(): Vocabulary {
  const texts = [
    ...RECORDS.flatMap((r) => [r.summary, r.text]),
    ...DECISIONS.map((d) => d.text),
    ...BODIES.map((b) => b.description),
  ];
  const sentences = new Set<string>();
  const headings = new Set<string>();
  for (const text of texts) {
    for (const line of text.split("\n")) {
      if (/^#{2,3}\s/.test(line)) headings.add(line.replace(MARKDOWN_PREFIX, "").trim());
      for (const piece of line.replace(MARKDOWN_PREFIX, "").split(/(?<=。)/)) {
        const s = piece.trim();
        if (s.length >= 8 && s.length <= 240) sentences.add(s.endsWith("。") ? s : `${s}。`);
      }
    }
  }
  const tags = [...new Set([...MANAGED_TAGS, ...RECORDS.flatMap((r) => r.tags)])];
  const terms = [...new Set([...tags, ...DEPARTMENTS.flatMap((d) => d.themes), ...BODIES.map((b) => b.name)])];
  return { sentences: [...sentences], headings: [...headings], titles: RECORDS.map((r) => r.title), terms, tags };
}

export interface CorpusOptions {
  chunks: number;
  seed: number;
}

const KINDS = [...RECORD_KINDS];
const ERA_YEAR = (fy: number) => (fy >= 2019 ? `令和${fy - 2018 === 1 ? "元" : fy - 2018}年度` : `平成${fy - 1988}年度`);

/** Yields the corpus in order; a record's chunks (and its decisions) come together. */
export function* generateCorpus({ chunks, seed }: CorpusOptions): Generator<SearchDocument> {
  const v = vocabulary();
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  // Shuffled once, so which sentences end up common does not depend on the seeds' order.
  for (let i = v.sentences.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [v.sentences[i], v.sentences[j]] = [v.sentences[j]!, v.sentences[i]!];
  }
  const pick = <T>(list: readonly T[]) => list[int(list.length)]!;
  // Skewed towards the front of the list, so some sentences are common and most are rare.
  const skewed = <T>(list: readonly T[]) => list[Math.floor(list.length * random() ** 3)]!;
  // Recombination: a sentence with one of its known terms swapped for another term.
  const sentence = () => {
    const s = skewed(v.sentences);
    if (random() < 0.65) return s;
    const found = v.terms.filter((t) => s.includes(t));
    return found.length ? s.replace(pick(found), pick(v.terms)) : s;
  };
  const paragraph = (fy: number, sentencesWanted: number) => {
    const out: string[] = [];
    for (let i = 0; i < sentencesWanted; i++) {
      if (random() < 0.12) out.push(`${random() < 0.7 ? ERA_YEAR(fy) : `${fy}年度`}は${pick(v.terms)}について${pick(["検討した", "取り組んだ", "相談を受け付けた", "調査を行った", "意見を聴いた"])}。`);
      else out.push(sentence());
    }
    return out.join(random() < 0.2 ? "\n" : "");
  };

  let produced = 0;
  let recordId = 0;
  let decisionId = 0;
  while (produced < chunks) {
    recordId++;
    const kind = KINDS[Math.min(KINDS.length - 1, Math.floor(KINDS.length * random() ** 1.3))]!;
    const fiscalYear = 2015 + Math.min(10, Math.floor(11 * random() ** 0.6));
    const month = 1 + int(12);
    const year = month <= 3 ? fiscalYear + 1 : fiscalYear;
    const date = random() < 0.93 ? `${year}-${String(month).padStart(2, "0")}-${String(1 + int(28)).padStart(2, "0")}` : null;
    const body = random() < 0.8 ? BODIES[int(BODIES.length)]! : null;
    const departmentIndex = random() < 0.7 ? int(DEPARTMENTS.length) : -1;
    const tags = [...new Set(Array.from({ length: int(4) }, () => skewed(v.tags)))];
    const title = `${random() < 0.3 ? `${ERA_YEAR(fiscalYear)} ` : ""}${pick(v.titles)}${random() < 0.4 ? `（${pick(v.terms)}）` : ""}`;
    const base = {
      sourceType: "record" as const,
      sourceId: recordId,
      recordId,
      draftId: null,
      title,
      kind,
      bodyId: body ? BODIES.indexOf(body) + 1 : null,
      bodyName: body?.name ?? null,
      departmentId: departmentIndex >= 0 ? departmentIndex + 1 : null,
      departmentName: departmentIndex >= 0 ? DEPARTMENTS[departmentIndex]!.name : null,
      fiscalYear,
      date,
      tags,
    };
    yield { ...base, id: `record:${recordId}:summary`, anchor: null, locator: null, text: paragraph(fiscalYear, 1 + int(2)) };
    produced++;
    const sections = 1 + int(7);
    for (let s = 1; s <= sections && produced < chunks; s++, produced++) {
      const heading = pick(v.headings);
      const text = `${heading}\n${paragraph(fiscalYear, 2 + int(7))}`.slice(0, 1200);
      yield { ...base, id: `record:${recordId}:h-${s}`, anchor: `h-${s}`, locator: heading, text };
    }
    // Minutes carry decisions: chunks of their own that open the minutes.
    if (kind === "minutes") {
      for (let d = int(3); d > 0 && produced < chunks; d--, produced++) {
        decisionId++;
        const text = paragraph(fiscalYear, 1 + int(2));
        yield {
          ...base,
          id: `decision:${decisionId}`,
          sourceType: "decision",
          sourceId: decisionId,
          anchor: null,
          locator: `出典：${title}`,
          title: text.length > 80 ? `${text.slice(0, 79)}…` : text,
          kind: "decision",
          departmentId: null,
          departmentName: null,
          tags: [],
          text,
        };
      }
    }
  }
}
