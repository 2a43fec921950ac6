/**
 * The step every driver of a chunk shares once its bars are read: the engine -> the rows to store ->
 * results + trades + "chunk done" in ONE transaction (`writeChunkResults`) -> collect the chunk's arrays
 * -> a memory sample. The single-process runner (`BatchRunner`) and a distributed worker (`processChunk`)
 * differ only around it: how the chunk is claimed, read (prefetched or not) and accounted for.
 */
import type { PoolClient } from 'pg';
import type { ChunkBars } from '../data/readChunkBars';
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import type { RunRow } from '../data/getRun';
import { writeChunkResults } from '../data/writeChunkResults';
import { runStrategy, type StrategyParams, type StrategyResult } from '../strategy';
import { chunkRows, type ChunkRows } from './chunkRows';
import type { MemorySample } from './events';
import { memorySample } from './memorySample';

/** The simulation run on a chunk's matrices (default: the RVOL/ATR% strategy's `runStrategy`). */
export type ChunkEngine = (data: OhlcvMatrix, params: Readonly<StrategyParams>) => StrategyResult;

export interface ChunkCommit {
  rows: ChunkRows;
  /** Bars the chunk held on the run's date index. */
  bars: number;
  computeMs: number;
  writeMs: number;
  /** After the commit and the collection of the chunk's arrays. */
  memory: MemorySample;
}

/**
 * commitChunk(client, run, chunkNo, symbols, held, params): simulates `held.bars` and commits the chunk.
 * Takes the bars out of `held` (it becomes null), so the chunk's matrices can be collected before the
 * write: only the row arrays stay alive. Throws what the write throws (nothing is committed then);
 * `ChunkAlreadyDoneError` when the chunk was done by someone else.
 * @example const c = await commitChunk(client, run, 3, tickers, { bars }, params)
 */
export async function commitChunk(
  client: PoolClient,
  run: RunRow,
  chunkNo: number,
  symbols: readonly string[],
  held: { bars: ChunkBars | null },
  params: Readonly<StrategyParams>,
  opts: { engine?: ChunkEngine; onWriting?: () => void } = {},
): Promise<ChunkCommit> {
  let t = performance.now();
  const bars = held.bars!;
  held.bars = null;
  const result = (opts.engine ?? runStrategy)(bars.data, params);
  // With the bars: tickers with bad bars are skipped with the reason (validateBars), in every driver alike.
  const rows = chunkRows(symbols, run.dateIndex, bars.barsPerCol, result, { from: run.dateFrom, to: run.dateTo }, bars.data);
  const nBars = bars.bars;
  const computeMs = performance.now() - t;
  return writeAndCollect(client, run.id, chunkNo, symbols.length, rows, nBars, computeMs, opts.onWriting);
}

// Its own frame, so nothing of the simulation (the bars, the engine's result) is reachable while the
// write awaits the server.
async function writeAndCollect(
  client: PoolClient,
  runId: number,
  chunkNo: number,
  tickers: number,
  rows: ChunkRows,
  bars: number,
  computeMs: number,
  onWriting?: () => void,
): Promise<ChunkCommit> {
  onWriting?.();
  const t = performance.now();
  await writeChunkResults(client, { runId, chunkNo, bars, results: rows.results, trades: rows.trades, tickers });
  const writeMs = performance.now() - t;
  // With --expose-gc (the vecbt launcher's flag), collect the chunk's arrays now: typed-array memory is
  // external to the V8 heap and otherwise lingers until V8 feels heap pressure (peak RSS ~160 MB instead of
  // ~127 MB on 6,000 x 504). A full GC of a ~16 MB heap: 10-19 ms a chunk. (`execution: 'async'` only
  // defers the same atomic GC to a task, and the memory sample below would then miss it.)
  (globalThis as { gc?: () => void }).gc?.();
  return { rows, bars, computeMs, writeMs, memory: memorySample() };
}
