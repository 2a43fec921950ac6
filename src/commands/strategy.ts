/**
 * `vecbt strategy <case.json | prices.csv> [--strategy NAME|FILE] [--only stats] [--extras] [--check-lookahead
 * [--cuts K] [--seed S]] [settings flags]`: one strategy in memory on an OHLCV CSV, printed as one JSON document
 * with exactly the keys of the golden strategy expected files: the vecbt-expected/1 keys (orders, trades, value,
 * stats, stats_mean) plus index, columns, entries_count and indicators, and for a `vecbt-strategy-case/2` case
 * (or a plain CSV) also exits_count and the entry/exit rows. `--extras` adds our own fields: each trade's
 * exit_reason and the strategy's per-column extras (rvol_atr: stale_exits). A case names its strategy and
 * settings; `--strategy` runs another strategy on the case's data (keeping the case's portfolio settings), and
 * settings flags override. `--check-lookahead` runs the look-ahead check instead and prints its verdict (exit 1
 * when the strategy reads future bars). `strategyCaseJson` is the library path the golden tests use.
 */
import { dirname, resolve } from 'node:path';
import type { CommandIo } from './CommandIo';
import { readOhlcvMatrix } from '../data/readOhlcvMatrix';
import { UserError } from '../errors';
import { encodeJson, expectedIntPath, type JsonPath } from '../io/encodeJson';
import type { ExpectedOptions } from '../portfolio/Portfolio';
import { getStrategy } from '../strategies';
import { checkLookahead, formatLookahead } from '../strategy/checkLookahead';
import type { Strategy } from '../strategy/defineStrategy';
import { isStrategyPath, loadStrategyFile } from '../strategy/loadStrategyFile';
import { PORTFOLIO_SPECS } from '../strategy/portfolioSettings';
import { resolveSettings } from '../strategy/resolveSettings';
import { runStrategy, type StrategyResult } from '../strategy/runStrategy';
import { parseSettingsFlags, takeStrategyFlag } from '../strategy/settingsFlags';
import { parseStrategyCase, readStrategyCaseJson, STRATEGY_CASE_SCHEMA, type StrategyCase } from '../strategy/strategyCase';
import { intFlag } from './flags';

const USAGE =
  'usage: vecbt strategy <case.json | prices.csv> [--strategy NAME|FILE] [--only stats] [--extras] [--check-lookahead [--cuts K] [--seed S]] [settings flags, e.g. --fast-window 20 --sl-stop off]   (vecbt strategy --help)';

export interface StrategyRun {
  /** The case (a plain CSV is read as a case of the default or given strategy with default settings). */
  case: StrategyCase;
  index: string[];
  columns: string[];
  result: StrategyResult;
}

async function strategyOf(ref: string): Promise<Strategy<never>> {
  return isStrategyPath(ref) ? (await loadStrategyFile(ref)).strategy : getStrategy(ref);
}

/**
 * loadStrategyCase(path, strategyRef): the case file (or a CSV as a case), with its strategy loaded. With
 * `strategyRef` the case's data runs that strategy; the case's own strategy parameters are kept only when it is
 * the same strategy, its portfolio settings always.
 */
export async function loadStrategyCase(path: string, strategyRef?: string): Promise<{ c: StrategyCase; strategy: Strategy<never> }> {
  if (/\.csv$/i.test(path)) {
    const strategy = await strategyOf(strategyRef ?? 'rvol_atr');
    const c: StrategyCase = { file: path, schema: STRATEGY_CASE_SCHEMA, name: '', description: '', dataPath: path, strategyRef: strategyRef ?? 'rvol_atr', settings: {}, freqDays: 1 };
    return { c, strategy };
  }
  const doc = await readStrategyCaseJson(path);
  const named = (doc as { strategy?: { file?: unknown } })?.strategy?.file;
  // A case that names a strategy file: load it first (relative to the case), then validate the case against it.
  const own = typeof named === 'string' ? (await loadStrategyFile(resolve(dirname(path), named))).strategy : undefined;
  const c = parseStrategyCase(doc, path, own);
  if (strategyRef === undefined) return { c, strategy: own ?? getStrategy(c.strategyRef) };
  const strategy = await strategyOf(strategyRef);
  const same = strategy.name === (own?.name ?? c.strategyRef);
  const settings = Object.fromEntries(Object.entries(c.settings).filter(([k]) => same || Object.prototype.hasOwnProperty.call(PORTFOLIO_SPECS, k)));
  return { c: { ...c, strategyRef, settings }, strategy };
}

/**
 * runStrategyCase(path, overrides, strategyRef): read the case and its CSV, pivot, run.
 * @example const { result } = await runStrategyCase('data-fixtures/golden/strategies/ma_cross_real.strategy.json')
 */
export async function runStrategyCase(path: string, overrides: Record<string, unknown> = {}, strategyRef?: string): Promise<StrategyRun> {
  const { c, strategy } = await loadStrategyCase(path, strategyRef);
  // pandas read_csv semantics: an empty field or `nan` is a NaN value (a NaN bar), not an error as for `db load`.
  const { index, columns, data } = await readOhlcvMatrix(c.dataPath, { missing: 'nan' });
  const result = runStrategy(data, strategy, { ...c.settings, ...overrides }, { freqDays: c.freqDays, index, columns }) as unknown as StrategyResult;
  return { case: c, index, columns, result };
}

function perColumn<T extends Float64Array | Uint8Array>(a: T, nRows: number, nCols: number): T[] {
  return Array.from({ length: nCols }, (_, c) => a.subarray(c * nRows, (c + 1) * nRows) as T);
}

/** Per column, the rows where a signal is set (the v2 expected files' `entries`/`exits`). */
function signalRows(a: Uint8Array, nRows: number, nCols: number): number[][] {
  return perColumn(a, nRows, nCols).map((col) => {
    const rows: number[] = [];
    for (let r = 0; r < nRows; r++) if (col[r]) rows.push(r);
    return rows;
  });
}

/**
 * The output document of `vecbt strategy` (raw numbers; encode with strategyJson): exactly the strategy expected
 * file's keys; `{ extras: true }` adds each trade's exit_reason and the strategy's extras per column.
 */
export function strategyDoc(run: StrategyRun, only?: 'stats', options: ExpectedOptions = {}): Record<string, unknown> {
  const { result, index, columns } = run;
  const pf = result.pf;
  if (only === 'stats') return { stats: pf.stats(), stats_mean: pf.statsMean() };
  const nRows = index.length;
  const nCols = columns.length;
  const v2 = run.case.schema === STRATEGY_CASE_SCHEMA;
  const { entries, exits } = result.signals;
  const count = (a: Uint8Array) => perColumn(a, nRows, nCols).map((col) => col.reduce((s, x) => s + x, 0));
  const doc: Record<string, unknown> = {
    ...pf.toExpected(options),
    index,
    columns,
    entries_count: count(entries),
    ...(v2 ? { exits_count: count(exits), entries: signalRows(entries, nRows, nCols), exits: signalRows(exits, nRows, nCols) } : {}),
    indicators: Object.fromEntries(Object.entries(result.indicators).map(([k, a]) => [k, perColumn(a, nRows, nCols)])),
  };
  if (options.extras) for (const [k, a] of Object.entries(result.extras)) doc[k] = Array.from(a);
  return doc;
}

/** The integer paths of a strategy document: vecbt-expected/1's, the signal counts and rows, integer extras. */
function intPaths(doc: Record<string, unknown>): (path: JsonPath) => boolean {
  const intExtras = new Set(Object.keys(doc).filter((k) => Array.isArray(doc[k]) && (doc[k] as unknown[]).every(Number.isInteger) && !['index', 'columns'].includes(k)));
  return (path) =>
    expectedIntPath(path) ||
    (path.length === 2 && (path[0] === 'entries_count' || path[0] === 'exits_count' || intExtras.has(String(path[0])))) ||
    (path.length === 3 && (path[0] === 'entries' || path[0] === 'exits'));
}

/** strategyJson(doc): the one-line JSON text in the vecbt encoding (NaN -> null, inf -> "inf"). */
export function strategyJson(doc: Record<string, unknown>): string {
  return encodeJson(doc, intPaths(doc));
}

/** strategyCaseJson(path, overrides, only, { extras }, strategyRef): what the CLI prints, without the trailing newline. */
export async function strategyCaseJson(path: string, overrides: Record<string, unknown> = {}, only?: 'stats', options: ExpectedOptions = {}, strategyRef?: string): Promise<string> {
  return strategyJson(strategyDoc(await runStrategyCase(path, overrides, strategyRef), only, options));
}

const OWN = { '--only': true, '--extras': false, '--check-lookahead': false, '--cuts': true, '--seed': true } as const;

export async function run(args: string[], io: CommandIo): Promise<number> {
  const { strategy: strategyRef, rest: afterStrategy } = takeStrategyFlag(args);
  const file = afterStrategy.find((a) => /\.(json|csv)$/i.test(a) && !a.startsWith('-'));
  if (!file) throw new UserError(`expected exactly one strategy case file (.json) or OHLCV CSV, got 0. ${USAGE}`);
  const { strategy } = await loadStrategyCase(file, strategyRef);
  const { settings, rest } = parseSettingsFlags(afterStrategy.filter((a) => a !== file), strategy, OWN);
  let only: 'stats' | undefined;
  let extras = false;
  let check = false;
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (!name.startsWith('--')) throw new UserError(`expected exactly one strategy case file or CSV, got also ${JSON.stringify(a)}. ${USAGE}`);
    const value = OWN[name as keyof typeof OWN] ? (eq >= 0 ? a.slice(eq + 1) : rest[++i]) : true;
    flags.set(name, value);
  }
  if (flags.has('--only')) {
    if (flags.get('--only') !== 'stats') throw new UserError(`--only takes "stats", got ${JSON.stringify(flags.get('--only'))}. ${USAGE}`);
    only = 'stats';
  }
  extras = flags.has('--extras');
  check = flags.has('--check-lookahead');
  const cuts = intFlag(flags, '--cuts', 1);
  const seed = intFlag(flags, '--seed', 0);
  if ((cuts !== undefined || seed !== undefined) && !check) throw new UserError('--cuts and --seed belong to --check-lookahead');
  if (check) {
    const { c } = await loadStrategyCase(file, strategyRef);
    const { index, columns, data } = await readOhlcvMatrix(c.dataPath, { missing: 'nan' });
    const { params } = resolveSettings(strategy, { ...c.settings, ...settings });
    const report = checkLookahead(data, strategy, params as never, { cuts, seed });
    if (report.count === 0) {
      io.stdout.write(`look-ahead check of ${strategy.name}: passed (${report.cuts.length} cut points, ${columns.length} columns x ${index.length} rows)\n`);
      return 0;
    }
    io.stdout.write(formatLookahead(report, index, columns).join('\n') + '\n');
    return 1;
  }
  io.stdout.write((await strategyCaseJson(file, settings, only, { extras }, strategyRef)) + '\n');
  return 0;
}
