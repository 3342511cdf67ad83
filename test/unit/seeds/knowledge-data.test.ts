import { describe, expect, it } from "vitest";
import {
  ISSUER_LEVELS,
  MANAGED_TAGS,
  MEASURE_STATUSES,
  RECORD_KINDS,
} from "../../../knowledge/kinds";
import { DECISIONS, LINKS, RECORDS } from "../../../seeds/knowledge";
import { BODIES, DEPARTMENTS } from "../../../seeds/organisation";

const byKey = new Map(RECORDS.map((r) => [r.key, r]));
const departmentCodes = new Set(DEPARTMENTS.map((d) => d.code));
const bodyCodes = new Set(BODIES.map((b) => b.code));

/** Headings a link or decision may point at: the text after "## " or "### ". */
function headingsOf(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith("## ") || line.startsWith("### "))
    .map((line) => line.replace(/^#{2,3} /, "").trim());
}

function sectionExists(key: string, heading: string): boolean {
  const record = byKey.get(key);
  return record !== undefined && headingsOf(record.text).includes(heading);
}

/** YYYY, YYYY-MM or YYYY-MM-DD, and a real calendar date. */
function isIsoDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, y, m = "01", d = "01"] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d)
  );
}

describe("demo records", () => {
  it("are enough to demonstrate search and browsing, with unique keys", () => {
    expect(RECORDS.length).toBeGreaterThanOrEqual(25);
    const keys = RECORDS.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("cover every kind the demo shows, including at least four minutes", () => {
    const kinds = new Set(RECORDS.map((r) => r.kind));
    for (const kind of ["measure", "minutes", "plan", "survey", "material"] as const) {
      expect(kinds.has(kind)).toBe(true);
    }
    expect(RECORDS.filter((r) => r.kind === "minutes").length).toBeGreaterThanOrEqual(4);
  });

  it.each(RECORDS.map((r) => [r.key, r] as const))("%s is well formed", (_key, record) => {
    expect(RECORD_KINDS).toContain(record.kind);
    expect(ISSUER_LEVELS).toContain(record.issuer);
    expect(record.title.trim()).not.toBe("");
    expect(record.summary.trim()).not.toBe("");
    expect(record.tags.length).toBeGreaterThan(0);
    if (record.department !== undefined) expect(departmentCodes.has(record.department)).toBe(true);
    if (record.body !== undefined) expect(bodyCodes.has(record.body)).toBe(true);
    if (record.date !== undefined) expect(isIsoDate(record.date)).toBe(true);
    if (record.status !== undefined) expect(MEASURE_STATUSES).toContain(record.status);
    if (record.status !== undefined || record.budgetYen !== undefined) expect(record.kind).toBe("measure");
    if (record.budgetYen !== undefined) expect(Number.isInteger(record.budgetYen)).toBe(true);
  });

  it.each(RECORDS.map((r) => [r.key, r] as const))("%s has linkable, plain-text sections", (_key, record) => {
    expect(record.text.split("\n").filter((line) => line.startsWith("## ")).length).toBeGreaterThanOrEqual(2);
    const headings = headingsOf(record.text);
    expect(new Set(headings).size).toBe(headings.length);
    for (const field of [record.title, record.summary, record.text]) {
      expect(field).not.toMatch(/[<>]/);
    }
  });

  it("use the managed tags for the programme's main themes", () => {
    const used = new Set(RECORDS.flatMap((r) => r.tags));
    for (const tag of MANAGED_TAGS) expect(used.has(tag)).toBe(true);
  });

  it("give minutes a meeting body and a full date", () => {
    for (const minutes of RECORDS.filter((r) => r.kind === "minutes")) {
      expect(minutes.body).toBeDefined();
      expect(minutes.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("contain the spellings the search tests look for", () => {
    const texts = RECORDS.map((r) => r.text);
    expect(texts.some((t) => t.includes("官民連携プラットフォーム"))).toBe(true);
    expect(texts.some((t) => t.includes("8050問題"))).toBe(true);
    expect(texts.some((t) => t.includes("８０５０問題"))).toBe(true);
    expect(texts.some((t) => t.includes("令和4年度") && t.includes("相談"))).toBe(true);
  });

  it("record the national emergency NPO support as a 6 billion yen measure", () => {
    expect(byKey.get("national-npo-emergency-support")).toMatchObject({
      kind: "measure",
      issuer: "国",
      budgetYen: 6_000_000_000,
    });
  });
});

describe("charts", () => {
  const charted = RECORDS.filter((r) => r.charts !== undefined);

  it("draw only finite bars with labels and a unit", () => {
    expect(charted.length).toBeGreaterThan(0);
    for (const chart of charted.flatMap((r) => r.charts ?? [])) {
      expect(chart.unit).not.toBe("");
      expect(chart.bars.length).toBeGreaterThan(0);
      for (const bar of chart.bars) {
        expect(bar.label).not.toBe("");
        expect(Number.isFinite(bar.value)).toBe(true);
      }
    }
  });

  it("put a chart on every survey record", () => {
    for (const survey of RECORDS.filter((r) => r.kind === "survey")) {
      expect(survey.charts?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it("show the young carer survey figures as published (令和3年)", () => {
    const charts = byKey.get("tottori-young-carer-survey")?.charts ?? [];
    const bars = (title: string) =>
      charts.find((c) => c.title.includes(title))?.bars.map((b) => [b.label, b.value, b.note]);
    expect(bars("あたると答えた")).toEqual([
      ["全体", 1.6, "48人"],
      ["小学5年生", 1.8, "7人"],
      ["中学2年生", 2.0, "8人"],
      ["高校2年生", 3.2, "13人"],
      ["19〜29歳", 5.1, "20人"],
    ]);
    expect(bars("わからない")).toEqual([
      ["小学5年生", 44.5, "170人"],
      ["中学2年生", 31.0, "127人"],
    ]);
  });

  it("show the hikikomori survey by age (平成30年)", () => {
    const bars = byKey.get("tottori-hikikomori-survey")?.charts?.[0]?.bars ?? [];
    expect(bars.map((b) => [b.label, b.value])).toEqual([
      ["15〜19歳", 42],
      ["20歳代", 90],
      ["30歳代", 182],
      ["40歳代", 209],
      ["50歳代", 156],
    ]);
  });
});

describe("decisions", () => {
  it("are at least eight, with unique keys", () => {
    expect(DECISIONS.length).toBeGreaterThanOrEqual(8);
    const keys = DECISIONS.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(DECISIONS.map((d) => [d.key, d] as const))("%s points at its minutes and measures", (_key, decision) => {
    const source = byKey.get(decision.source);
    expect(source?.kind).toBe("minutes");
    expect(decision.date).toBe(source?.date);
    expect(decision.body).toBe(source?.body);
    expect(bodyCodes.has(decision.body)).toBe(true);
    expect(isIsoDate(decision.date)).toBe(true);
    if (decision.sourceSection !== undefined) {
      expect(sectionExists(decision.source, decision.sourceSection)).toBe(true);
    }
    expect(decision.concerns.length).toBeGreaterThan(0);
    for (const key of decision.concerns) expect(byKey.has(key)).toBe(true);
    expect(decision.text).not.toMatch(/[<>]/);
  });
});

describe("links", () => {
  it("are at least twelve, with no duplicates", () => {
    expect(LINKS.length).toBeGreaterThanOrEqual(12);
    const ids = LINKS.map((l) => `${l.from}#${l.fromSection ?? ""}>${l.to}#${l.toSection ?? ""}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(LINKS.map((l, i) => [i, l] as const))("link %i joins existing records and sections", (_i, link) => {
    expect(byKey.has(link.from)).toBe(true);
    expect(byKey.has(link.to)).toBe(true);
    expect(link.from).not.toBe(link.to);
    if (link.fromSection !== undefined) expect(sectionExists(link.from, link.fromSection)).toBe(true);
    if (link.toSection !== undefined) expect(sectionExists(link.to, link.toSection)).toBe(true);
    expect(link.reason.trim()).not.toBe("");
    expect(link.reason).not.toMatch(/[<>]/);
  });
});
