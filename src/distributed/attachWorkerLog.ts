/**
 * The worker's log: one plain line per event (Heroku logs, a terminal, a pipe). No ANSI codes.
 * @example const detach = attachWorkerLog(worker, process.stdout);
 */
import type { ChunkWorker, WorkerEventMap, WorkerEventName } from './ChunkWorker';
import type { DistributedRun } from './DistributedRun';

const ms = (x: number) => `${Math.round(x)}ms`;
const mb = (x: number | null) => (x == null || Number.isNaN(x) ? '?' : `${Math.round(x)}MB`);

/** The line an event prints (null: none). */
export function workerLogLine<K extends WorkerEventName>(name: string, event: K, p: WorkerEventMap[K]): string | null {
  const e = p as never as Record<string, unknown> & WorkerEventMap[WorkerEventName];
  switch (event) {
    case 'worker:start': {
      const s = e as WorkerEventMap['worker:start'];
      return `worker ${s.name} waiting for chunk jobs (queue ${s.queue} on ${s.target})`;
    }
    case 'job:start': {
      const s = e as WorkerEventMap['job:start'];
      return `worker ${name} took chunk ${s.chunkNo}/${s.chunksTotal} of run ${s.runId} (${s.tickers} tickers ${s.firstTicker}..${s.lastTicker}) attempt ${s.attempt}`;
    }
    case 'job:done': {
      const s = e as WorkerEventMap['job:done'];
      return (
        `worker ${name} chunk ${s.chunkNo}/${s.chunksTotal} of run ${s.runId} done ${s.tickers} tickers read ${ms(s.readMs)} sim ${ms(s.computeMs)} ` +
        `write ${ms(s.writeMs)} rss ${mb(s.memory.rssMb)} trades ${s.rows.tradeCount}`
      );
    }
    case 'job:skip': {
      const s = e as WorkerEventMap['job:skip'];
      return `worker ${name} chunk ${s.chunkNo} of run ${s.runId} acknowledged without work: ${s.reason}`;
    }
    case 'job:error': {
      const s = e as WorkerEventMap['job:error'];
      return `worker ${name} chunk ${s.chunkNo} of run ${s.runId} error attempt ${s.attempt}/${s.attempts}: ${s.message}; ${s.willRetry ? 'will be retried' : 'no retry left'}`;
    }
    case 'chunk:failed': {
      const s = e as WorkerEventMap['chunk:failed'];
      return `worker ${name} chunk ${s.chunkNo} of run ${s.runId} failed: ${s.reason}`;
    }
    case 'run:finished': {
      const s = e as WorkerEventMap['run:finished'];
      return `worker ${name} run ${s.runId} ${s.status}${s.status === 'failed' ? `; redo its failed chunks with: npx vecbt run --resume ${s.runId}` : ''}`;
    }
    case 'worker:stop': {
      const s = e as WorkerEventMap['worker:stop'];
      return `worker ${s.name} stopped (${s.reason}) after ${s.chunksDone} chunk(s)${s.gaveBack ? '; the chunk in progress was given back' : ''}`;
    }
    case 'worker:error': {
      const s = e as WorkerEventMap['worker:error'];
      return `worker ${name} error: ${s.message}; carrying on`;
    }
  }
  return null;
}

const EVENTS: readonly WorkerEventName[] = ['worker:start', 'job:start', 'job:done', 'job:skip', 'job:error', 'chunk:failed', 'run:finished', 'worker:stop', 'worker:error'];

export function attachWorkerLog(worker: ChunkWorker, out: NodeJS.WritableStream): () => void {
  const listeners = EVENTS.map((event) => {
    const l = (p: WorkerEventMap[typeof event]) => {
      const line = workerLogLine(worker.name, event, p);
      if (line) out.write(line + '\n');
    };
    worker.on(event, l);
    return [event, l] as const;
  });
  return () => {
    for (const [event, l] of listeners) worker.off(event, l);
  };
}

/**
 * For the follower of a distributed run: one line when the set of live workers changes, and a hint when
 * there is none (the run waits until a worker starts).
 * `workers: 2 live (worker.1:23 84MB, worker.2:23 91MB)` / `workers: none live; the run waits: start one with npx vecbt worker`
 */
export function attachWorkersLine(run: DistributedRun, out: NodeJS.WritableStream): () => void {
  const l = (e: { alive: { name: string; rssMb: number | null }[] }) =>
    out.write(
      e.alive.length
        ? `workers: ${e.alive.length} live (${e.alive.map((w) => `${w.name} ${mb(w.rssMb)}`).join(', ')})\n`
        : 'workers: none live; the run waits until one starts: npx vecbt worker (Heroku: heroku ps:scale worker=1)\n',
    );
  run.on('workers', l);
  return () => run.off('workers', l);
}
