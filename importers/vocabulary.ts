// Finds which bodies (会議体) and departments (部局) a document mentions. Documents rarely
// spell a name in full every time — 鳥取県庁孤独・孤立対策プロジェクトチーム is "孤独・孤立対策PT"
// by page two — so each name also matches a few derived short forms, and an entry may
// list its own aliases.

export interface VocabularyEntry {
  code: string;
  name: string;
  /** Other ways the name is written, e.g. "研究会" for 条例検討研究会. */
  aliases?: readonly string[];
}

export interface NamedEntry {
  code: string;
  name: string;
}

/** Derived short forms shorter than this match too much ("県", "部") to be useful. */
const MIN_SHORT_FORM = 3;

interface Form {
  entry: VocabularyEntry;
  text: string;
  /** 0 for the name itself, 1 for an alias given, 2 for a derived short form. */
  rank: number;
}

interface Occurrence extends Form {
  start: number;
}

/** Entries mentioned in the text, in order of first mention. */
export function findMentionedEntries(text: string, entries: readonly VocabularyEntry[]): NamedEntry[] {
  const haystack = text.normalize("NFKC");
  const occurrences: Occurrence[] = [];
  for (const form of entries.flatMap(formsOf)) {
    for (let at = haystack.indexOf(form.text); at !== -1; at = haystack.indexOf(form.text, at + 1)) {
      occurrences.push({ ...form, start: at });
    }
  }
  // The longest, most exact mention wins a stretch of text: in
  // "とっとり孤独・孤立対策官民連携プラットフォーム" the national platform's name also occurs,
  // but only as part of the prefectural one.
  occurrences.sort((a, b) => b.text.length - a.text.length || a.rank - b.rank || a.start - b.start);
  const accepted: Occurrence[] = [];
  for (const occurrence of occurrences) {
    const end = occurrence.start + occurrence.text.length;
    const clash = accepted.some(
      (other) =>
        other.entry !== occurrence.entry &&
        occurrence.start < other.start + other.text.length &&
        other.start < end
    );
    if (!clash) accepted.push(occurrence);
  }
  accepted.sort((a, b) => a.start - b.start);
  const seen = new Set<VocabularyEntry>();
  const found: NamedEntry[] = [];
  for (const { entry } of accepted) {
    if (seen.has(entry)) continue;
    seen.add(entry);
    found.push({ code: entry.code, name: entry.name });
  }
  return found;
}

function formsOf(entry: VocabularyEntry): Form[] {
  const forms = new Map<string, number>();
  const add = (text: string, rank: number, minLength: number) => {
    const form = text.normalize("NFKC").trim();
    if (form.length >= minLength && !forms.has(form)) forms.set(form, rank);
  };
  add(entry.name, 0, 1);
  for (const alias of entry.aliases ?? []) add(alias, 1, 2);
  for (const short of shortForms(entry.name)) add(short, 2, MIN_SHORT_FORM);
  return [...forms].map(([text, rank]) => ({ entry, text, rank }));
}

function shortForms(name: string): string[] {
  const bare = name.replace(/[（(][^）)]*[）)]/gu, "").trim();
  const variants = [bare, bare.replace(/プロジェクトチーム$/u, "PT")];
  return variants.flatMap((variant) => {
    const local = variant.replace(/^(?:鳥取県庁|鳥取県|とっとり)/u, "");
    return [variant, local, variant.replace(/事務局$/u, ""), local.replace(/事務局$/u, "")];
  });
}
