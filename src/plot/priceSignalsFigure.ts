import type { IndicatorPanel } from './IndicatorPanel';
import type { AxisValues, Figure, Trace } from './types';
import { panelTraces } from './panelTraces';
import { stackDomains } from './stackDomains';
import { toAxisArray, toPlotArray } from './toPlotArray';

/** Trade fills to mark on the price: parallel arrays, one element per trade (the engine's trade records). */
export interface TradeMarks {
  entryIdx: ArrayLike<number>;
  exitIdx: ArrayLike<number>;
  entryPrice: ArrayLike<number>;
  exitPrice: ArrayLike<number>;
  /** Column of each trade; with `col` set in the input only that column's trades are drawn. */
  col?: ArrayLike<number>;
  /** Side of each trade (0 = long, 1 = short, the engine's `TradeDirection`); short fills get their own markers. */
  direction?: ArrayLike<number>;
}

export interface PriceSignalsInput {
  /** Bar labels (ISO dates or numbers), one per row. */
  x: AxisValues;
  close: ArrayLike<number>;
  /** Entry signal mask (non-zero = signal), marked at the close of the signal bar. */
  entries?: ArrayLike<number | boolean>;
  /** Exit signal mask, marked at the close of the signal bar. */
  exits?: ArrayLike<number | boolean>;
  /** Short entry signal mask (four-array mode), marked at the close. */
  shortEntries?: ArrayLike<number | boolean>;
  /** Short exit signal mask (four-array mode), marked at the close. */
  shortExits?: ArrayLike<number | boolean>;
  /** Executed trades: entry and exit fills at their fill prices. Open trades (exitIdx < 0) get no exit mark. */
  trades?: TradeMarks;
  /** Which column of `trades` to draw (when trades span several columns). */
  col?: number;
  /** Only rows `start .. end - 1` (e.g. one busy year of a long history); markers and fills outside are dropped. */
  rows?: readonly [number, number];
  /** Indicator panels stacked below the price, each with its threshold line. */
  panels?: readonly IndicatorPanel[];
  title?: string;
}

/**
 * Price line with entry (green triangle-up) and exit (red triangle-down) signal markers, optional trade
 * fills, and optional indicator panels below sharing the x axis. Short signals and the fills of short trades are
 * drawn in their own colours (orange entries, purple exits), so a reversal shows as an exit and a short entry.
 * @example
 * const fig = priceSignalsFigure({ x: dates, close, entries, exits,
 *   panels: [{ name: 'RVOL', values: rvol, threshold: 2 }, { name: 'ATR %', values: atrPct, threshold: 8 }] });
 */
export function priceSignalsFigure(full: PriceSignalsInput): Figure {
  const input = full.rows ? sliceRows(full, full.rows[0], full.rows[1]) : full;
  const xs = toAxisArray(input.x);
  const close = input.close;
  const panels = input.panels ?? [];
  const domains = stackDomains([panels.length > 0 ? 2 : 1, ...panels.map(() => 1)]);
  const data: Trace[] = [
    { type: 'scatter', mode: 'lines', name: 'Close', x: xs, y: toPlotArray(close), xaxis: 'x', yaxis: 'y', line: { color: '#1f77b4', width: 1.2 } },
  ];
  const markers = (mask: ArrayLike<number | boolean>, name: string, symbol: string, color: string): Trace => {
    const mx: (string | number)[] = [];
    const my: (number | null)[] = [];
    for (let i = 0; i < mask.length; i++) {
      if (mask[i]) {
        mx.push(xs[i]);
        my.push(Number.isFinite(close[i]) ? close[i] : null);
      }
    }
    return { type: 'scatter', mode: 'markers', name, x: mx, y: my, xaxis: 'x', yaxis: 'y', marker: { symbol, color, size: 9, line: { width: 1, color: '#333' } } };
  };
  if (input.entries) data.push(markers(input.entries, 'Entry signal', 'triangle-up', '#2ca02c'));
  if (input.exits) data.push(markers(input.exits, 'Exit signal', 'triangle-down', '#d62728'));
  if (input.shortEntries) data.push(markers(input.shortEntries, 'Short entry signal', 'triangle-down', '#ff7f0e'));
  if (input.shortExits) data.push(markers(input.shortExits, 'Short exit signal', 'triangle-up', '#9467bd'));
  if (input.trades) data.push(...fillTraces(input.trades, xs, input.col));

  const { traces, axes, shapes } = panelTraces(input.x, panels, 2, domains.slice(1));
  data.push(...traces);
  const bottomAxis = panels.length === 0 ? 'y' : `y${panels.length + 1}`;
  return {
    data,
    layout: {
      title: { text: input.title ?? 'Price and signals' },
      xaxis: { anchor: bottomAxis, type: typeof xs[0] === 'string' ? 'date' : 'linear' },
      yaxis: { domain: domains[0], title: { text: 'Price' } },
      ...axes,
      shapes,
      height: 320 + 180 * panels.length,
      legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
      margin: { t: 70, r: 20, b: 40, l: 60 },
      hovermode: 'x',
    },
  };
}

function fillTraces(trades: TradeMarks, xs: (string | number)[], col: number | undefined): Trace[] {
  // [long entries, long exits, short entries, short exits]: x and y of each.
  const fx: (string | number)[][] = [[], [], [], []];
  const fy: number[][] = [[], [], [], []];
  for (let t = 0; t < trades.entryIdx.length; t++) {
    if (col !== undefined && trades.col && trades.col[t] !== col) continue;
    const side = trades.direction !== undefined && trades.direction[t] === 1 ? 2 : 0;
    const ei = trades.entryIdx[t];
    if (ei >= 0 && ei < xs.length) {
      fx[side].push(xs[ei]);
      fy[side].push(trades.entryPrice[t]);
    }
    const xi = trades.exitIdx[t];
    if (xi >= 0 && xi < xs.length && Number.isFinite(trades.exitPrice[t])) {
      fx[side + 1].push(xs[xi]);
      fy[side + 1].push(trades.exitPrice[t]);
    }
  }
  const trace = (k: number, name: string, symbol: string, color: string, size: number): Trace => ({
    type: 'scatter', mode: 'markers', name, x: fx[k], y: fy[k], xaxis: 'x', yaxis: 'y', marker: { symbol, color, size, line: { width: 2 } },
  });
  const out = [trace(0, 'Entry fill', 'circle-open', '#2ca02c', 11), trace(1, 'Exit fill', 'x-thin-open', '#d62728', 10)];
  if (fx[2].length + fx[3].length > 0) out.push(trace(2, 'Short entry fill', 'diamond-open', '#ff7f0e', 11), trace(3, 'Short exit fill', 'x-thin-open', '#9467bd', 10));
  return out;
}

/** The input restricted to rows lo .. hi - 1 (clamped); trade indices are re-based and trades outside dropped. */
function sliceRows(input: PriceSignalsInput, start: number, end: number): PriceSignalsInput {
  const lo = Math.max(0, Math.min(start, input.close.length));
  const hi = Math.max(lo, Math.min(end, input.close.length));
  const cut = <T>(a: ArrayLike<T>): T[] => Array.prototype.slice.call(a, lo, hi) as T[];
  let trades: TradeMarks | undefined;
  if (input.trades) {
    const t = input.trades;
    const keep: number[] = [];
    for (let k = 0; k < t.entryIdx.length; k++) {
      const inside = (i: number) => i >= lo && i < hi;
      if (inside(t.entryIdx[k]) || inside(t.exitIdx[k])) keep.push(k);
    }
    const rebase = (i: number) => (i >= lo && i < hi ? i - lo : -1);
    trades = {
      entryIdx: keep.map((k) => rebase(t.entryIdx[k])),
      exitIdx: keep.map((k) => rebase(t.exitIdx[k])),
      entryPrice: keep.map((k) => t.entryPrice[k]),
      exitPrice: keep.map((k) => t.exitPrice[k]),
      col: t.col ? keep.map((k) => t.col![k]) : undefined,
      direction: t.direction ? keep.map((k) => t.direction![k]) : undefined,
    };
  }
  return {
    ...input,
    x: cut(input.x),
    close: cut(input.close),
    entries: input.entries && cut(input.entries),
    exits: input.exits && cut(input.exits),
    shortEntries: input.shortEntries && cut(input.shortEntries),
    shortExits: input.shortExits && cut(input.shortExits),
    trades,
    panels: input.panels?.map((p) => ({ ...p, values: cut(p.values) })),
    rows: undefined,
  };
}
