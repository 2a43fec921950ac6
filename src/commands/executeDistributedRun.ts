/**
 * `vecbt run --distributed [--detach] [same options as vecbt run]`, on an open database: creates the run,
 * enqueues its chunks for `vecbt worker` processes and, unless `--detach`, follows it with the TUI (plain
 * log lines when stdout is not a terminal or with --no-tui) until it ends. Ctrl-C / SIGTERM of the
 * follower marks the run aborted (chunks in progress still commit; `--resume` continues it).
 * Exit code: 0 done / aborted / detached, 1 failed.
 *
 * VECBT_CHUNK_TIMEOUT_SECONDS (default 50): a chunk job still unfinished this long after a worker took it
 * is presumed lost and retried; raise it when one chunk can take longer (huge chunks, intraday bars).
 */
import type { CommandIo } from './CommandIo';
import type { Database } from '../data/openDatabase';
import { UserError } from '../errors';
import { attachWorkersLine } from '../distributed/attachWorkerLog';
import { DistributedRun, type DistributedOptions } from '../distributed/DistributedRun';
import { commonRunOptions, openRunSession, type CommonRunArgs } from './runSession';

export interface DistributedRunArgs extends CommonRunArgs {
  noTui: boolean;
  detach?: boolean;
}

/** Throws the one-line UserError when distributed runs cannot work here (call before opening the database). */
export function assertDistributedTarget(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.DATABASE_URL) {
    throw new UserError(
      '--distributed needs DATABASE_URL: the workers (npx vecbt worker) must reach the same PostgreSQL, and the embedded default lives inside one process; set DATABASE_URL=postgres://user:password@host:5432/db',
    );
  }
}

/** VECBT_CHUNK_TIMEOUT_SECONDS -> the job expiry, or undefined for the default; a UserError when malformed. */
export function chunkTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.VECBT_CHUNK_TIMEOUT_SECONDS;
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 5 || n > 86_400) {
    throw new UserError(`VECBT_CHUNK_TIMEOUT_SECONDS must be a whole number of seconds between 5 and 86400, got ${JSON.stringify(v)}`);
  }
  return n;
}

export async function executeDistributedRun(db: Database, a: DistributedRunArgs, io: CommandIo, extra: Partial<DistributedOptions> = {}): Promise<number> {
  if (db.embedded) assertDistributedTarget({});
  const expireInSeconds = chunkTimeoutFromEnv();
  const run = new DistributedRun({
    ...commonRunOptions(db, a),
    resumeCommand: (id) => `npx vecbt run --resume ${id}  (or on the workers: npx vecbt run --distributed --resume ${id})`,
    ...(expireInSeconds ? { policy: { expireInSeconds } } : {}),
    ...extra,
  });
  // Signals are handled before the run is created, as `vecbt run` does: a SIGTERM while it is being
  // prepared ends it `aborted` once prepared (with --detach the queued run simply stays for the workers).
  const session = openRunSession(io, (sig) => run.abort(sig), 'marking the run aborted; chunks in progress still commit');
  try {
    const runId = await run.prepare();
    io.stdout.write(`vecbt run: run ${runId}${a.resume ? ' (resumed)' : ''} distributed on ${db.target}: its chunks are queued for the workers (npx vecbt worker)\n`);
    if (a.detach) {
      io.stdout.write(`vecbt run: detached; follow it with: npx vecbt runs; results when done: npx vecbt results ${runId}\n`);
      return 0;
    }
    const { tty } = await session.show(run, {
      noTui: a.noTui,
      onAbort: () => run.abort('aborted from the terminal'),
      plain: [(out) => attachWorkersLine(run, out)],
    });
    const done = await run.follow();
    await session.settled();
    if (done.status !== 'done' && done.resumeCommand && tty) io.stdout.write(`resume with: ${done.resumeCommand}\n`);
    return done.status === 'failed' ? 1 : 0;
  } finally {
    session.close();
  }
}
