// The demo knowledge base: records, the decisions taken in their minutes, and the links
// between them. The loader lives elsewhere; this folder is data only.
import type { RecordSeed } from "../knowledge-types";
import { MINUTES_RECORDS } from "./minutes";
import { NATIONAL_RECORDS } from "./records-national";
import { TOTTORI_RECORDS } from "./records-tottori";

export { DECISIONS } from "./decisions";
export { LINKS } from "./links";
export { MINUTES_RECORDS, NATIONAL_RECORDS, TOTTORI_RECORDS };

export const RECORDS: RecordSeed[] = [...NATIONAL_RECORDS, ...TOTTORI_RECORDS, ...MINUTES_RECORDS];
