/**
 * `vecbt run [--strategy NAME|FILE] [settings flags] [--chunk-size N] [--from D] [--to D] [--no-tui] [--resume ID]
 * [--memory-budget MB]`: the chunked batch of one strategy over the active universe. Prints the run id, shows the
 * TUI on a terminal (plain log lines otherwise), stops cleanly on SIGTERM/SIGINT after the chunk in progress
 * (exit 0, resumable). Every flag, the strategy file and its settings are checked before the database is touched.
 */
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { dateFlag, intFlag } from './flags';
import { withDatabase } from './withDatabase';
import type { Database } from '../data/openDatabase';
import { BatchRunner } from '../batch';
import { parseSettingsFlags, takeStrategyFlag } from '../strategy/settingsFlags';
import { loadStrategyArg } from './strategyArg';
import { buildGrid, parseGridFlag, readGridFile } from '../sweep/parseGrid';
import { isSelectMetric, SELECT_METRICS, type SelectMetric } from '../sweep/selectMetrics';
import type { WindowSpec } from '../sweep/windowsOf';
import { commonRunOptions, openRunSession, type CommonRunArgs } from './runSession';

export interface RunArgs extends CommonRunArgs {
  noTui: boolean;
  /** false with --no-prefetch: one chunk of arrays alive instead of two (~20 MB less at 500 tickers). */
  prefetch: boolean;
  /** --distributed: queue the chunks for `vecbt worker` processes and follow the run (--detach: return at once). */
  distributed: boolean;
  detach: boolean;
}

const OWN = {
  '--chunk-size': true, '--from': true, '--to': true, '--resume': true, '--no-tui': false, '--memory-budget': true, '--no-prefetch': false,
  '--distributed': false, '--detach': false, '--no-lookahead-check': false,
  '--grid': true, '--grid-file': true, '--grid-sample': true, '--seed': true, '--select': true, '--walk-forward': true, '--split': true, '--keep-trades': true,
} as const;

/** `--walk-forward train=252,test=63[,step=63][,anchored]` (or `anchored,train=...`). */
function parseWalkForward(text: string): WindowSpec {
  const spec: Record<string, number> = {};
  let anchored = false;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    if (part === 'anchored') {
      anchored = true;
      continue;
    }
    const m = /^(train|test|step)=(\d+)$/.exec(part);
    if (!m || Number(m[2]) < 1) throw new UserError(`--walk-forward takes train=N,test=N[,step=N][,anchored] with N >= 1 bars, e.g. --walk-forward train=252,test=63; got ${JSON.stringify(part)}`);
    spec[m[1]] = Number(m[2]);
  }
  if (!spec.train || !spec.test) throw new UserError(`--walk-forward needs train=N and test=N (bars), e.g. --walk-forward train=252,test=63; got ${JSON.stringify(text)}`);
  return { kind: anchored ? 'anchored' : 'rolling', train: spec.train, test: spec.test, ...(spec.step ? { step: spec.step } : {}) };
}

export async function parseRunArgs(args: readonly string[]): Promise<RunArgs> {
  const { strategy: ref, rest: afterStrategy } = takeStrategyFlag(args);
  const strategy = await loadStrategyArg(ref);
  const { settings, rest } = parseSettingsFlags(afterStrategy, strategy.strategy, OWN);
  const flags = new Map<string, string | true>();
  const gridFlags: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) throw new UserError(`unexpected argument '${a}'; usage: vecbt run [--strategy NAME|FILE] [settings flags] [--chunk-size N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--resume RUN_ID] [--no-tui] [--no-prefetch] [--memory-budget MB] [--distributed [--detach]] (vecbt run --help)`);
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    const value = OWN[name as keyof typeof OWN] ? (eq >= 0 ? a.slice(eq + 1) : rest[++i]) : true;
    if (name === '--grid') gridFlags.push(value as string);
    else flags.set(name, value);
  }
  // The grid: --grid axes or a --grid-file, sampled with --grid-sample N --seed S.
  let grid: RunArgs['grid'];
  const sampleN = intFlag(flags, '--grid-sample', 1);
  const seed = intFlag(flags, '--seed', 0);
  if (gridFlags.length || flags.has('--grid-file')) {
    if (gridFlags.length && flags.has('--grid-file')) throw new UserError('give the grid with --grid axes or with --grid-file, not both');
    const source = flags.has('--grid-file') ? await readGridFile(flags.get('--grid-file') as string, strategy.strategy) : { axes: Object.fromEntries(gridFlags.map((g) => parseGridFlag(g, strategy.strategy))) };
    if (source.axes) for (const k of Object.keys(source.axes)) if (k in settings) throw new UserError(`${k} is both a fixed setting and a grid axis; drop one`);
    const built = buildGrid(strategy.strategy, source, settings, sampleN ? { n: sampleN, seed: seed ?? 1 } : undefined);
    grid = { combos: built.combos, describe: built.describe };
  } else if (sampleN !== undefined || seed !== undefined) throw new UserError('--grid-sample and --seed sample a grid: give --grid or --grid-file');
  const select = flags.get('--select') as string | undefined;
  if (select !== undefined && !isSelectMetric(select)) throw new UserError(`--select must be one of ${Object.keys(SELECT_METRICS).join(', ')}, got ${JSON.stringify(select)}`);
  const wf = flags.get('--walk-forward') as string | undefined;
  const split = dateFlag(flags, '--split');
  if (wf !== undefined && split !== undefined) throw new UserError('--walk-forward and --split are two ways to hold data out; give one');
  const windows: WindowSpec | undefined = wf !== undefined ? parseWalkForward(wf) : split !== undefined ? { kind: 'split', date: split } : undefined;
  const keep = flags.get('--keep-trades') as string | undefined;
  let keepTrades: number | undefined;
  if (keep !== undefined) {
    const m = /^best:(\d+)$/.exec(keep);
    if (!m || Number(m[1]) < 1) throw new UserError(`--keep-trades takes best:K (the trades of the K best combinations, K >= 1), got ${JSON.stringify(keep)}`);
    if (!grid) throw new UserError('--keep-trades best:K is for sweeps (a plain run keeps all its trades); add --grid');
    keepTrades = Number(m[1]);
  }
  const out: RunArgs = {
    chunkSize: intFlag(flags, '--chunk-size', 1),
    from: dateFlag(flags, '--from'),
    to: dateFlag(flags, '--to'),
    resume: intFlag(flags, '--resume', 1),
    noTui: flags.has('--no-tui'),
    memoryBudgetMb: intFlag(flags, '--memory-budget', 1),
    prefetch: !flags.has('--no-prefetch'),
    distributed: flags.has('--distributed'),
    detach: flags.has('--detach'),
    strategy: ref === undefined ? undefined : strategy,
    settings,
    lookaheadCheck: !flags.has('--no-lookahead-check'),
    grid,
    windows,
    selectMetric: select as SelectMetric | undefined,
    keepTrades,
  };
  if (out.detach && !out.distributed) {
    throw new UserError('--detach only applies to --distributed runs (a single-process run lives in this process); add --distributed or drop --detach');
  }
  if (out.from && out.to && out.from > out.to) throw new UserError(`--from ${out.from} is after --to ${out.to}; swap them`);
  if (windows && !grid) throw new UserError(`${wf !== undefined ? '--walk-forward' : '--split'} chooses among combinations in each window: add --grid (e.g. --grid rvol_min=1.5,2,2.5)`);
  if (out.resume !== undefined && (out.chunkSize !== undefined || out.from || out.to || Object.keys(settings).length || grid || windows)) {
    throw new UserError(`--resume ${out.resume} continues the run with its own chunk size, dates, strategy and settings; drop the other flags (or start a new run without --resume)`);
  }
  return out;
}

/** Runs the batch on an open database with the UI attached; returns the exit code (0 done/aborted, 1 failed). */
export async function executeRun(db: Database, a: RunArgs, io: CommandIo): Promise<number> {
  const runner = new BatchRunner({ ...commonRunOptions(db, a), prefetch: a.prefetch });
  // Signals are handled from here on, before the run is even created: a SIGTERM while the run is being
  // prepared still ends it `aborted` (resumable) with exit 0 instead of killing the process.
  const session = openRunSession(io, (sig) => runner.abort(sig), 'stopping after the chunk in progress commits');
  try {
    const runId = await runner.prepare();
    io.stdout.write(`vecbt run: run ${runId}${a.resume ? ' (resumed)' : ''} on ${db.target}\n`);
    await session.show(runner, { noTui: a.noTui, onAbort: () => runner.abort('aborted from the terminal') });
    const done = await runner.start();
    // The TUI's final block already shows the resume command of an aborted or failed run.
    await session.settled();
    return done.status === 'failed' ? 1 : 0;
  } finally {
    session.close();
  }
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const a = await parseRunArgs(args);
  if (a.distributed) {
    const { assertDistributedTarget, executeDistributedRun } = await import('./executeDistributedRun');
    assertDistributedTarget(); // before the embedded server would start: workers cannot reach it
    return withDatabase((db) => executeDistributedRun(db, a, io));
  }
  return withDatabase((db) => executeRun(db, a, io));
}
