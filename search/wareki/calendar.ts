// Civil-date arithmetic on plain numbers. Dates here are calendar days, never instants,
// so nothing depends on the process time zone.

export type DatePrecision = "day" | "month" | "year";

/** A calendar date as written: month and day are absent at coarser precision. */
export interface CivilDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
}

const PRECISION_RANK: Record<DatePrecision, number> = { year: 0, month: 1, day: 2 };

export function isFinerThan(a: DatePrecision, b: DatePrecision): boolean {
  return PRECISION_RANK[a] > PRECISION_RANK[b];
}

export function precisionOf(date: CivilDate): DatePrecision {
  if (date.day !== undefined) return "day";
  return date.month !== undefined ? "month" : "year";
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidMonth(month: number): boolean {
  return Number.isInteger(month) && month >= 1 && month <= 12;
}

export function isValidDay(year: number, month: number, day: number): boolean {
  return Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month);
}

/** A sortable number for a day, so era boundaries compare with plain `<`. */
export function dayKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

/** First and last day of the period a date names, as day keys. */
export function periodKeys(date: CivilDate): { first: number; last: number } {
  const { year, month, day } = date;
  if (month === undefined) return { first: dayKey(year, 1, 1), last: dayKey(year, 12, 31) };
  if (day === undefined) {
    return { first: dayKey(year, month, 1), last: dayKey(year, month, daysInMonth(year, month)) };
  }
  const key = dayKey(year, month, day);
  return { first: key, last: key };
}

/** 0 = Sunday. Date.UTC is safe here because every year we accept has four digits. */
export function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** ISO 8601 at the date's own precision: "2022", "2022-06" or "2022-06-21". */
export function toIso(date: CivilDate): string {
  const year = String(date.year).padStart(4, "0");
  if (date.month === undefined) return year;
  if (date.day === undefined) return `${year}-${pad2(date.month)}`;
  return `${year}-${pad2(date.month)}-${pad2(date.day)}`;
}

const ISO_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Reads the three ISO forms toIso writes; null for anything else or an impossible day. */
export function parseIso(iso: string): CivilDate | null {
  const match = ISO_PATTERN.exec(iso);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2] === undefined) return { year };
  const month = Number(match[2]);
  if (!isValidMonth(month)) return null;
  if (match[3] === undefined) return { year, month };
  const day = Number(match[3]);
  return isValidDay(year, month, day) ? { year, month, day } : null;
}
