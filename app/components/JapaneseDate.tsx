import { formatFiscalYear, formatJapaneseDate } from "../../search/wareki";

type Precision = "day" | "month" | "year";

function isoFor(date: string, precision: Precision): string {
  return precision === "day" ? date : precision === "month" ? date.slice(0, 7) : date.slice(0, 4);
}

/** 令和4年6月21日, with the Western date on hover and in the machine-readable attribute. */
export function JapaneseDate({ date, precision = "day" }: { date: string; precision?: Precision | null }) {
  const p = precision ?? "day";
  const iso = isoFor(date, p);
  const era = formatJapaneseDate(iso, { precision: p }) ?? date;
  const [y, m, d] = date.split("-").map(Number);
  const western = p === "day" ? `${y}年${m}月${d}日` : p === "month" ? `${y}年${m}月` : `${y}年`;
  return (
    <time dateTime={iso} title={western}>
      {era}
      <span className="western-year">（{y}年）</span>
    </time>
  );
}

export function FiscalYear({ year }: { year: number }) {
  return (
    <span title={`${year}年4月〜${year + 1}年3月`}>
      {formatFiscalYear(year) ?? `${year}年度`}
    </span>
  );
}
