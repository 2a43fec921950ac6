import { describe, expect, it } from 'vitest';
import {
  buyAndHold,
  drawdownFigure,
  equityFigure,
  heatmapFigure,
  histogramFigure,
  indicatorPanelsFigure,
  priceSignalsFigure,
  scatterFigure,
  stackDomains,
  toPlotArray,
  underwater,
} from '../../src/plot/index';

const dates = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];

describe('toPlotArray', () => {
  it('toPlotArray(Float64Array) turns NaN and Infinity into null', () => {
    expect(toPlotArray(new Float64Array([1, NaN, Infinity, -2]))).toEqual([1, null, null, -2]);
  });
  it('toPlotArray([]) is []', () => {
    expect(toPlotArray([])).toEqual([]);
  });
});

describe('stackDomains', () => {
  it('stackDomains([1]) fills the whole height', () => {
    expect(stackDomains([1])).toEqual([[0, 1]]);
  });
  it('stackDomains([2, 1, 1], 0.04) splits 0.92 by weight, top first, gaps of 0.04', () => {
    expect(stackDomains([2, 1, 1], 0.04)).toEqual([[0.54, 1], [0.27, 0.5], [0, 0.23]]);
  });
  it('stackDomains([]) is []', () => {
    expect(stackDomains([])).toEqual([]);
  });
});

describe('buyAndHold', () => {
  it('buyAndHold(close, 100) starts at the first valid close and keeps NaN gaps', () => {
    expect(Array.from(buyAndHold(new Float64Array([NaN, 10, 12, NaN, 5]), 100))).toEqual([NaN, 100, 120, NaN, 50]);
  });
  it('buyAndHold(all NaN) is all NaN', () => {
    expect(Array.from(buyAndHold([NaN, NaN], 100))).toEqual([NaN, NaN]);
  });
});

describe('underwater', () => {
  it('underwater(value) is value / running peak - 1', () => {
    expect(Array.from(underwater(new Float64Array([100, 120, 90, 130, 65])))).toEqual([0, 0, -0.25, 0, -0.5]);
  });
  it('underwater keeps NaN and NaN does not move the peak', () => {
    expect(Array.from(underwater([NaN, 100, NaN, 50]))).toEqual([NaN, 0, NaN, -0.5]);
  });
  it('underwater([]) is empty', () => {
    expect(underwater([]).length).toBe(0);
  });
});

describe('priceSignalsFigure', () => {
  const close = new Float64Array([10, 11, NaN, 12, 13]);
  const entries = new Uint8Array([0, 1, 0, 0, 0]);
  const exits = new Uint8Array([0, 0, 0, 1, 0]);

  it('priceSignalsFigure({x, close, entries, exits}) draws close, entry and exit markers at the signal closes', () => {
    const fig = priceSignalsFigure({ x: dates, close, entries, exits, title: 'T' });
    expect(fig.data.map((t) => t.name)).toEqual(['Close', 'Entry signal', 'Exit signal']);
    expect(fig.data[0].y, 'NaN close is a gap').toEqual([10, 11, null, 12, 13]);
    expect(fig.data[1]).toMatchObject({ mode: 'markers', x: ['2024-01-02'], y: [11], marker: { symbol: 'triangle-up' } });
    expect(fig.data[2]).toMatchObject({ mode: 'markers', x: ['2024-01-04'], y: [12], marker: { symbol: 'triangle-down' } });
    expect(fig.layout.title).toEqual({ text: 'T' });
    expect(fig.layout.xaxis).toEqual({ anchor: 'y', type: 'date' });
    expect(fig.layout.yaxis).toMatchObject({ domain: [0, 1] });
    expect(fig.layout.shapes).toEqual([]);
  });

  it('priceSignalsFigure with panels puts each indicator on its own y axis with a dashed threshold line', () => {
    const fig = priceSignalsFigure({
      x: dates,
      close,
      panels: [
        { name: 'RVOL', values: new Float64Array([NaN, 1, 3, 1, 2]), threshold: 2 },
        { name: 'ATR %', values: new Float64Array([NaN, 5, 9, 7, 8]), threshold: 8 },
      ],
    });
    expect(fig.data.map((t) => [t.name, t.yaxis])).toEqual([['Close', 'y'], ['RVOL', 'y2'], ['ATR %', 'y3']]);
    expect(fig.data[1].y).toEqual([null, 1, 3, 1, 2]);
    expect(fig.layout.xaxis, 'the shared x axis sits under the bottom panel').toEqual({ anchor: 'y3', type: 'date' });
    expect(fig.layout.yaxis).toMatchObject({ domain: [0.54, 1] });
    expect(fig.layout.yaxis2).toEqual({ domain: [0.27, 0.5], title: { text: 'RVOL' } });
    expect(fig.layout.yaxis3).toEqual({ domain: [0, 0.23], title: { text: 'ATR %' } });
    expect(fig.layout.shapes).toEqual([
      { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y2', y0: 2, y1: 2, line: { color: '#d62728', width: 1, dash: 'dash' } },
      { type: 'line', xref: 'paper', x0: 0, x1: 1, yref: 'y3', y0: 8, y1: 8, line: { color: '#d62728', width: 1, dash: 'dash' } },
    ]);
  });

  it('priceSignalsFigure({trades, col}) marks only that column\'s fills and skips open trades\' exits', () => {
    const fig = priceSignalsFigure({
      x: dates,
      close,
      col: 1,
      trades: {
        col: new Int32Array([0, 1, 1]),
        entryIdx: new Int32Array([0, 1, 3]),
        exitIdx: new Int32Array([2, 3, -1]),
        entryPrice: new Float64Array([10, 11.5, 12.5]),
        exitPrice: new Float64Array([9, 12.1, NaN]),
      },
    });
    expect(fig.data.map((t) => t.name)).toEqual(['Close', 'Entry fill', 'Exit fill']);
    expect(fig.data[1]).toMatchObject({ x: ['2024-01-02', '2024-01-04'], y: [11.5, 12.5] });
    expect(fig.data[2]).toMatchObject({ x: ['2024-01-04'], y: [12.1] });
  });

  it('priceSignalsFigure with numeric x uses a linear axis', () => {
    const fig = priceSignalsFigure({ x: [0, 1, 2], close: [1, 2, 3] });
    expect(fig.layout.xaxis).toEqual({ anchor: 'y', type: 'linear' });
  });
});

describe('indicatorPanelsFigure', () => {
  it('indicatorPanelsFigure(x, [rvol, atr%]) stacks two panels on y and y2 with thresholds', () => {
    const fig = indicatorPanelsFigure(dates, [
      { name: 'RVOL', values: [1, 2, 3, 4, 5], threshold: 2 },
      { name: 'ATR %', values: [5, 6, 7, 8, 9] },
    ]);
    expect(fig.data.map((t) => [t.name, t.yaxis])).toEqual([['RVOL', 'y'], ['ATR %', 'y2']]);
    expect(fig.layout.yaxis).toEqual({ domain: [0.54, 1], title: { text: 'RVOL' } });
    expect(fig.layout.yaxis2).toEqual({ domain: [0, 0.46], title: { text: 'ATR %' } });
    expect(fig.layout.xaxis).toEqual({ anchor: 'y2', type: 'date' });
    expect(fig.layout.shapes, 'only panels with a threshold get a line').toHaveLength(1);
    expect(fig.layout.shapes?.[0]).toMatchObject({ yref: 'y', y0: 2, y1: 2 });
  });
});

describe('equityFigure', () => {
  it('equityFigure(x, [strategy, buy & hold]) draws one line per series, the first thicker', () => {
    const fig = equityFigure(dates, [
      { name: 'Strategy', values: new Float64Array([100, 101, 102, NaN, 104]) },
      { name: 'Buy & hold', values: buyAndHold([10, 11, 12, 13, 14], 100) },
    ]);
    expect(fig.data).toEqual([
      { type: 'scatter', mode: 'lines', name: 'Strategy', x: dates, y: [100, 101, 102, null, 104], line: { width: 2 } },
      { type: 'scatter', mode: 'lines', name: 'Buy & hold', x: dates, y: [100, 110, 120, 130, 140], line: { width: 1.2 } },
    ]);
    expect(fig.layout.title).toEqual({ text: 'Equity' });
    expect(fig.layout.yaxis).toEqual({ title: { text: 'Value' } });
  });
});

describe('drawdownFigure', () => {
  it('drawdownFigure(x, [value]) plots the underwater curve in percent, filled to zero', () => {
    const fig = drawdownFigure([0, 1, 2, 3], [{ name: 'Strategy', values: [100, 120, 90, 130] }]);
    expect(fig.data).toEqual([
      { type: 'scatter', mode: 'lines', name: 'Strategy', x: [0, 1, 2, 3], y: [0, 0, -25, 0], fill: 'tozeroy', line: { width: 1 } },
    ]);
    expect(fig.layout.yaxis).toMatchObject({ title: { text: 'Drawdown [%]' }, ticksuffix: '%' });
  });
});

describe('histogramFigure', () => {
  it('histogramFigure drops NaN samples and marks zero when samples straddle it', () => {
    const fig = histogramFigure([{ name: 'Total return [%]', values: [-5, NaN, 3, 10] }], { nbins: 10 });
    expect(fig.data).toEqual([{ type: 'histogram', name: 'Total return [%]', x: [-5, 3, 10], opacity: 0.85, nbinsx: 10 }]);
    expect(fig.layout.shapes).toEqual([
      { type: 'line', xref: 'x', x0: 0, x1: 0, yref: 'paper', y0: 0, y1: 1, line: { color: '#444', width: 1, dash: 'dash' } },
    ]);
    expect(fig.layout.showlegend).toBe(false);
  });
  it('histogramFigure with all-positive samples draws no zero line; two series overlay with a legend', () => {
    const fig = histogramFigure([{ name: 'a', values: [1, 2] }, { name: 'b', values: [3] }]);
    expect(fig.layout.shapes).toEqual([]);
    expect(fig.layout.barmode).toBe('overlay');
    expect(fig.layout.showlegend).toBe(true);
    expect(fig.data.map((t) => t.opacity)).toEqual([0.6, 0.6]);
  });
});

describe('scatterFigure', () => {
  it('scatterFigure({x: winRate, y: totalReturn, labels}) drops points with a NaN coordinate and keeps labels aligned', () => {
    const fig = scatterFigure({ x: [50, NaN, 70], y: [1, 2, -3], labels: ['A', 'B', 'C'], xTitle: 'Win rate [%]', yTitle: 'Total return [%]' });
    expect(fig.data[0]).toMatchObject({ type: 'scatter', mode: 'markers', x: [50, 70], y: [1, -3], text: ['A', 'C'] });
    expect(fig.layout.title).toEqual({ text: 'Total return [%] vs Win rate [%]' });
    expect(fig.layout.xaxis).toEqual({ title: { text: 'Win rate [%]' } });
  });
});

describe('heatmapFigure', () => {
  it('heatmapFigure(grid) maps z rows to y labels, NaN cells to null, labels to category strings', () => {
    const fig = heatmapFigure({
      x: [6, 8],
      y: [1.5, 2, 3],
      z: [new Float64Array([1, 2]), new Float64Array([NaN, -1]), new Float64Array([0.5, 0])],
      xTitle: 'atrPctMin',
      yTitle: 'rvolMin',
      zTitle: 'Mean total return [%]',
      decimals: 1,
    });
    expect(fig.data[0]).toMatchObject({
      type: 'heatmap',
      x: ['6', '8'],
      y: ['1.5', '2', '3'],
      z: [[1, 2], [null, -1], [0.5, 0]],
      zmid: 0,
      texttemplate: '%{z:.1f}',
    });
    expect(fig.layout.xaxis).toEqual({ title: { text: 'atrPctMin' }, type: 'category' });
    expect(fig.layout.title).toEqual({ text: 'Mean total return [%]' });
  });
});

describe('priceSignalsFigure rows', () => {
  it('priceSignalsFigure({ rows: [1, 4] }) keeps rows 1..3, re-bases fills and drops trades outside', () => {
    const fig = priceSignalsFigure({
      x: dates,
      close: [10, 11, 12, 13, 14],
      entries: [1, 0, 1, 0, 0],
      exits: [0, 0, 0, 1, 1],
      rows: [1, 4],
      trades: { entryIdx: [0, 2, 4], exitIdx: [1, 4, -1], entryPrice: [10, 12, 14], exitPrice: [11, 14, NaN] },
      panels: [{ name: 'RVOL', values: [1, 2, 3, 4, 5] }],
    });
    expect(fig.data[0].x).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    expect(fig.data[0].y).toEqual([11, 12, 13]);
    expect(fig.data.find((t) => t.name === 'Entry signal')).toMatchObject({ x: ['2024-01-03'], y: [12] });
    expect(fig.data.find((t) => t.name === 'Exit signal')).toMatchObject({ x: ['2024-01-04'], y: [13] });
    expect(fig.data.find((t) => t.name === 'Entry fill'), 'the trade entered before the window has no entry mark').toMatchObject({ x: ['2024-01-03'], y: [12] });
    expect(fig.data.find((t) => t.name === 'Exit fill'), 'the exit after the window is dropped').toMatchObject({ x: ['2024-01-02'], y: [11] });
    expect(fig.data.find((t) => t.name === 'RVOL')?.y).toEqual([2, 3, 4]);
  });
});

describe('equityFigure logY', () => {
  it('equityFigure(x, series, { logY: true }) uses a log y axis', () => {
    expect(equityFigure([0], [{ name: 'a', values: [1] }], { logY: true }).layout.yaxis).toEqual({ title: { text: 'Value' }, type: 'log' });
  });
});
