/**
 * Portfolio: a thin labelled wrapper around `fromSignals` + `computeStats`. It holds the date index and the
 * column names and turns the typed-array results into per-column (or per-group) objects in the vecbt-expected/1
 * shapes. Every method is a call to a free function plus labelling; the numbers come from the kernels.
 *
 * An ungrouped portfolio has per-column value, cash, free cash, assets and stats; a grouped one (`groupBy`) has
 * per-group value, cash, free cash and stats, per-column assets, and, with cash sharing, no per-column value or
 * cash (a column of a cash-sharing group has no cash of its own, as in vectorbt's expected files).
 */
import { EXIT_REASON_LABELS, SIDE_LABELS, TRADE_DIRECTION_LABELS, TRADE_STATUS_LABELS } from './enums';
import { fromSignals, type PriceMatrix, type SimOptions, type SimResult } from './fromSignals';
import { computeStats, STAT_KINDS, STAT_NAMES, statsMean, type StatName, type StatsTable } from './metrics';
import { columnAssets, unitScratch, unitSeries } from './unitSeries';

/** Reference semantics the results reproduce. */
export const VECTORBT_VERSION = '0.28.3';
export const EXPECTED_SCHEMA = 'vecbt-expected/1';

/** A matrix given either column-major flat (`a[col*nRows+row]`) or as one array per column. */
export type MatrixInput = Float64Array | ArrayLike<number | null>[];
export type SignalInput = Uint8Array | ArrayLike<boolean | number>[];

export interface PortfolioInput extends Omit<SimOptions, 'shortEntries' | 'shortExits'> {
  index: readonly string[];
  columns: readonly string[];
  close: MatrixInput;
  open?: MatrixInput | null;
  high?: MatrixInput | null;
  low?: MatrixInput | null;
  entries: SignalInput;
  exits: SignalInput;
  /** Short entries and exits: vectorbt's four-array mode (entries/exits are then the long side). */
  shortEntries?: SignalInput | null;
  shortExits?: SignalInput | null;
  /** Bar length in days (default 1). */
  freqDays?: number;
}

export interface OrderRow { idx: number; size: number; price: number; fees: number; side: 'buy' | 'sell' }
export interface TradeRow {
  entry_idx: number; entry_price: number; entry_fees: number; exit_idx: number; exit_price: number; exit_fees: number;
  size: number; pnl: number; return: number; status: 'open' | 'closed';
  /** The side of the trade's position. */
  direction: 'long' | 'short';
  /** The position id (vectorbt parent_id): shared by the trades of one position closed in several orders. */
  parent_id: number;
  exit_reason: (typeof EXIT_REASON_LABELS)[number];
}
export type StatsRow = Record<StatName, number | string>;
/**
 * A trade of a vecbt-expected/1 document: exactly vectorbt's keys (`direction`, `parent_id` only in part-2
 * documents), plus `exit_reason` only with `extras`.
 */
export type ExpectedTradeRow = Omit<TradeRow, 'exit_reason' | 'direction' | 'parent_id'> & Partial<Pick<TradeRow, 'exit_reason' | 'direction' | 'parent_id'>>;

export interface ExpectedOptions {
  /** Add our non-vectorbt fields (each trade's `exit_reason`); off by default so the key sets match the schema. */
  extras?: boolean;
  /**
   * The document of a part-2 case (golden README "Part 2"): trades with `direction` and `parent_id`, and per column
   * `cash`, `free_cash` and `assets`. Off by default: a long-only (part 1) document has neither.
   */
  part2?: boolean;
}

/** The vecbt-expected/1 document of an ungrouped portfolio (part 1, or part 2's `d` cases with `part2`). */
export interface ExpectedDoc {
  schema: string;
  vectorbt_version: string;
  orders: OrderRow[][];
  trades: ExpectedTradeRow[][];
  value: Float64Array[];
  cash?: Float64Array[];
  free_cash?: Float64Array[];
  assets?: Float64Array[];
  stats: StatsRow[];
  stats_mean: StatsRow;
}

/** A group as the expected documents list it: vectorbt's label ("group" for group_by=True) and its columns. */
export interface GroupRow { label: 'group' | number; columns: number[] }

/** The vecbt-expected/1 document of a grouped portfolio (part 2's `p` cases). */
export interface GroupedExpectedDoc {
  schema: string;
  vectorbt_version: string;
  orders: OrderRow[][];
  trades: ExpectedTradeRow[][];
  assets: Float64Array[];
  groups: GroupRow[];
  /** Row-major, [R][C] (vectorbt `pf.call_seq`). */
  call_seq?: Int32Array[];
  group_value: Float64Array[];
  group_cash: Float64Array[];
  group_free_cash: Float64Array[];
  group_stats: StatsRow[];
  /** Only with more than one group (with one it equals group_stats[0]). */
  stats_mean?: StatsRow;
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
   * // two columns trading from one account, sells first on a shared bar:
   * Portfolio.fromSignals({ ...input, groupBy: true, cashSharing: true, callSeq: 'auto', sizeType: 'percent', size: 0.1 }).groupStats()
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
    const { index, columns, close, open, high, low, entries: _e, exits: _x, shortEntries, shortExits, freqDays, ...rest } = input;
    const options: SimOptions = { ...rest };
    if (shortEntries) options.shortEntries = toSignals('shortEntries', shortEntries, nRows, nCols);
    if (shortExits) options.shortExits = toSignals('shortExits', shortExits, nRows, nCols);
    return new Portfolio(index, columns, prices, fromSignals(prices, entries, exits, options), freqDays ?? 1);
  }

  /** Whether the portfolio is grouped (then stats are per group). */
  get grouped(): boolean {
    return this.sim.groups !== undefined;
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

  /** Exit-trade rows per column (an open trade last), each with its direction, position id and exit reason. */
  trades(): TradeRow[][] {
    const t = this.sim.trades;
    return this.columns.map((_, c) => {
      const rows: TradeRow[] = [];
      for (let k = t.colStart[c]; k < t.colStart[c + 1]; k++) {
        rows.push({
          entry_idx: t.entryIdx[k], entry_price: t.entryPrice[k], entry_fees: t.entryFees[k],
          exit_idx: t.exitIdx[k], exit_price: t.exitPrice[k], exit_fees: t.exitFees[k],
          size: t.size[k], pnl: t.pnl[k], return: t.ret[k],
          status: TRADE_STATUS_LABELS[t.status[k]], direction: TRADE_DIRECTION_LABELS[t.direction[k]], parent_id: t.parentId[k],
          exit_reason: EXIT_REASON_LABELS[t.exitReason[k]],
        });
      }
      return rows;
    });
  }

  private requireOwnCash(what: string): void {
    if (this.sim.groups?.cashSharing) throw new RangeError(`Portfolio.${what}(): the columns share their group's cash, so they have no ${what} of their own; use group${what[0].toUpperCase()}${what.slice(1)}()`);
  }

  /** Value per column (views into the simulation's matrix). Not defined with cash sharing (see groupValue). */
  value(): Float64Array[] {
    this.requireOwnCash('value');
    const n = this.sim.nRows;
    return this.columns.map((_, c) => this.sim.value.subarray(c * n, (c + 1) * n));
  }

  /** Per-column series rebuilt from the orders, as vectorbt's pf.cash() / pf.cash(free=True). */
  private columnCash(free: boolean): Float64Array[] {
    const { nRows, orders, initCash } = this.sim;
    const scratch = unitScratch(nRows);
    return this.columns.map((_, c) => {
      const out = new Float64Array(nRows);
      unitSeries(null, nRows, orders, c, c + 1, initCash[c], { value: null, cash: free ? null : out, freeCash: free ? out : null, assetValue: null, offset: 0 }, scratch);
      return out;
    });
  }

  /** Cash per column and bar (vectorbt pf.cash()): rises with a short sale's proceeds. */
  cash(): Float64Array[] {
    this.requireOwnCash('cash');
    return this.columnCash(false);
  }

  /** Free cash per column and bar (vectorbt pf.cash(free=True)): the cash not tied up by shorts. */
  freeCash(): Float64Array[] {
    this.requireOwnCash('freeCash');
    return this.columnCash(true);
  }

  /** Shares held after each bar per column, negative while short (vectorbt pf.assets()). */
  assets(): Float64Array[] {
    const { nRows, orders } = this.sim;
    return this.columns.map((_, c) => {
      const out = new Float64Array(nRows);
      columnAssets(orders, nRows, c, out, 0);
      return out;
    });
  }

  /** The groups: vectorbt's label ("group" for groupBy true, else the group id) and the column indices. Empty when ungrouped. */
  groups(): GroupRow[] {
    const g = this.sim.groups;
    if (g === undefined) return [];
    return Array.from({ length: g.nGroups }, (_, k) => ({
      label: g.labels === null ? ('group' as const) : g.labels[k],
      columns: Array.from({ length: g.colStart[k + 1] - g.colStart[k] }, (_, j) => g.colStart[k] + j),
    }));
  }

  /** The call sequence, row-major [R][C] like vectorbt's pf.call_seq; null unless simulated with attachCallSeq. */
  callSeq(): Int32Array[] | null {
    const cs = this.sim.callSeq;
    if (cs === undefined) return null;
    const { nRows, nCols } = this.sim;
    return Array.from({ length: nRows }, (_, r) => {
      const row = new Int32Array(nCols);
      for (let c = 0; c < nCols; c++) row[c] = cs[c * nRows + r];
      return row;
    });
  }

  private groupSeries(key: 'value' | 'cash' | 'freeCash'): Float64Array[] {
    const g = this.sim.groups;
    if (g === undefined) throw new RangeError('Portfolio: not grouped; simulate with groupBy for group series');
    const n = this.sim.nRows;
    return Array.from({ length: g.nGroups }, (_, k) => g[key].subarray(k * n, (k + 1) * n));
  }

  /** Value per group and bar (vectorbt pf.value() grouped). */
  groupValue(): Float64Array[] {
    return this.groupSeries('value');
  }

  /** Cash per group and bar (vectorbt pf.cash() grouped). */
  groupCash(): Float64Array[] {
    return this.groupSeries('cash');
  }

  /** Free cash per group and bar (vectorbt pf.cash(free=True) grouped). */
  groupFreeCash(): Float64Array[] {
    return this.groupSeries('freeCash');
  }

  /** The stats table: one column per portfolio column, or per group when grouped. */
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

  /**
   * `pf[col].stats()` per column (`pf.stats(column=group)` per group when grouped): Start/End as dates, durations
   * in days, NaN where vectorbt has NaN/NaT.
   */
  stats(): StatsRow[] {
    const t = this.statsTable();
    return Array.from({ length: t.nCols }, (_, c) => this.label((m) => t.values[m * t.nCols + c]));
  }

  /** `pf.stats(column=group)` per group. */
  groupStats(): StatsRow[] {
    if (!this.grouped) throw new RangeError('Portfolio.groupStats(): not grouped; simulate with groupBy, or use stats()');
    return this.stats();
  }

  /** `pf.stats()`: the pandas mean over the columns (over the groups when grouped), see `statsMean`. */
  statsMean(): StatsRow {
    const mean = statsMean(this.statsTable());
    return this.label((m) => mean[m]);
  }

  private expectedTrades(options: ExpectedOptions, part2: boolean): ExpectedTradeRow[][] {
    return this.trades().map((col) =>
      col.map(({ exit_reason, direction, parent_id, ...keys }) => {
        const row: ExpectedTradeRow = { ...keys };
        if (part2) {
          row.direction = direction;
          row.parent_id = parent_id;
        }
        if (options.extras) row.exit_reason = exit_reason;
        return row;
      }),
    );
  }

  /**
   * The vecbt-expected/1 document of an ungrouped portfolio (raw numbers; encode with `encodeJson` from src/io):
   * exactly the schema's keys, so a strict key-set comparison with vectorbt's file passes; `{ part2: true }` adds
   * part 2's keys (trade direction and parent_id, cash, free_cash, assets), `{ extras: true }` each trade's
   * `exit_reason`.
   */
  toExpected(options: ExpectedOptions = {}): ExpectedDoc {
    if (this.grouped) throw new RangeError('Portfolio.toExpected(): the portfolio is grouped; use toGroupedExpected()');
    const part2 = options.part2 === true;
    return {
      schema: EXPECTED_SCHEMA,
      vectorbt_version: VECTORBT_VERSION,
      orders: this.orders(),
      trades: this.expectedTrades(options, part2),
      value: this.value(),
      ...(part2 ? { cash: this.cash(), free_cash: this.freeCash(), assets: this.assets() } : {}),
      stats: this.stats(),
      stats_mean: this.statsMean(),
    };
  }

  /** The vecbt-expected/1 document of a grouped portfolio (part 2's `p` shape); `{ extras: true }` adds exit reasons. */
  toGroupedExpected(options: ExpectedOptions = {}): GroupedExpectedDoc {
    if (!this.grouped) throw new RangeError('Portfolio.toGroupedExpected(): the portfolio is not grouped; use toExpected()');
    const doc: GroupedExpectedDoc = {
      schema: EXPECTED_SCHEMA,
      vectorbt_version: VECTORBT_VERSION,
      orders: this.orders(),
      trades: this.expectedTrades(options, true),
      assets: this.assets(),
      groups: this.groups(),
      call_seq: this.callSeq() ?? undefined,
      group_value: this.groupValue(),
      group_cash: this.groupCash(),
      group_free_cash: this.groupFreeCash(),
      group_stats: this.groupStats(),
    };
    if (doc.call_seq === undefined) delete doc.call_seq;
    if (this.sim.groups!.nGroups > 1) doc.stats_mean = this.statsMean();
    return doc;
  }
}
