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
} as const;

export async function parseRunArgs(args: readonly string[]): Promise<RunArgs> {
  const { strategy: ref, rest: afterStrategy } = takeStrategyFlag(args);
  const strategy = await loadStrategyArg(ref);
  const { settings, rest } = parseSettingsFlags(afterStrategy, strategy.strategy, OWN);
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) throw new UserError(`unexpected argument '${a}'; usage: vecbt run [--strategy NAME|FILE] [settings flags] [--chunk-size N] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--resume RUN_ID] [--no-tui] [--no-prefetch] [--memory-budget MB] [--distributed [--detach]] (vecbt run --help)`);
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (OWN[name as keyof typeof OWN]) flags.set(name, eq >= 0 ? a.slice(eq + 1) : rest[++i]);
    else flags.set(name, true);
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
  };
  if (out.detach && !out.distributed) {
    throw new UserError('--detach only applies to --distributed runs (a single-process run lives in this process); add --distributed or drop --detach');
  }
  if (out.from && out.to && out.from > out.to) throw new UserError(`--from ${out.from} is after --to ${out.to}; swap them`);
  if (out.resume !== undefined && (out.chunkSize !== undefined || out.from || out.to || Object.keys(settings).length)) {
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
