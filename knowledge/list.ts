import type { Queryable } from "../db/database";
import type { RecordKind } from "./kinds";

export interface RecordFilters {
  kind?: RecordKind;
  departmentId?: number;
  bodyId?: number;
  tag?: string;
  fiscalYear?: number;
  page?: number;
}

export interface RecordListItem {
  id: number;
  kind: RecordKind;
  title: string;
  summary: string;
  date: string | null;
  datePrecision: "day" | "month" | "year" | null;
  fiscalYear: number | null;
  status: string | null;
  bodyName: string | null;
  departmentName: string | null;
  tags: string[];
  updatedAt: Date;
}

export const PAGE_SIZE = 30;

export interface FacetCount {
  value: string;
  count: number;
}

/** One page of records matching the filters, newest first, with the total and facet counts. */
export async function listRecords(db: Queryable, filters: RecordFilters) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (filters.kind) add("r.kind = ?", filters.kind);
  if (filters.departmentId) add("r.department_id = ?", filters.departmentId);
  if (filters.bodyId) add("r.body_id = ?", filters.bodyId);
  if (filters.fiscalYear) add("r.fiscal_year = ?", filters.fiscalYear);
  if (filters.tag) add("EXISTS (SELECT 1 FROM record_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.record_id = r.id AND t.name = ?)", filters.tag);
  const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const page = Math.max(1, filters.page ?? 1);
  const items = await db.query<RecordListItem>(
    `SELECT r.id, r.kind, r.title, r.summary, to_char(r.date, 'YYYY-MM-DD') AS date, r.date_precision AS "datePrecision",
            r.fiscal_year AS "fiscalYear", r.status, b.name AS "bodyName", d.name AS "departmentName", r.updated_at AS "updatedAt",
            COALESCE((SELECT array_agg(t.name ORDER BY t.name) FROM record_tags rt JOIN tags t ON t.id = rt.tag_id
                       WHERE rt.record_id = r.id), '{}') AS tags
       FROM records r LEFT JOIN bodies b ON b.id = r.body_id LEFT JOIN departments d ON d.id = r.department_id
      ${whereSql}
      ORDER BY r.date DESC NULLS LAST, r.id DESC
      LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
    params,
  );
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM records r ${whereSql}`, params);
  const kinds = await db.query<FacetCount>(
    `SELECT r.kind AS value, count(*)::int AS count FROM records r ${whereSql} GROUP BY r.kind ORDER BY count DESC`,
    params,
  );
  return { items, total: total!, page, pageCount: Math.max(1, Math.ceil(total! / PAGE_SIZE)), kinds };
}

/** Options for the filter controls: only values that some record uses. */
export async function filterOptions(db: Queryable) {
  const [departments, bodies, years, tags] = await Promise.all([
    db.query<{ id: number; name: string }>(
      "SELECT id, name FROM departments WHERE id IN (SELECT department_id FROM records) ORDER BY sort_order",
    ),
    db.query<{ id: number; name: string }>("SELECT id, name FROM bodies WHERE id IN (SELECT body_id FROM records) ORDER BY sort_order"),
    db.query<{ year: number }>("SELECT DISTINCT fiscal_year AS year FROM records WHERE fiscal_year IS NOT NULL ORDER BY year DESC"),
    db.query<{ name: string; count: number }>(
      `SELECT t.name, count(*)::int AS count FROM tags t JOIN record_tags rt ON rt.tag_id = t.id
        GROUP BY t.id ORDER BY t.managed DESC, count DESC, t.name`,
    ),
  ]);
  return { departments, bodies, years: years.map((y) => y.year), tags };
}
