// Era dates (和暦) and fiscal years (年度): pure functions, no I/O, no dependencies.

export type { DatePrecision } from "./calendar";
export { ERAS, toEraYear, type Era, type EraLetter, type EraName, type EraYear } from "./eras";
export {
  formatJapaneseDate,
  parseJapaneseDate,
  type FormatDateOptions,
  type ParseDateOptions,
  type ParsedJapaneseDate,
} from "./date";
export {
  fiscalYearOf,
  formatFiscalYear,
  formatFiscalYearRange,
  parseFiscalYear,
  type FormatFiscalYearOptions,
  type ParsedFiscalYear,
} from "./fiscal-year";
export { findJapaneseDates, type FoundJapaneseDate } from "./find";
