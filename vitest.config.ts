import { defineConfig } from "vitest/config";

// One project per kind of test (unit, integration, e2e, security and security-browser, load,
// fault), so a developer can run the fast ones alone (`vitest run --project unit`).
// Integration and browser tests talk to real PGlite, server Postgres and Chromium.
export default defineConfig({
  test: {
    // Two files at a time even on two cores: most integration time is spent waiting on
    // spawned processes, Postgres and Chromium, not computing. (Browser and fault files still
    // run one at a time: such projects run as one group after all the others.)
    maxWorkers: 2,
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // Attacks (test/security, docs/SECURITY.md) over HTTP, the CLI and collaboration: each
        // file has an app and a database of its own, so two run at once like integration files.
        test: {
          name: "security",
          include: ["test/security/**/*.test.ts"],
          exclude: ["test/security/xss.test.ts"],
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The XSS corpus in Chromium: one browser at a time, like e2e.
        test: {
          name: "security-browser",
          include: ["test/security/xss.test.ts"],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // The load benchmark's smoke run (bench/load*.ts): many people at once, every answer a
        // 200. It asserts no timings, so it may share the machine with integration files rather
        // than wait for the one-at-a-time group (e2e, security-browser, fault) that runs after them.
        test: {
          name: "load",
          include: ["test/load/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // kill -9, an unwritable or full data directory, Postgres connections cut: each file
        // starts and kills app processes, so one at a time.
        test: {
          name: "fault",
          include: ["test/fault/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
