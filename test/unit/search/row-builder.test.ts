import { describe, expect, it } from "vitest";
import type { SearchDocument } from "../../../search/engine";
import { rowsJson } from "../../../search/engines/postgres-rows";
import { buildRows, rowsBuiltOnWorker } from "../../../search/engines/row-builder";

// The Postgres engine builds its rows on a worker thread while the database stores the
// previous batch: the rows must be exactly those built on the main thread, batch by batch.

const doc = (n: number, text: string): SearchDocument => ({
  id: `record:${n % 7}:s${n}`, sourceType: "record", sourceId: n % 7, recordId: n % 7, draftId: null, anchor: `s${n}`, locator: `第${n}条`,
  title: `令和4年度 ヤングケアラー支援の記録${n % 7}`, kind: "measure", bodyId: null, bodyName: null, departmentId: 1, departmentName: "福祉保健部",
  fiscalYear: 2022, date: "2022-06-01", tags: ["ヤングケアラー"], text,
});

describe("rows built on the worker thread", () => {
  const texts = ["孤独・孤立対策官民連携プラットフォームの会議", "８０５０問題と引きこもり", "第2条の2に定める相談窓口", "ｶﾀｶﾅとNPO法人", "'quotes' and \\ backslashes"];

  it("are the rows built here, for every batch, in the order asked", async () => {
    const batches = Array.from({ length: 6 }, (_, b) => Array.from({ length: 40 }, (_, i) => doc(b * 40 + i, texts[(b + i) % texts.length]!)));
    const built = await Promise.all(batches.map(buildRows));
    expect(rowsBuiltOnWorker()).toBe(true);
    expect(built).toEqual(batches.map(rowsJson));
    expect(JSON.parse(built[0]!)[0].grams).toContain("'官民'");
  });

  it("keeps the last of two chunks with the same id", async () => {
    const rows = JSON.parse(await buildRows([doc(1, "古い本文"), doc(1, "新しい本文")]));
    expect(rows).toHaveLength(1);
    expect(rows[0].text).toBe("新しい本文");
  });
});
