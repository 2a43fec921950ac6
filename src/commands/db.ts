/**
 * `vecbt db migrate` | `vecbt db load <ohlcv.csv>` | `vecbt db synth --tickers N --days D [--seed S] [--end YYYY-MM-DD]`.
 * load and synth show their progress on stderr (an Ink bar on a terminal, a plain line per tenth otherwise) and
 * print one summary line on stdout.
 */
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { dateFlag, intFlag, parseFlags } from './flags';
import { withDatabase } from './withDatabase';
import { migrate } from '../data/migrate';
import { loadOhlcvCsv } from '../data/loadOhlcvCsv';
import { synthSizeProblem, synthUniverse } from '../data/synth';
import { existsSync } from 'node:fs';
import type { OnDataProgress } from '../data/dataProgress';
import { dataProgressLog, QUIET_MS } from '../ui/dataProgressLog';

const USAGE = 'usage: vecbt db migrate | vecbt db load <ohlcv.csv> | vecbt db synth --tickers N --days D [--seed S] [--end YYYY-MM-DD]';

const perSecond = (rows: number, ms: number) => Math.round(rows / Math.max(ms / 1000, 1e-3)).toLocaleString('en-US');

/**
 * Where a long step's progress goes: stderr (stdout keeps the one summary line, for scripts), as an Ink bar when
 * stderr is a terminal, else a plain line per tenth of the input.
 */
async function startProgress(io: CommandIo): Promise<{ onProgress: OnDataProgress; stop(): void }> {
  if (io.stderr === process.stderr && process.stderr.isTTY) {
    const { renderDataProgress } = await import('../ui/renderDataProgress'); // Ink only when drawn
    const ui = renderDataProgress(process.stderr);
    return { onProgress: ui.onProgress, stop: ui.unmount };
  }
  // VECBT_PROGRESS_QUIET_MS=0 prints every tenth of even a short step (the tests use it)
  const quiet = Number(process.env.VECBT_PROGRESS_QUIET_MS ?? QUIET_MS);
  return { onProgress: dataProgressLog(io.stderr, Number.isFinite(quiet) ? quiet : QUIET_MS), stop: () => undefined };
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'migrate') {
    const { positional } = parseFlags('vecbt db migrate', rest, {});
    if (positional.length) throw new UserError(`unexpected argument '${positional[0]}'; ${USAGE}`);
    return withDatabase(async (db) => {
      const applied = await migrate(db.pool);
      io.stdout.write(applied.length ? `migrated ${db.target}: ${applied.join(', ')}\n` : `${db.target} is up to date\n`);
      return 0;
    }, { migrate: false });
  }
  if (sub === 'load') {
    const { positional } = parseFlags('vecbt db load', rest, {});
    if (positional.length !== 1) throw new UserError(`expected one CSV file; ${USAGE}`);
    const path = positional[0];
    if (!existsSync(path)) throw new UserError(`${path}: no such file; give the path of a long-format CSV (ticker,date,open,high,low,close,volume)`);
    return withDatabase(async (db) => {
      const t = performance.now();
      const progress = await startProgress(io);
      let s;
      try {
        s = await loadOhlcvCsv(db.pool, path, { onProgress: progress.onProgress });
      } finally {
        progress.stop();
      }
      const ms = performance.now() - t;
      io.stdout.write(`loaded ${s.rows} bars of ${s.tickers} tickers (${s.newTickers} new) from ${path} into ${db.target} in ${Math.round(ms)} ms (${perSecond(s.rows, ms)} rows/s)\n`);
      return 0;
    });
  }
  if (sub === 'synth') {
    const { flags, positional } = parseFlags('vecbt db synth', rest, { '--tickers': true, '--days': true, '--seed': true, '--end': true });
    if (positional.length) throw new UserError(`unexpected argument '${positional[0]}'; ${USAGE}`);
    const tickers = intFlag(flags, '--tickers', 1);
    const days = intFlag(flags, '--days', 1);
    if (tickers === undefined || days === undefined) throw new UserError(`--tickers and --days are required; ${USAGE}`);
    const seed = intFlag(flags, '--seed', 0) ?? 42;
    const end = dateFlag(flags, '--end');
    const tooBig = synthSizeProblem(tickers, days);
    if (tooBig !== null) throw new UserError(tooBig); // before the database, before any memory
    return withDatabase(async (db) => {
      const t = performance.now();
      const progress = await startProgress(io);
      let n;
      try {
        n = await synthUniverse(db.pool, { tickers, days, seed, end, onProgress: progress.onProgress });
      } finally {
        progress.stop();
      }
      const ms = performance.now() - t;
      io.stdout.write(`synthesised ${tickers} tickers x ${days} days (${n} bars, seed ${seed}) into ${db.target} in ${Math.round(ms)} ms (${perSecond(n, ms)} bars/s)\n`);
      return 0;
    });
  }
  throw new UserError(sub ? `unknown db subcommand '${sub}'; ${USAGE}` : USAGE);
}
