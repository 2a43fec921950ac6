/**
 * Portfolio: a thin labelled wrapper around `fromSignals` + `computeStats`. It holds the date index and the
 * column names and turns the typed-array results into per-column objects (vecbt-expected/1 shapes). Every
 * method is a call to a free function plus labelling; the numbers come from the kernels.
 */
import { EXIT_REASON_LABELS, SIDE_LABELS, TRADE_STATUS_LABELS } from './enums';
import { fromSignals, type PriceMatrix, type SimOptions, type SimResult } from './fromSignals';
import { computeStats, STAT_KINDS, STAT_NAMES, statsMean, type StatName, type StatsTable } from './metrics';

/** Reference semantics the results reproduce. */
export const VECTORBT_VERSION = '0.28.3';
export const EXPECTED_SCHEMA = 'vecbt-expected/1';

/** A matrix given either column-major flat (`a[col*nRows+row]`) or as one array per column. */
export type MatrixInput = Float64Array | ArrayLike<number | null>[];
export type SignalInput = Uint8Array | ArrayLike<boolean | number>[];

export interface PortfolioInput extends SimOptions {
  index: readonly string[];
  columns: readonly string[];
  close: MatrixInput;
  open?: MatrixInput | null;
  high?: MatrixInput | null;
  low?: MatrixInput | null;
  entries: SignalInput;
  exits: SignalInput;
  /** Bar length in days (default 1). */
  freqDays?: number;
}

export interface OrderRow { idx: number; size: number; price: number; fees: number; side: 'buy' | 'sell' }
export interface TradeRow {
  entry_idx: number; entry_price: number; entry_fees: number; exit_idx: number; exit_price: number; exit_fees: number;
  size: number; pnl: number; return: number; status: 'open' | 'closed'; exit_reason: (typeof EXIT_REASON_LABELS)[number];
}
export type StatsRow = Record<StatName, number | string>;
/** A trade of the vecbt-expected/1 document: exactly vectorbt's keys, plus `exit_reason` only with `extras`. */
export type ExpectedTradeRow = Omit<TradeRow, 'exit_reason'> & Partial<Pick<TradeRow, 'exit_reason'>>;

export interface ExpectedOptions {
  /** Add our non-vectorbt fields (each trade's `exit_reason`); off by default so the key sets match the schema. */
  extras?: boolean;
}

export interface ExpectedDoc {
  schema: string;
  vectorbt_version: string;
  orders: OrderRow[][];
  trades: ExpectedTradeRow[][];
  value: Float64Array[];
  stats: StatsRow[];
  stats_mean: StatsRow;
}

function toColumnMajor(name: string, m: MatrixInput, nRows: number, nCols: number): Float64Array {
  if (m instanceof Float64Array) {
    if (m.length !== nRows * nCols) throw new RangeError(`Portfolio: ${name} has ${m.length} values, expected ${nRows}x${nCols}`);
    return m;
  }
  if (m.length !== nCols) throw new RangeError(`Portfolio: ${name} has ${m.length} columns, expected ${nCols}`);
  const out = new Float64Array(nRows * nCols);
  for (let c = 0; c < nCols; c++) {
    const col = m[c];
    if (col.length !== nRows) throw new RangeError(`Portfolio: ${name}[${c}] has ${col.length} rows, expected ${nRows}`);
    for (let r = 0; r < nRows; r++) out[c * nRows + r] = col[r] ?? NaN;
  }
  return out;
}

function toSignals(name: string, m: SignalInput, nRows: number, nCols: number): Uint8Array {
  if (m instanceof Uint8Array) {
    if (m.length !== nRows * nCols) throw new RangeError(`Portfolio: ${name} has ${m.length} values, expected ${nRows}x${nCols}`);
    return m;
  }
  if (m.length !== nCols) throw new RangeError(`Portfolio: ${name} has ${m.length} columns, expected ${nCols}`);
  const out = new Uint8Array(nRows * nCols);
  for (let c = 0; c < nCols; c++) {
    const col = m[c];
    if (col.length !== nRows) throw new RangeError(`Portfolio: ${name}[${c}] has ${col.length} rows, expected ${nRows}`);
    for (let r = 0; r < nRows; r++) out[c * nRows + r] = col[r] ? 1 : 0;
  }
  return out;
}

export class Portfolio {
  private statsCache: StatsTable | null = null;

  constructor(
    readonly index: readonly string[],
    readonly columns: readonly string[],
    readonly prices: PriceMatrix,
    readonly sim: SimResult,
    readonly freqDays: number = 1,
  ) {}

  /**
   * Simulate and label.
   * @example
   * const pf = Portfolio.fromSignals({ index: ['2021-01-01', '2021-01-02'], columns: ['A'], close: [[10, 11]],
   *   entries: [[true, false]], exits: [[false, true]], fees: 0.001 });
   * pf.trades()[0][0].pnl
   */
  static fromSignals(input: PortfolioInput): Portfolio {
    const nRows = input.index.length;
    const nCols = input.columns.length;
    const prices: PriceMatrix = {
      nRows,
      nCols,
      close: toColumnMajor('close', input.close, nRows, nCols),
      open: input.open ? toColumnMajor('open', input.open, nRows, nCols) : null,
      high: input.high ? toColumnMajor('high', input.high, nRows, nCols) : null,
      low: input.low ? toColumnMajor('low', input.low, nRows, nCols) : null,
    };
    const entries = toSignals('entries', input.entries, nRows, nCols);
    const exits = toSignals('exits', input.exits, nRows, nCols);
    const { index, columns, close, open, high, low, entries: _e, exits: _x, freqDays, ...options } = input;
    return new Portfolio(index, columns, prices, fromSignals(prices, entries, exits, options), freqDays ?? 1);
  }

  /** Order rows per column, in fill order. */
  orders(): OrderRow[][] {
    const o = this.sim.orders;
    return this.columns.map((_, c) => {
      const rows: OrderRow[] = [];
      for (let k = o.colStart[c]; k < o.colStart[c + 1]; k++) {
        rows.push({ idx: o.idx[k], size: o.size[k], price: o.price[k], fees: o.fees[k], side: SIDE_LABELS[o.side[k]] });
      }
      return rows;
    });
  }

  /** Exit-trade rows per column (an open trade last), each with its exit reason. */
  trades(): TradeRow[][] {
    const t = this.sim.trades;
    return this.columns.map((_, c) => {
      const rows: TradeRow[] = [];
      for (let k = t.colStart[c]; k < t.colStart[c + 1]; k++) {
        rows.push({
          entry_idx: t.entryIdx[k], entry_price: t.entryPrice[k], entry_fees: t.entryFees[k],
          exit_idx: t.exitIdx[k], exit_price: t.exitPrice[k], exit_fees: t.exitFees[k],
          size: t.size[k], pnl: t.pnl[k], return: t.ret[k],
          status: TRADE_STATUS_LABELS[t.status[k]], exit_reason: EXIT_REASON_LABELS[t.exitReason[k]],
        });
      }
      return rows;
    });
  }

  /** Value per column (views into the simulation's matrix). */
  value(): Float64Array[] {
    const n = this.sim.nRows;
    return this.columns.map((_, c) => this.sim.value.subarray(c * n, (c + 1) * n));
  }

  statsTable(): StatsTable {
    this.statsCache ??= computeStats(this.prices, this.sim, { freqDays: this.freqDays });
    return this.statsCache;
  }

  private label(get: (m: number) => number): StatsRow {
    const row = {} as StatsRow;
    STAT_NAMES.forEach((name, m) => {
      const v = get(m);
      row[name] = STAT_KINDS[name] === 'date' ? (v === v ? this.index[v] : NaN) : v;
    });
    return row;
  }

  /** `pf[col].stats()` per column: Start/End as dates, durations in days, NaN where vectorbt has NaN/NaT. */
  stats(): StatsRow[] {
    const t = this.statsTable();
    return this.columns.map((_, c) => this.label((m) => t.values[m * t.nCols + c]));
  }

  /** `pf.stats()` over all columns (pandas mean, see `statsMean`). */
  statsMean(): StatsRow {
    const mean = statsMean(this.statsTable());
    return this.label((m) => mean[m]);
  }

  /**
   * The vecbt-expected/1 document (raw numbers; encode with `encodeJson` from src/io): exactly the schema's keys, so
   * a strict key-set comparison with vectorbt's file passes; `{ extras: true }` keeps each trade's `exit_reason`.
   */
  toExpected(options: ExpectedOptions = {}): ExpectedDoc {
    const trades: ExpectedTradeRow[][] = options.extras
      ? this.trades()
      : this.trades().map((col) => col.map(({ exit_reason: _reason, ...vectorbtKeys }) => vectorbtKeys));
    return {
      schema: EXPECTED_SCHEMA,
      vectorbt_version: VECTORBT_VERSION,
      orders: this.orders(),
      trades,
      value: this.value(),
      stats: this.stats(),
      stats_mean: this.statsMean(),
    };
  }
}
