/**
 * What `vecbt run` and `vecbt run --distributed` do around their run, alike: stop signals handled from
 * before the run exists until it ends, a closed stdout pipe tolerated, and the run shown as the TUI on a
 * terminal or as plain log lines otherwise. The runs themselves only emit events (src/batch/events.ts).
 */
import type { CommandIo } from './CommandIo';
import type { Database } from '../data/openDatabase';
import { onceThenForce } from './onceThenForce';
import type { BatchOptions, RunnerEvents } from '../batch';
import type { StrategyArg } from './strategyArg';

/** The flags both kinds of run take (vecbt run's, with or without --distributed). */
export interface CommonRunArgs {
  chunkSize?: number;
  from?: string;
  to?: string;
  resume?: number;
  memoryBudgetMb?: number;
  /** The strategy given with --strategy (undefined: rvol_atr for a new run, the recorded one for --resume). */
  strategy?: StrategyArg;
  /** Settings given as flags (strategy parameters and portfolio settings, by spec name). */
  settings: Record<string, unknown>;
  /** false with --no-lookahead-check. */
  lookaheadCheck: boolean;
  /** A sweep (--grid, --grid-file), its windows (--walk-forward, --split), --select and --keep-trades. */
  grid?: BatchOptions['grid'];
  windows?: BatchOptions['windows'];
  selectMetric?: BatchOptions['selectMetric'];
  keepTrades?: number;
}

/** The options a BatchRunner and a DistributedRun share, from the database and the parsed flags. */
export function commonRunOptions(db: Database, a: CommonRunArgs) {
  return {
    pool: db.pool,
    target: db.target,
    chunkSize: a.chunkSize,
    from: a.from,
    to: a.to,
    strategy: a.strategy?.strategy,
    strategySource: a.strategy?.loaded,
    settings: a.settings,
    lookaheadCheck: a.lookaheadCheck && !!a.strategy?.loaded,
    grid: a.grid,
    windows: a.windows,
    selectMetric: a.selectMetric,
    keepTrades: a.keepTrades,
    resumeRunId: a.resume,
    memoryBudgetMb: a.memoryBudgetMb,
  } satisfies Partial<BatchOptions>;
}

export interface RunSession {
  /** Shows `events` (call once the run id is printed); `plain` adds more plain-log listeners. */
  show(events: RunnerEvents, opts: { noTui: boolean; onAbort: () => void; plain?: ((out: NodeJS.WritableStream) => () => void)[] }): Promise<{ tty: boolean }>;
  /** After the run ends: waits for the TUI's final frame (a no-op for plain logs). */
  settled(): Promise<void>;
  /** Removes the signal handlers and listeners, unmounts the TUI. Safe to call more than once. */
  close(): void;
}

/**
 * openRunSession(io, onStop): from now on SIGTERM/SIGINT call `onStop(sig)` once (with `stopping` printed
 * to stderr unless the TUI shows it); a second signal more than 1 s later exits 130. Under npx, on Heroku
 * and with Ctrl+C in a shell the same signal arrives twice within milliseconds (npm forwards it to its
 * child and the process group gets it too): that is not a second press.
 * @example const s = openRunSession(io, (sig) => runner.abort(sig), 'stopping after the chunk in progress commits')
 */
export function openRunSession(io: CommandIo, onStop: (sig: NodeJS.Signals) => void, stopping: string): RunSession {
  // A closed pipe (`vecbt run | head`) must not kill the run half-way: stop printing, keep running.
  const onOutError = (err: NodeJS.ErrnoException) => {
    if (err?.code !== 'EPIPE') throw err;
  };
  io.stdout.on?.('error', onOutError);
  let tty = false;
  const onSignal = onceThenForce(
    (sig) => {
      if (!tty) io.stderr.write(`vecbt run: ${sig}: ${stopping} (send again to exit now)\n`);
      onStop(sig);
    },
    () => process.exit(130),
  );
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const detach: (() => void)[] = [];
  let tui: { waitUntilExit(): Promise<void>; unmount(): void } | null = null;
  return {
    async show(events, opts) {
      tty = io.stdout === process.stdout && !!process.stdout.isTTY && !opts.noTui;
      // The plain log is imported on its own: the '../ui' barrel loads Ink and React (~45 MB RSS) that a
      // non-TTY batch (Heroku, cron, a pipe) never draws.
      if (tty) tui = (await import('../ui')).renderTui(events, { onAbort: opts.onAbort });
      else {
        detach.push((await import('../ui/attachPlainLog')).attachPlainLog(events, io.stdout));
        for (const attach of opts.plain ?? []) detach.push(attach(io.stdout));
      }
      return { tty };
    },
    async settled() {
      if (tui) await tui.waitUntilExit();
    },
    close() {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      for (const d of detach.splice(0)) d();
      tui?.unmount();
      tui = null;
    },
  };
}
