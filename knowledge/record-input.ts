import { z } from "zod";
import { ISSUER_LEVELS, MEASURE_STATUSES, RECORD_KINDS, type ChartSpec } from "./kinds";

// What a record is made of when someone saves it, checked here for every entry point
// (forms, import, CLI, seeds). Messages are for people.

export const MAX_TITLE = 300;
export const MAX_BODY = 500_000;
export const MAX_TAGS = 20;

const chart = z.object({
  title: z.string().max(200),
  unit: z.string().max(20),
  source: z.string().max(300).optional(),
  bars: z.array(z.object({ label: z.string().max(100), value: z.number().finite(), note: z.string().max(100).optional() })).max(50),
});

export const recordInputSchema = z.object({
  kind: z.enum(RECORD_KINDS, { error: "種別を選んでください。" }),
  title: z
    .string()
    .trim()
    .min(1, "タイトルを入力してください。")
    .max(MAX_TITLE, `タイトルは${MAX_TITLE}文字以内にしてください。`),
  summary: z.string().trim().max(2000, "概要は2,000文字以内にしてください。").default(""),
  bodyText: z.string().max(MAX_BODY, "本文が長すぎます。50万文字以内に分けて登録してください。").default(""),
  issuerLevel: z.enum(ISSUER_LEVELS).nullable().default(null),
  bodyId: z.number().int().positive().nullable().default(null),
  departmentId: z.number().int().positive().nullable().default(null),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
  datePrecision: z.enum(["day", "month", "year"]).nullable().default(null),
  fiscalYear: z.number().int().min(1868).max(2200).nullable().default(null),
  status: z.enum(MEASURE_STATUSES).nullable().default(null),
  budgetYen: z.number().int().min(0, "予算額は0以上の数で入力してください。").max(1e15).nullable().default(null),
  sourceUrl: z
    .string()
    .trim()
    .max(2000)
    .refine((u) => /^https?:\/\/[^\s]+$/.test(u), "出典URLは http:// または https:// で始まるアドレスを入力してください。")
    .nullable()
    .default(null),
  tags: z
    .array(z.string().trim().min(1).max(50, "タグは50文字以内にしてください。"))
    .max(MAX_TAGS, `タグは${MAX_TAGS}個までです。`)
    .default([]),
  charts: z.array(chart).max(10).default([]),
});

export type RecordInput = z.infer<typeof recordInputSchema>;
export type RecordInputDraft = z.input<typeof recordInputSchema>;
export type { ChartSpec };

/** The fields a revision snapshot keeps: everything a person can change. */
export type RecordSnapshot = RecordInput;
