/**
 * `vecbt strategy <strategy.json> [--only stats] [--extras] [strategy flags]`: run the RVOL/ATR% strategy on a
 * vecbt-strategy-case/1 file (CSV path relative to the JSON) and print one JSON document with exactly the keys of
 * the strategy expected file: the vecbt-expected/1 keys (schema, vectorbt_version, orders, trades, value, stats,
 * stats_mean) plus index, columns, entries_count and indicators {rvol, atr_pct}. `--extras` adds our own fields:
 * each trade's exit_reason and stale_exits (per column). `--only stats` prints only stats and stats_mean. Strategy
 * flags (`--rvol-min 2.5`, `--exit-mode bars-after-fill`, ...) override the file's strategy. `strategyCaseJson` is
 * the library path the golden test uses.
 */
import type { CommandIo } from './CommandIo';
import { readOhlcvCsv } from '../data/csv';
import { pivotOhlcv } from '../data/pivot';
import { UserError } from '../errors';
import { encodeJson, expectedIntPath, type JsonPath } from '../io/encodeJson';
import { Portfolio, type ExpectedOptions } from '../portfolio/Portfolio';
import { flagName, parseStrategyFlags } from '../strategy/flags';
import { runStrategy, type StrategyResult } from '../strategy/runStrategy';
import { readStrategyCase } from '../strategy/strategyCase';
import type { StrategyParams } from '../strategy/params';
import { resolveStrategy } from '../strategy/params';

const USAGE =
  'usage: vecbt strategy <strategy.json> [--only stats] [--extras] [--rvol-min X --atr-pct-min X --hold-bars N --exit-mode shifted-signal|bars-after-fill --sl-stop X|off ...]   (--extras adds each trade\'s exit_reason and stale_exits per column to the expected-file keys)';

export interface StrategyRun {
  index: string[];
  columns: string[];
  result: StrategyResult;
  portfolio: Portfolio;
}

/**
 * runStrategyCase(path, overrides): read the case and its CSV, pivot, run.
 * @example const { result } = await runStrategyCase('data-fixtures/golden/u01_synthetic_30x300.strategy.json')
 */
export async function runStrategyCase(path: string, overrides: Partial<StrategyParams> = {}): Promise<StrategyRun> {
  const c = await readStrategyCase(path);
  // pandas read_csv semantics: an empty field or `nan` is a NaN value (a NaN bar), not an error as for `db load`.
  const rows = await readOhlcvCsv(c.dataPath, { missing: 'nan' });
  if (rows.length === 0) throw new UserError(`${c.dataPath}: no data rows after the header; add one row per ticker and date (ticker,date,open,high,low,close,volume)`);
  const { index, columns, data } = pivotOhlcv(rows, { source: c.dataPath });
  const result = runStrategy(data, { ...c.params, ...overrides }, { freqDays: c.freqDays });
  const portfolio = new Portfolio(index, columns, { nRows: data.nRows, nCols: data.nCols, close: data.close }, result.sim, c.freqDays);
  return { index, columns, result, portfolio };
}

function perColumn<T extends Float64Array | Uint8Array>(a: T, nRows: number, nCols: number): T[] {
  return Array.from({ length: nCols }, (_, c) => a.subarray(c * nRows, (c + 1) * nRows) as T);
}

/**
 * The output document of `vecbt strategy` (raw numbers; encode with strategyJson): exactly the strategy expected
 * file's keys; `{ extras: true }` adds each trade's exit_reason and `stale_exits`.
 */
export function strategyDoc(run: StrategyRun, only?: 'stats', options: ExpectedOptions = {}): Record<string, unknown> {
  const { portfolio, result, index, columns } = run;
  if (only === 'stats') return { stats: portfolio.stats(), stats_mean: portfolio.statsMean() };
  const nRows = index.length;
  const nCols = columns.length;
  const entriesCount = perColumn(result.entries, nRows, nCols).map((col) => col.reduce((s, x) => s + x, 0));
  const doc: Record<string, unknown> = {
    ...portfolio.toExpected(options),
    index,
    columns,
    entries_count: entriesCount,
    indicators: { rvol: perColumn(result.rvol, nRows, nCols), atr_pct: perColumn(result.atrPct, nRows, nCols) },
  };
  if (options.extras) doc.stale_exits = Array.from(result.staleExits);
  return doc;
}

const isIntPath = (path: JsonPath): boolean => expectedIntPath(path) || (path[0] === 'stale_exits' && path.length === 2);

/** strategyJson(doc): the one-line JSON text in the vecbt encoding (NaN -> null, inf -> "inf"). */
export function strategyJson(doc: Record<string, unknown>): string {
  return encodeJson(doc, isIntPath);
}

/** strategyCaseJson(path, overrides, only, { extras }): what the CLI prints, without the trailing newline. */
export async function strategyCaseJson(path: string, overrides: Partial<StrategyParams> = {}, only?: 'stats', options: ExpectedOptions = {}): Promise<string> {
  return strategyJson(strategyDoc(await runStrategyCase(path, overrides), only, options));
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  const { params, rest } = parseStrategyFlags(args, { '--only': true, '--extras': false });
  let only: 'stats' | undefined;
  let extras = false;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--only' || a.startsWith('--only=')) {
      const v = a === '--only' ? rest[++i] : a.slice('--only='.length);
      if (v !== 'stats') throw new UserError(`--only takes "stats", got ${JSON.stringify(v)}. ${USAGE}`);
      only = 'stats';
    } else if (a === '--extras') {
      extras = true;
    } else if (a.startsWith('-')) {
      throw new UserError(`unknown option ${a}. ${USAGE}`);
    } else files.push(a);
  }
  if (files.length !== 1) throw new UserError(`expected exactly one strategy case file, got ${files.length}. ${USAGE}`);
  resolveStrategy(params, 'flags', flagName);
  io.stdout.write((await strategyCaseJson(files[0], params, only, { extras })) + '\n');
  return 0;
}
