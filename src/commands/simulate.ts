/**
 * `vecbt simulate <case.json> [--extras]`: run a vecbt-case/1 file through `Portfolio.fromSignals` and print the
 * vecbt-expected/1 document on stdout, with exactly the schema's keys (`--extras` adds each trade's exit_reason).
 * `simulateCase` is the library function the golden tests call, so tests and CLI share one path.
 */
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { encodeJson } from '../io/encodeJson';
import { readCaseFile, type CaseData } from '../io/readCase';
import { fromSignals } from '../portfolio/fromSignals';
import { Portfolio, type ExpectedDoc, type ExpectedOptions } from '../portfolio/Portfolio';

const USAGE =
  'usage: vecbt simulate <case.json> [--extras]   (a vecbt-case/1 file, e.g. data-fixtures/golden/s01_single_trade_nofees.case.json; prints exactly the vecbt-expected/1 keys, --extras adds each trade\'s exit_reason)';

/** Simulate a parsed case. */
export function portfolioFromCase(c: CaseData): Portfolio {
  return new Portfolio(c.index, c.columns, c.prices, fromSignals(c.prices, c.entries, c.exits, c.options), c.freqDays);
}

/** Read a case file and return its vecbt-expected/1 document (`extras`: add each trade's exit_reason). */
export async function simulateCase(path: string, options: ExpectedOptions = {}): Promise<ExpectedDoc> {
  return portfolioFromCase(await readCaseFile(path)).toExpected(options);
}

/** Read a case file and return the encoded JSON text the CLI prints (without the trailing newline). */
export async function simulateCaseJson(path: string, options: ExpectedOptions = {}): Promise<string> {
  return encodeJson(await simulateCase(path, options));
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
  io.stdout.write((await simulateCaseJson(rest[0], { extras })) + '\n');
  return 0;
}
