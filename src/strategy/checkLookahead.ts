/**
 * Look-ahead check: a strategy whose indicators or signals at row r depend on a bar after r (a `shift(-1)`, a
 * centred window, a normalisation by the whole column's max) is biased. The check recomputes indicators and
 * signals on the data truncated after K cut rows (chosen with a seeded generator) and compares every row up to
 * each cut with the full run: any difference there means the strategy read bars after the cut.
 *
 * Exact comparison (NaN equals NaN): causal kernels computed from row 0 (running sums, EMAs) give the same bits
 * on a prefix, so a tolerance would only hide real leaks.
 */
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import type { Strategy } from './defineStrategy';
import { strategySignals } from './runStrategy';

export interface LookaheadFinding {
  /** 'entries', 'exits', or `indicator <name>` */
  output: string;
  column: number;
  /** the first row (<= cut) whose value changed */
  row: number;
  /** the last row kept: bars after it were removed */
  cut: number;
}

export interface LookaheadReport {
  cuts: number[];
  /** The first few findings (at most `maxFindings`), earliest cut first. */
  findings: LookaheadFinding[];
  /** How many (output, column, cut) triples differ in all. */
  count: number;
}

export interface LookaheadOptions {
  /** Cut points (default 20). */
  cuts?: number;
  /** Seed of the cut points (default 1). */
  seed?: number;
  maxFindings?: number;
  /** What the strategy is handed instead of a matrix (the batch's view that refuses undeclared fields). */
  view?: (data: OhlcvMatrix) => OhlcvMatrix;
}

/** mulberry32: a small seeded generator, so a check is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows 0..cut of every column, as a matrix of cut + 1 rows. */
function truncate(data: OhlcvMatrix, cut: number): OhlcvMatrix {
  const { nRows, nCols } = data;
  const m = cut + 1;
  const take = (a: Float64Array | Uint8Array | undefined) => {
    if (!a || a.length !== nRows * nCols) return a;
    const out = new (a.constructor as Float64ArrayConstructor)(m * nCols);
    for (let c = 0; c < nCols; c++) out.set(a.subarray(c * nRows, c * nRows + m), c * m);
    return out;
  };
  return {
    nRows: m,
    nCols,
    open: take(data.open) as Float64Array,
    high: take(data.high) as Float64Array,
    low: take(data.low) as Float64Array,
    close: take(data.close) as Float64Array,
    volume: take(data.volume) as Float64Array,
    ...(data.present ? { present: take(data.present) as Uint8Array } : {}),
  };
}

const same = (a: number, b: number) => a === b || (a !== a && b !== b);

/**
 * checkLookahead(data, strategy, params, options): the strategy's look-ahead findings on `data`.
 * @example const r = checkLookahead(data, strategies.ma_cross, resolveSettings(strategies.ma_cross).params); r.count === 0
 */
export function checkLookahead<P>(data: OhlcvMatrix, strategy: Strategy<P>, params: Readonly<P>, options: LookaheadOptions = {}): LookaheadReport {
  const { nRows, nCols } = data;
  const k = options.cuts ?? 20;
  const maxFindings = options.maxFindings ?? 5;
  const view = options.view ?? ((d: OhlcvMatrix) => d);
  const full = strategySignals(strategy, view(data), params);
  // Cut rows from 0 to nRows - 2 (cutting after the last row removes nothing), distinct, ascending.
  const next = rng(options.seed ?? 1);
  const cuts = new Set<number>();
  const room = Math.max(0, nRows - 1);
  for (let tries = 0; cuts.size < Math.min(k, room) && tries < k * 20; tries++) cuts.add(Math.floor(next() * room));
  const sorted = [...cuts].sort((a, b) => a - b);
  const findings: LookaheadFinding[] = [];
  let count = 0;
  for (const cut of sorted) {
    const part = strategySignals(strategy, view(truncate(data, cut)), params);
    const m = cut + 1;
    const outputs: [string, ArrayLike<number>, ArrayLike<number>][] = [
      ['entries', full.signals.entries, part.signals.entries],
      ['exits', full.signals.exits, part.signals.exits],
      ...Object.keys(full.indicators).map((name): [string, ArrayLike<number>, ArrayLike<number>] => [`indicator ${name}`, full.indicators[name], part.indicators[name] ?? new Float64Array(m * nCols).fill(NaN)]),
    ];
    for (const [output, a, b] of outputs) {
      for (let c = 0; c < nCols; c++) {
        for (let r = 0; r < m; r++) {
          if (!same(a[c * nRows + r], b[c * m + r])) {
            count++;
            if (findings.length < maxFindings) findings.push({ output, column: c, row: r, cut });
            break;
          }
        }
      }
    }
  }
  return { cuts: sorted, findings, count };
}

/**
 * One line per finding, as the CLI prints them:
 * `look-ahead: entries of column AAPL at 2024-03-05 change when bars after 2024-03-07 are removed`.
 */
export function formatLookahead(report: LookaheadReport, index: readonly string[], columns: readonly string[]): string[] {
  const lines = report.findings.map((f) => `look-ahead: ${f.output} of column ${columns[f.column] ?? f.column} at ${index[f.row] ?? f.row} change${f.output.startsWith('indicator') ? 's' : ''} when bars after ${index[f.cut] ?? f.cut} are removed`);
  if (report.count > report.findings.length) lines.push(`look-ahead: ${report.count} (output, column, cut) cases in all over ${report.cuts.length} cut points`);
  return lines;
}
