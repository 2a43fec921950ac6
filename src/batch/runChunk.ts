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
import { STAT_NAMES, type StatsTable } from '../portfolio/metrics';
import { StrategyError } from '../strategy/runStrategy';
import { evaluateCombos, type Phase } from '../sweep/evaluateCombos';
import { SELECT_METRICS } from '../sweep/selectMetrics';
import { chunkRows, skipVerdicts, type ChunkRows, type ComboResult, type Verdicts } from './chunkRows';
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
  const { rows, parts } = computeRows(job, bars);
  const computeMs = performance.now() - t;
  const nBars = bars.bars;
  return writeAndCollect(client, job, rows, parts, nBars, readMs, computeMs, opts);
}

/** What a chunk adds to one (window, phase, combination) of vecbt_combo_parts. */
export interface ComboPart {
  windowNo: number;
  phase: Phase;
  comboNo: number;
  /** The window's first row of the date index. */
  barFrom: number;
  ewSum: Float64Array;
  ewN: Int32Array;
  /** Walk-forward windows only (their per-ticker rows are not stored): the sums behind their aggregates. */
  sums?: { tickers: number; sumReturn: number; nProfitable: number; sumWinRate: number; nWinRate: number; trades: number; sumSharpe: number; nSharpe: number; worstDrawdown: number; selectValues: Float64Array | null };
}

const M_RETURN = STAT_NAMES.indexOf('Total Return [%]');
const M_WIN = STAT_NAMES.indexOf('Win Rate [%]');
const M_MDD = STAT_NAMES.indexOf('Max Drawdown [%]');
const M_TRADES = STAT_NAMES.indexOf('Total Trades');
const M_SHARPE = STAT_NAMES.indexOf('Sharpe Ratio');

/** A window's aggregates of one combination over the chunk's included tickers. */
function windowSums(stats: StatsTable, included: Uint8Array, perTicker: string | null): NonNullable<ComboPart['sums']> {
  const n = stats.nCols;
  const v = stats.values;
  const m = perTicker ? STAT_NAMES.indexOf(perTicker as (typeof STAT_NAMES)[number]) : -1;
  const values: number[] = [];
  const out = { tickers: 0, sumReturn: 0, nProfitable: 0, sumWinRate: 0, nWinRate: 0, trades: 0, sumSharpe: 0, nSharpe: 0, worstDrawdown: NaN, selectValues: null as Float64Array | null };
  for (let c = 0; c < n; c++) {
    if (!included[c]) continue;
    out.tickers++;
    const ret = v[M_RETURN * n + c];
    out.sumReturn += ret;
    if (ret > 0) out.nProfitable++;
    const win = v[M_WIN * n + c];
    if (win === win) {
      out.sumWinRate += win;
      out.nWinRate++;
    }
    out.trades += v[M_TRADES * n + c];
    const sharpe = v[M_SHARPE * n + c];
    if (Number.isFinite(sharpe)) {
      out.sumSharpe += sharpe;
      out.nSharpe++;
    }
    const mdd = v[M_MDD * n + c];
    if (mdd === mdd && !(mdd <= out.worstDrawdown)) out.worstDrawdown = mdd;
    if (m >= 0) {
      const x = v[m * n + c];
      if (Number.isFinite(x)) values.push(x);
    }
  }
  if (m >= 0) out.selectValues = Float64Array.from(values);
  return out;
}

/** The combinations on the chunk's bars -> its rows and parts (a function of its own: nothing of the bars outlives it). */
function computeRows(job: ChunkJob, bars: ChunkBars): { rows: ChunkRows; parts: ComboPart[] } {
  const { run, plan, symbols } = job;
  const range = { from: run.dateFrom, to: run.dateTo };
  const { nRows } = bars.data;
  // Skips depend on the warm-up, which may differ between combinations.
  const verdictsOf = new Map<number, Verdicts>();
  const verdicts = (warmup: number) => {
    let v = verdictsOf.get(warmup);
    if (!v) verdictsOf.set(warmup, (v = skipVerdicts(symbols, run.dateIndex, bars.barsPerCol, warmup, range, bars.data)));
    return v;
  };
  const results: ComboResult[] = [];
  const parts: ComboPart[] = [];
  const perTicker = SELECT_METRICS[plan.selectMetric].perTicker;
  const windows = plan.windows.map((w) => ({ ...w, to: Math.min(w.to, nRows) }));
  try {
    evaluateCombos(
      bars.data,
      plan.strategy,
      plan.combos.map((c) => c.resolved),
      (o) => {
        const combo = plan.combos[o.combo];
        const v = verdicts(combo.warmup);
        const part: ComboPart = { windowNo: o.window.windowNo, phase: o.window.phase, comboNo: combo.comboNo, barFrom: o.window.from, ewSum: o.ew.sum, ewN: o.ew.n };
        if (o.window.phase === 'all') results.push({ comboNo: combo.comboNo, stats: o.stats, verdicts: v, sim: o.sim, extras: o.extras });
        else part.sums = windowSums(o.stats, v.included, perTicker);
        parts.push(part);
      },
      {
        windows,
        include: (k) => verdicts(plan.combos[k].warmup).included,
        keepSim: !plan.compact,
        view: (d) => strategyView(d, plan.strategy.name),
      },
    );
  } catch (err) {
    if (err instanceof StrategyError) throw new StrategyError(`${err.message} (chunk ${job.chunkNo}, first ticker ${symbols[0]})`);
    throw err;
  }
  // With the bars: tickers with bad bars are skipped with the reason (validateBars), in every driver alike.
  const rows = chunkRows(symbols, run.dateIndex, bars.barsPerCol, results.length ? results : [{ comboNo: 0, stats: EMPTY_STATS, verdicts: verdicts(plan.warmup) }], plan.compact);
  return { rows, parts };
}

const EMPTY_STATS: StatsTable = { names: STAT_NAMES, nCols: 0, values: new Float64Array(0) };

// Its own frame, so nothing of the simulation (the bars, the engine's result) is reachable while the
// write awaits the server.
async function writeAndCollect(client: PoolClient, job: ChunkJob, rows: ChunkRows, parts: ComboPart[], bars: number, readMs: number, computeMs: number, opts: RunChunkOptions): Promise<ChunkStepResult> {
  opts.onPhase?.('writing');
  const t = performance.now();
  await writeChunkResults(client, {
    runId: job.run.id,
    chunkNo: job.chunkNo,
    bars,
    // A walk-forward run keeps no per-ticker rows (its windows' aggregates are the parts).
    results: job.plan.kind === 'walk-forward' || job.plan.kind === 'split' ? null : rows.results,
    compact: job.plan.compact,
    trades: rows.trades,
    parts,
    tickers: job.symbols.length,
  });
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
