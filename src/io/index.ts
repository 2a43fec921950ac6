/** Case files in, vecbt-expected/1 JSON out. */
export { readCaseFile, parseCase, parseFreqDays, CASE_SCHEMA } from './readCase';
export type { CaseData } from './readCase';
export { encodeJson, encodeNumber, decodeNumber, formatFloat, expectedIntPath } from './encodeJson';
export type { JsonPath, IntPathPredicate } from './encodeJson';
