import { format } from "node:util";
import pino from "pino";

// The one logger of a server process: JSON lines on stderr (stdout carries the human
// banner of `npm start`), one object per event. LOG_LEVEL picks the level (default info);
// LOG_FORMAT=text gives one readable line per event, the default on a terminal and with
// NODE_ENV=development, LOG_FORMAT=json forces JSON. Never pass passwords, cookies, tokens or
// comment bodies: the redaction below is a safety net, not the rule.

export type Logger = pino.Logger;
export type LogFormat = "json" | "text";

/** Keys censored at the top and two levels down, should one ever be passed by mistake. */
const REDACTED_KEYS = ["password", "cookie", "authorization", "token", "secret", "body", "set-cookie"];
const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`, `*.*["${key}"]`]);

export interface LoggerOptions {
  level?: string;
  format?: LogFormat;
  /** Where lines go (tests); default stderr. */
  destination?: pino.DestinationStream;
}

export function logFormatFor(env: Record<string, string | undefined> = process.env): LogFormat {
  if (env.LOG_FORMAT === "json" || env.LOG_FORMAT === "text") return env.LOG_FORMAT;
  return env.NODE_ENV === "development" || process.stderr.isTTY ? "text" : "json";
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? logFormatFor();
  const wanted = options.level ?? (process.env.LOG_LEVEL || "info");
  const known = wanted === "silent" || wanted in pino.levels.values;
  // Synchronous writes: a line logged just before process.exit() is not lost.
  const stderr = pino.destination({ dest: 2, sync: true });
  const logger = pino(
    {
      level: known ? wanted : "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    options.destination ?? (format === "text" ? textLines(stderr) : stderr),
  );
  if (!known) logger.warn(`LOG_LEVEL "${wanted}" is not a level (trace, debug, info, warn, error, fatal, silent); using info`);
  return logger;
}

/** The process's logger; modules take it as a default and tests may hand in their own. */
export const log: Logger = createLogger();

/**
 * For the server entry points: libraries that print with console (Hocuspocus, Remix) end up
 * as log lines too, so stderr stays one JSON object per line and stdout stays the banner.
 */
export function routeConsoleToLog(logger: Logger = log): void {
  const to = (level: "info" | "warn") => (...args: unknown[]) => logger[level]({ source: "console" }, format(...args));
  console.log = console.info = console.debug = to("info");
  console.warn = console.error = to("warn");
}

const TEXT_SKIPPED = new Set(["time", "level", "msg", "pid", "err"]);

/** One readable line per event: `12:00:01.234 INFO  request method=GET path=/ status=200`. */
function textLines(out: pino.DestinationStream): pino.DestinationStream {
  return {
    write(line: string) {
      const event = JSON.parse(line) as Record<string, unknown>;
      const fields = Object.entries(event)
        .filter(([key]) => !TEXT_SKIPPED.has(key))
        .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
      const time = String(event.time ?? "").slice(11, 23);
      const level = String(event.level ?? "").toUpperCase().padEnd(5);
      const stack = (event.err as { stack?: string } | undefined)?.stack;
      out.write(`${time} ${level} ${[event.msg, ...fields].join(" ")}\n${stack ? stack.replace(/^/gm, "    ") + "\n" : ""}`);
    },
  };
}
