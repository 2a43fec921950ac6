/**
 * `vecbt simulate <case.json>`: run a vecbt-case/1 file through `Portfolio.fromSignals` and print the
 * vecbt-expected/1 document on stdout. `simulateCase` is the library function the golden tests call, so tests
 * and CLI share one path.
 */
import type { CommandIo } from '../cli';
import { UserError } from '../errors';
import { encodeJson } from '../io/encodeJson';
import { readCaseFile, type CaseData } from '../io/readCase';
import { fromSignals } from '../portfolio/fromSignals';
import { Portfolio, type ExpectedDoc } from '../portfolio/Portfolio';

const USAGE = 'usage: vecbt simulate <case.json>   (a vecbt-case/1 file, e.g. data-fixtures/golden/s01_single_trade_nofees.case.json)';

/** Simulate a parsed case. */
export function portfolioFromCase(c: CaseData): Portfolio {
  return new Portfolio(c.index, c.columns, c.prices, fromSignals(c.prices, c.entries, c.exits, c.options), c.freqDays);
}

/** Read a case file and return its vecbt-expected/1 document. */
export async function simulateCase(path: string): Promise<ExpectedDoc> {
  return portfolioFromCase(await readCaseFile(path)).toExpected();
}

/** Read a case file and return the encoded JSON text the CLI prints (without the trailing newline). */
export async function simulateCaseJson(path: string): Promise<string> {
  return encodeJson(await simulateCase(path));
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith('-'));
  if (unknown.length > 0) throw new UserError(`unknown option ${unknown[0]}. ${USAGE}`);
  if (args.length !== 1) throw new UserError(`expected exactly one case file, got ${args.length}. ${USAGE}`);
  io.stdout.write((await simulateCaseJson(args[0])) + '\n');
  return 0;
}
