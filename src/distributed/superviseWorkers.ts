/**
 * `--concurrency N` on one machine: N worker processes (one engine per core; a process, not a thread, so
 * each has its own heap and event loop and a crash or OOM kill takes one chunk, not all). Children that
 * die on their own are restarted after a second (doubling up to 30 s while they keep dying within 10 s
 * of starting: a database that is down); `stop(signal)` forwards the signal and resolves when all
 * have exited.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface SuperviseOptions {
  /** Number of worker processes. */
  n: number;
  /** The command line of child `i` (1-based) after `node`: e.g. [bin/vecbt.mjs, 'worker', '--name', 'x.1']. */
  argv: (i: number) => string[];
  /** Called with a line when a child exits or is restarted. */
  log?: (line: string) => void;
  /** Delay before restarting a child that died, ms (default 1000). */
  restartMs?: number;
}

export function superviseWorkers(opts: SuperviseOptions): { stop(signal: NodeJS.Signals): void; done: Promise<number> } {
  const children = new Map<number, ChildProcess>();
  let stopping = false;
  let failures = 0;
  let resolveDone: (code: number) => void;
  const done = new Promise<number>((r) => (resolveDone = r));
  const backoff = new Map<number, number>();
  const start = (i: number) => {
    const startedAt = Date.now();
    // The supervisor's own node flags (bin/vecbt.mjs's) apply to each worker; its environment, with the
    // allocator settings, is inherited.
    const child = spawn(process.execPath, [...process.execArgv, ...opts.argv(i)], { stdio: 'inherit', env: { ...process.env, VECBT_SUPERVISED: '1' } });
    children.set(i, child);
    child.on('exit', (code, signal) => {
      children.delete(i);
      if (stopping) {
        if (code !== 0 && code !== null) failures++;
        if (children.size === 0) resolveDone(failures ? 1 : 0);
        return;
      }
      const base = opts.restartMs ?? 1000;
      const delay = Date.now() - startedAt < 10_000 ? Math.min(30_000, (backoff.get(i) ?? base / 2) * 2) : base;
      backoff.set(i, delay);
      opts.log?.(`worker process ${i} exited (${signal ?? `code ${code}`}); restarting it in ${Math.round(delay / 1000)} s`);
      setTimeout(() => (stopping ? undefined : start(i)), delay);
    });
  };
  for (let i = 1; i <= opts.n; i++) start(i);
  return {
    /** Forwards `signal` to every child (SIGKILL to end them at once); `done` resolves when all have exited. */
    stop(signal) {
      stopping = true;
      if (children.size === 0) resolveDone(0);
      for (const c of children.values()) c.kill(signal);
    },
    done,
  };
}
