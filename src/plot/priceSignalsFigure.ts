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
}

export interface PriceSignalsInput {
  /** Bar labels (ISO dates or numbers), one per row. */
  x: AxisValues;
  close: ArrayLike<number>;
  /** Entry signal mask (non-zero = signal), marked at the close of the signal bar. */
  entries?: ArrayLike<number | boolean>;
  /** Exit signal mask, marked at the close of the signal bar. */
  exits?: ArrayLike<number | boolean>;
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
 * fills, and optional indicator panels below sharing the x axis.
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
  const ex: (string | number)[] = [];
  const ey: number[] = [];
  const xx: (string | number)[] = [];
  const xy: number[] = [];
  for (let t = 0; t < trades.entryIdx.length; t++) {
    if (col !== undefined && trades.col && trades.col[t] !== col) continue;
    const ei = trades.entryIdx[t];
    if (ei >= 0 && ei < xs.length) {
      ex.push(xs[ei]);
      ey.push(trades.entryPrice[t]);
    }
    const xi = trades.exitIdx[t];
    if (xi >= 0 && xi < xs.length && Number.isFinite(trades.exitPrice[t])) {
      xx.push(xs[xi]);
      xy.push(trades.exitPrice[t]);
    }
  }
  return [
    { type: 'scatter', mode: 'markers', name: 'Entry fill', x: ex, y: ey, xaxis: 'x', yaxis: 'y', marker: { symbol: 'circle-open', color: '#2ca02c', size: 11, line: { width: 2 } } },
    { type: 'scatter', mode: 'markers', name: 'Exit fill', x: xx, y: xy, xaxis: 'x', yaxis: 'y', marker: { symbol: 'x-thin-open', color: '#d62728', size: 10, line: { width: 2 } } },
  ];
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
    };
  }
  return {
    ...input,
    x: cut(input.x),
    close: cut(input.close),
    entries: input.entries && cut(input.entries),
    exits: input.exits && cut(input.exits),
    trades,
    panels: input.panels?.map((p) => ({ ...p, values: cut(p.values) })),
    rows: undefined,
  };
}
