import type { SearchFilters } from "../engine";
import { dateNumber } from "./meili-documents";

// Filter expressions for Meilisearch, built from typed values only: every string is quoted
// and escaped here, so nothing a person types is read as filter syntax.

/** A string literal for a filter expression; backslashes and quotes escaped. */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function anyOf(field: string, values: readonly (string | number)[]): string {
  return `${field} IN [${values.map((v) => (typeof v === "number" ? String(v) : quoted(v))).join(", ")}]`;
}

/** The request's filters as Meilisearch filter expressions, all of which must hold. */
export function filterExpressions(filters: SearchFilters): string[] {
  const out: string[] = [];
  const ints = (values: number[] | undefined) => (values ?? []).filter((v) => Number.isInteger(v));
  if (filters.kinds?.length) out.push(anyOf("kind", filters.kinds));
  if (filters.tags?.length) out.push(anyOf("tags", filters.tags));
  if (filters.departmentIds?.length) out.push(anyOf("departmentId", ints(filters.departmentIds)));
  if (filters.bodyIds?.length) out.push(anyOf("bodyId", ints(filters.bodyIds)));
  if (filters.fiscalYears?.length) out.push(anyOf("fiscalYear", ints(filters.fiscalYears)));
  const from = dateNumber(filters.dateFrom);
  const to = dateNumber(filters.dateTo);
  if (from !== null && Number.isFinite(from)) out.push(`dateNum >= ${from}`);
  if (to !== null && Number.isFinite(to)) out.push(`dateNum <= ${to}`);
  return out;
}

export function notIn(field: string, values: readonly string[]): string[] {
  return values.length ? [`${field} NOT IN [${values.map(quoted).join(", ")}]`] : [];
}

export function isIn(field: string, values: readonly string[]): string {
  return anyOf(field, values);
}
