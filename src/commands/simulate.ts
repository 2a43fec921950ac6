/**
 * `vecbt simulate <case.json> [--extras]`: run a vecbt-case/1 file through `Portfolio.fromSignals` and print the
 * vecbt-expected/1 document on stdout, with exactly the schema's keys (`--extras` adds each trade's exit_reason).
 * `simulateCaseJson` is the library function the golden tests call, so tests and CLI share one path.
 *
 * Which keys: a part-1 (long-only) case gets part 1's document; a part-2 case (`CaseData.part2`: short signals or
 * any part-2 param) adds the trades' `direction` and `parent_id` and, ungrouped, per-column `cash`, `free_cash` and
 * `assets`; a grouped case gets the grouped document (no per-column value or stats; group series and stats, the
 * call sequence, `stats_mean` only with more than one group). A case vectorbt refuses (percent sizing on a
 * reversal, a target size type) prints vectorbt's error document `{schema, vectorbt_version, error: {type,
 * message}}` on stdout, the reason as one line on stderr, and exits with 1.
 */
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { encodeJson } from '../io/encodeJson';
import { readCaseFile, type CaseData } from '../io/readCase';
import { fromSignals } from '../portfolio/fromSignals';
import { EXPECTED_SCHEMA, Portfolio, VECTORBT_VERSION, type ExpectedDoc, type ExpectedOptions, type GroupedExpectedDoc } from '../portfolio/Portfolio';
import { SimulationError } from '../portfolio/SimulationError';

const USAGE =
  'usage: vecbt simulate <case.json> [--extras]   (a vecbt-case/1 file, e.g. data-fixtures/golden/s01_single_trade_nofees.case.json; prints exactly the vecbt-expected/1 keys, --extras adds each trade\'s exit_reason)';

/** The document of a case vectorbt refuses to simulate. */
export interface ErrorExpectedDoc {
  schema: string;
  vectorbt_version: string;
  error: { type: string; message: string };
}

/** Any document `vecbt simulate` prints. */
export type CaseDoc = ExpectedDoc | GroupedExpectedDoc | ErrorExpectedDoc;

/** Simulate a parsed case (a grouped case keeps its call sequence, as the golden cases attach it). */
export function portfolioFromCase(c: CaseData): Portfolio {
  const options = c.options.groupBy ? { ...c.options, attachCallSeq: true } : c.options;
  return new Portfolio(c.index, c.columns, c.prices, fromSignals(c.prices, c.entries, c.exits, options), c.freqDays);
}

/** A parsed case's document: ungrouped, grouped, or vectorbt's refusal. */
export function caseDoc(c: CaseData, options: ExpectedOptions = {}): CaseDoc {
  let pf: Portfolio;
  try {
    pf = portfolioFromCase(c);
  } catch (err) {
    if (err instanceof SimulationError) return { schema: EXPECTED_SCHEMA, vectorbt_version: VECTORBT_VERSION, error: { type: err.type, message: err.message } };
    throw err;
  }
  return pf.grouped ? pf.toGroupedExpected(options) : pf.toExpected({ ...options, part2: c.part2 });
}

/** Read a case file and return its document (any kind). */
export async function simulateCaseDoc(path: string, options: ExpectedOptions = {}): Promise<CaseDoc> {
  return caseDoc(await readCaseFile(path), options);
}

/**
 * Read an ungrouped case file and return its vecbt-expected/1 document (`extras`: add each trade's exit_reason).
 * A grouped case is an error here (see simulateCaseDoc); a refused one throws the SimulationError.
 */
export async function simulateCase(path: string, options: ExpectedOptions = {}): Promise<ExpectedDoc> {
  const c = await readCaseFile(path);
  const pf = portfolioFromCase(c);
  if (pf.grouped) throw new UserError(`${path}: a grouped case; read its document with simulateCaseDoc`);
  return pf.toExpected({ ...options, part2: c.part2 });
}

/** Read a case file and return the encoded JSON text the CLI prints (without the trailing newline). */
export async function simulateCaseJson(path: string, options: ExpectedOptions = {}): Promise<string> {
  return encodeJson(await simulateCaseDoc(path, options));
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  const extras = args.includes('--extras');
  const rest = args.filter((a) => a !== '--extras');
  const unknown = rest.filter((a) => a.startsWith('-'));
  if (unknown.length > 0) throw new UserError(`unknown option ${unknown[0]}. ${USAGE}`);
  if (rest.length !== 1) throw new UserError(`expected exactly one case file, got ${rest.length}. ${USAGE}`);
  const doc = await simulateCaseDoc(rest[0], { extras });
  io.stdout.write(encodeJson(doc) + '\n');
  if ('error' in doc) {
    io.stderr.write(`vecbt simulate: ${rest[0]}: refused, as vectorbt ${VECTORBT_VERSION} refuses it: ${doc.error.type}: ${doc.error.message}\n`);
    return 1;
  }
  return 0;
}
