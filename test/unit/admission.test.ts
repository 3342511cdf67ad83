import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { admission } from "../../server/admission";

// server/admission.ts over a real HTTP server: how many page views run at once, in which
// order the waiting ones start, and that nobody waiting for a person who left is served.

describe("admission", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  /** An app whose GET /n holds its slot until finish(n) is called; it records starts and the peak. */
  async function start(limit: number) {
    const started: number[] = [];
    const holds = new Map<number, () => void>();
    let running = 0;
    let peak = 0;
    const app = express();
    app.use(admission(limit));
    app.all("/:n", (req, res) => {
      const n = Number(req.params.n);
      started.push(n);
      peak = Math.max(peak, ++running);
      const end = () => {
        running--;
        res.send(String(n));
      };
      if (req.method === "POST") end();
      else holds.set(n, end);
    });
    server = http.createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(check()).toBe(true);
    };
    return {
      origin,
      started,
      peak: () => peak,
      until,
      async finish(n: number) {
        await until(() => holds.has(n));
        holds.get(n)!();
        holds.delete(n);
      },
    };
  }

  it("runs at most `limit` GETs at once and starts the waiting ones in the order they came", async () => {
    const app = await start(2);
    const answers: Promise<string>[] = [];
    for (let n = 1; n <= 5; n++) {
      answers.push(fetch(`${app.origin}/${n}`).then((r) => r.text()));
      await app.until(() => app.started.length === Math.min(n, 2)); // each arrives before the next
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(app.started).toEqual([1, 2]);
    for (const n of [2, 1, 3, 4, 5]) await app.finish(n);
    expect(await Promise.all(answers)).toEqual(["1", "2", "3", "4", "5"]);
    expect(app.started).toEqual([1, 2, 3, 4, 5]);
    expect(app.peak()).toBe(2);
  });

  it("lets POSTs through while every slot is taken", async () => {
    const app = await start(1);
    const held = fetch(`${app.origin}/1`).then((r) => r.text());
    await app.until(() => app.started.length === 1);
    const post = await fetch(`${app.origin}/2`, { method: "POST" });
    expect(await post.text()).toBe("2");
    await app.finish(1);
    expect(await held).toBe("1");
  });

  it("does not serve a request whose client gave up while it waited, and passes its turn on", async () => {
    const app = await start(1);
    const held = fetch(`${app.origin}/1`).then((r) => r.text());
    await app.until(() => app.started.length === 1);
    const gaveUp = new AbortController();
    const abandoned = fetch(`${app.origin}/2`, { signal: gaveUp.signal }).catch(() => "aborted");
    await new Promise((r) => setTimeout(r, 50));
    const third = fetch(`${app.origin}/3`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    gaveUp.abort();
    expect(await abandoned).toBe("aborted");
    await new Promise((r) => setTimeout(r, 50));
    await app.finish(1);
    await app.finish(3);
    expect(await held).toBe("1");
    expect(await third).toBe("3");
    expect(app.started).toEqual([1, 3]);
  });
});
