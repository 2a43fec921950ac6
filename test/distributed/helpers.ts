/** Real worker processes for the distributed tests, with their output lines and a way to wait for one. */
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { loadStrategyFile } from '../../src/strategy/loadStrategyFile';

/** The fixture strategy's options for a BatchRunner or DistributedRun: the strategy and its file, as a user's --strategy. */
export async function strictStrategy() {
  const loaded = await loadStrategyFile('test/distributed/fixtures/strictStrategy.ts');
  return { strategy: loaded.strategy, strategySource: loaded };
}

export interface WorkerProcess {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first line (past or future) matching `re`; rejects after `timeoutMs`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `vecbt worker ...args` (kind 'cli'), or (kind 'fixture', args[0] = its name) the same worker polling fast, for
 * runs of the fixture strategy (fixtures/strictStrategy.ts), which `env.TEST_SLOW_MS` slows down in this worker.
 */
export function startWorker(url: string, kind: 'cli' | 'fixture', args: string[], env: Record<string, string> = {}, opts: { group?: boolean } = {}): WorkerProcess {
  const argv = kind === 'cli' ? ['bin/vecbt.mjs', 'worker', ...args] : ['bin/vecbt.mjs', 'worker', '--name', args[0], '--poll-ms', '100', '--maintenance-seconds', '1'];
  // group: its own process group, so a test can signal it and its children at once (as Heroku and a terminal do).
  const child = spawn(process.execPath, argv, { env: { ...process.env, DATABASE_URL: url, TZ: 'UTC', ...env }, detached: !!opts.group });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  let buf = '';
  const onData = (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) if (w.re.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('exit', (code, signal) => res({ code, signal })));
  return {
    child,
    lines,
    exited,
    waitFor(re, timeoutMs = 30_000) {
      const hit = lines.find((l) => re.test(l));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms; output:\n${lines.join('\n')}`)), timeoutMs);
        waiters.push({ re, resolve: (l) => (clearTimeout(t), resolve(l)) });
      });
    },
  };
}

/** SIGTERM (to its whole process group with `group`), then the exit code; SIGKILL if it is still alive after `ms`. */
export async function stopWorker(w: WorkerProcess, ms = 30_000, group = false): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const t = Date.now();
  if (w.child.exitCode !== null || w.child.signalCode !== null) return { code: w.child.exitCode, signal: w.child.signalCode, ms: 0 };
  if (group) process.kill(-w.child.pid!, 'SIGTERM');
  else w.child.kill('SIGTERM');
  const kill = setTimeout(() => w.child.kill('SIGKILL'), ms);
  const r = await w.exited;
  clearTimeout(kill);
  return { ...r, ms: Date.now() - t };
}

/** A run's results without run_id/chunk_no, by ticker (byte order), dates as YYYY-MM-DD. */
export async function resultsOf(pool: pg.Pool, runId: number) {
  const { rows } = await pool.query(`SELECT * FROM vecbt_results WHERE run_id = $1 ORDER BY ticker COLLATE "C"`, [runId]);
  const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : d);
  return rows.map(({ run_id: _r, chunk_no: _c, ...rest }) => ({ ...rest, start_date: iso(rest.start_date), end_date: iso(rest.end_date) }));
}

export async function tradesOf(pool: pg.Pool, runId: number) {
  const { rows } = await pool.query(`SELECT * FROM vecbt_trades WHERE run_id = $1 ORDER BY ticker COLLATE "C", trade_no`, [runId]);
  return rows.map(({ run_id: _r, ...rest }) => rest);
}

export async function chunksOf(pool: pg.Pool, runId: number) {
  const { rows } = await pool.query(`SELECT chunk_no, status, attempts, worker, error FROM vecbt_chunks WHERE run_id = $1 ORDER BY chunk_no`, [runId]);
  return rows as { chunk_no: number; status: string; attempts: number; worker: string | null; error: string | null }[];
}
