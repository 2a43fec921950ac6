/**
 * runChunk: THE chunk step, shared by the single-process runner (`BatchRunner`) and every distributed worker
 * (`processChunk`): read the chunk's fields (binary COPY onto the run's date index; or take a prefetched read)
 * -> the run's strategy -> the simulation and stats -> the rows to store -> results + trades + "chunk done" in
 * ONE transaction -> collect the chunk's arrays -> record the chunk's figures. The drivers differ only around
 * it: how a chunk is claimed, retried and reported.
 *
 * Nothing is written unless everything before the write succeeded: a strategy that throws (or returns the wrong
 * shape) fails the chunk with a StrategyError naming the strategy and the chunk's first ticker, and the run stays
 * resumable.
 */
import type { PoolClient } from 'pg';
import type { RunRow } from '../data/getRun';
import { readChunkBars, type ChunkBars } from '../data/readChunkBars';
import { recordChunkFigures } from '../data/recordChunkFigures';
import { writeChunkResults } from '../data/writeChunkResults';
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { runStrategy, StrategyError } from '../strategy/runStrategy';
import { chunkRows, type ChunkRows } from './chunkRows';
import type { ChunkPhase, MemorySample } from './events';
import { memorySample } from './memorySample';
import type { RunPlan } from './runPlan';

export interface ChunkJob {
  run: RunRow;
  plan: RunPlan;
  chunkNo: number;
  symbols: readonly string[];
}

export interface ChunkStepResult {
  rows: ChunkRows;
  /** Bars the chunk held on the run's date index. */
  bars: number;
  readMs: number;
  computeMs: number;
  writeMs: number;
  /** After the commit and the collection of the chunk's arrays. */
  memory: MemorySample;
}

export interface RunChunkOptions {
  /** A read done ahead (the runner's prefetch); taken out of the holder so the arrays can be collected early. */
  prefetched?: { bars: ChunkBars | null; readMs: number };
  onPhase?: (phase: ChunkPhase) => void;
  /** The worker that does the chunk (recorded with its figures); none for the single-process runner. */
  worker?: string;
}

const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

/**
 * The matrix as the strategy sees it: a field the chunk read skipped (not in the strategy's `fields`) throws
 * when read, so a strategy that forgot to declare one fails loudly instead of computing on an empty array.
 */
export function strategyView(data: OhlcvMatrix, strategyName: string): OhlcvMatrix {
  const n = data.nRows * data.nCols;
  const view = { ...data };
  for (const f of FIELDS) {
    if (data[f].length === n || n === 0) continue;
    Object.defineProperty(view, f, {
      enumerable: true,
      get() {
        throw new StrategyError(`strategy ${strategyName} reads data.${f} but does not list '${f}' in its fields; add it to "fields"`);
      },
    });
  }
  return view;
}

/**
 * runChunk(client, job, opts): does the chunk and commits it. Throws what the read, the strategy or the write
 * throws (nothing is committed then); `ChunkAlreadyDoneError` (or a unique violation) when the chunk was
 * committed by someone else meanwhile.
 * @example const r = await runChunk(client, { run, plan: await planOf(run), chunkNo: 3, symbols })
 */
export async function runChunk(client: PoolClient, job: ChunkJob, opts: RunChunkOptions = {}): Promise<ChunkStepResult> {
  const { run, plan, chunkNo, symbols } = job;
  opts.onPhase?.('reading');
  let readMs: number;
  let bars: ChunkBars;
  if (opts.prefetched?.bars) {
    bars = opts.prefetched.bars;
    opts.prefetched.bars = null;
    readMs = opts.prefetched.readMs;
  } else {
    const t = performance.now();
    bars = await readChunkBars(client, symbols, run.dateIndex, 'agg', plan.fields);
    readMs = performance.now() - t;
  }
  opts.onPhase?.('simulating');
  const t = performance.now();
  const rows = computeRows(job, bars);
  const computeMs = performance.now() - t;
  const nBars = bars.bars;
  return writeAndCollect(client, job, rows, nBars, readMs, computeMs, opts);
}

/** The strategy on the chunk's bars -> its rows (a function of its own: nothing of the bars outlives it). */
function computeRows(job: ChunkJob, bars: ChunkBars): ChunkRows {
  const { run, plan, symbols } = job;
  const data = strategyView(bars.data, plan.strategy.name);
  let result;
  try {
    result = runStrategy(data, plan.strategy, {}, { resolved: plan.resolved });
  } catch (err) {
    if (err instanceof StrategyError) throw new StrategyError(`${err.message} (chunk ${job.chunkNo}, first ticker ${symbols[0]})`);
    throw err;
  }
  // With the bars: tickers with bad bars are skipped with the reason (validateBars), in every driver alike.
  return chunkRows(symbols, run.dateIndex, bars.barsPerCol, { ...result, warmup: plan.warmup }, { from: run.dateFrom, to: run.dateTo }, bars.data);
}

// Its own frame, so nothing of the simulation (the bars, the engine's result) is reachable while the
// write awaits the server.
async function writeAndCollect(client: PoolClient, job: ChunkJob, rows: ChunkRows, bars: number, readMs: number, computeMs: number, opts: RunChunkOptions): Promise<ChunkStepResult> {
  opts.onPhase?.('writing');
  const t = performance.now();
  await writeChunkResults(client, { runId: job.run.id, chunkNo: job.chunkNo, bars, results: rows.results, trades: rows.trades, tickers: job.symbols.length });
  const writeMs = performance.now() - t;
  // With --expose-gc (the vecbt launcher's flag), collect the chunk's arrays now: typed-array memory is
  // external to the V8 heap and otherwise lingers until V8 feels heap pressure (peak RSS ~160 MB instead of
  // ~127 MB on 6,000 x 504). A full GC of a ~16 MB heap: 10-19 ms a chunk. (`execution: 'async'` only
  // defers the same atomic GC to a task, and the memory sample below would then miss it.)
  (globalThis as { gc?: () => void }).gc?.();
  const memory = memorySample();
  // Figures are bookkeeping: the chunk is already committed, so a failure here must not redo it.
  await recordChunkFigures(
    client,
    job.run.id,
    job.chunkNo,
    { readMs, computeMs, writeMs, rssMb: memory.rssMb, heapMb: memory.heapUsedMb, arrayBuffersMb: memory.arrayBuffersMb },
    opts.worker,
  ).catch(() => undefined);
  return { rows, bars, readMs, computeMs, writeMs, memory };
}
