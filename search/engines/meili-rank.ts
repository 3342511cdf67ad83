import type { FacetCount, SearchResponse } from "../engine";
import { FACET_FIELDS } from "./meili-documents";

// Ranking records from per-pattern chunk lists, the way the Postgres engine does over its
// candidates: a record is shown by the chunk that matches the most clauses (then scores
// best), and scores that count plus the chunk's relevance.

export interface ChunkHit {
  pk: string;
  groupKey: string;
  dateNum: number | null;
  _rankingScore?: number;
}

export interface RankedRecord {
  groupKey: string;
  pk: string;
  dateNum: number | null;
  score: number;
}

/** `lists[i]` holds the chunks matching a pattern of clause `clauseOf[i]`. */
export function rankRecords(lists: ChunkHit[][], clauseOf: number[], clauseCount: number): Map<string, RankedRecord> {
  const chunks = new Map<string, { hit: ChunkHit; scores: Map<number, number> }>();
  lists.forEach((hits, i) => {
    for (const hit of hits) {
      const chunk = chunks.get(hit.pk) ?? { hit, scores: new Map<number, number>() };
      const clause = clauseOf[i]!;
      chunk.scores.set(clause, Math.max(chunk.scores.get(clause) ?? 0, hit._rankingScore ?? 0));
      chunks.set(hit.pk, chunk);
    }
  });
  const best = new Map<string, RankedRecord>();
  for (const { hit, scores } of chunks.values()) {
    // Meilisearch scores are 0..1, so matching one more clause always outweighs them.
    const relevance = [...scores.values()].reduce((a, b) => a + b, 0) / clauseCount;
    const score = scores.size + relevance;
    const known = best.get(hit.groupKey);
    if (!known || score > known.score) best.set(hit.groupKey, { groupKey: hit.groupKey, pk: hit.pk, dateNum: hit.dateNum, score });
  }
  return best;
}

/** Missing dates sort last either way, as NULLS LAST does in Postgres. */
export function byDateDesc(a: { dateNum: number | null }, b: { dateNum: number | null }): number {
  return (b.dateNum ?? -1) - (a.dateNum ?? -1);
}

/** Meilisearch's facet distribution in the engine's shape: most frequent first. */
export function facetsFrom(distribution: Record<string, Record<string, number>>): SearchResponse["facets"] {
  const list = (field: string): FacetCount[] =>
    Object.entries(distribution[field] ?? {})
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    kind: list(FACET_FIELDS.kind),
    department: list(FACET_FIELDS.department),
    body: list(FACET_FIELDS.body),
    tag: list(FACET_FIELDS.tag),
    // Newest year first, as in the Postgres engine.
    fiscalYear: list(FACET_FIELDS.fiscalYear).sort((a, b) => Number(b.value) - Number(a.value)),
  };
}
