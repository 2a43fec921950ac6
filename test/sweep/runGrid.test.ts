import { beforeAll, describe, expect, it } from 'vitest';
import { readOhlcvCsv } from '../../src/data/csv';
import { pivotOhlcv, type PivotedOhlcv } from '../../src/data/pivot';
import { statIndex, statsMean } from '../../src/portfolio/metrics';
import { runStrategy } from '../../src/strategy';
import { strategies } from '../../src/strategies';

const rvolAtr = strategies.rvol_atr;
import { gridSurface, runGrid } from '../../src/sweep';

let u: PivotedOhlcv;
beforeAll(async () => {
  u = pivotOhlcv(await readOhlcvCsv('data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv'));
});

/** Column `col` of a stats table as an array of its M values. */
const column = (t: { names: readonly string[]; nCols: number; values: Float64Array }, col: number) =>
  t.names.map((_, m) => t.values[m * t.nCols + col]);

describe('runGrid', () => {
  it('runGrid(u01, rvol_atr, 2 x 2 x 2) orders combos by the axes given (the last fastest)', () => {
    const g = runGrid(u.data, rvolAtr, { rvol_min: [1.5, 2], atr_pct_min: [6, 8], hold_bars: [5, 7] });
    expect(g.combos).toEqual([
      { rvol_min: 1.5, atr_pct_min: 6, hold_bars: 5 }, { rvol_min: 1.5, atr_pct_min: 6, hold_bars: 7 },
      { rvol_min: 1.5, atr_pct_min: 8, hold_bars: 5 }, { rvol_min: 1.5, atr_pct_min: 8, hold_bars: 7 },
      { rvol_min: 2, atr_pct_min: 6, hold_bars: 5 }, { rvol_min: 2, atr_pct_min: 6, hold_bars: 7 },
      { rvol_min: 2, atr_pct_min: 8, hold_bars: 5 }, { rvol_min: 2, atr_pct_min: 8, hold_bars: 7 },
    ]);
    expect(g.nTickers).toBe(30);
    expect(g.stats.nCols).toBe(240);
    expect(g.mean.nCols).toBe(8);
    expect(g.indicatorConfigs, 'thresholds and hold bars do not touch the indicators: computed once').toBe(1);
  });

  for (const exit_mode of ['shifted-signal', 'bars-after-fill'] as const) {
    it(`runGrid(u01, rvol_atr, axes, { exit_mode: '${exit_mode}' }) gives every combo exactly runStrategy's stats and statsMean`, () => {
      const g = runGrid(u.data, rvolAtr, { rvol_min: [1.5, 2], atr_pct_min: [6, 8], hold_bars: [5, 7], sl_stop: [0.03, NaN] }, { exit_mode });
      g.combos.forEach((combo, k) => {
        const r = runStrategy(u.data, rvolAtr, { ...combo, exit_mode });
        for (let t = 0; t < g.nTickers; t++) {
          expect(column(g.stats, k * g.nTickers + t), `combo ${k} ticker ${t}`).toEqual(column(r.stats, t));
        }
        expect(column(g.mean, k), `mean of combo ${k}`).toEqual(Array.from(statsMean(r.stats)));
      });
    });
  }

  it('runGrid over indicator windows computes each distinct window once', () => {
    const g = runGrid(u.data, rvolAtr, { rvol_window: [10, 20], rvol_min: [1.5, 2], atr_window: [14] });
    expect(g.indicatorConfigs).toBe(2);
    g.combos.forEach((combo, k) => {
      const r = runStrategy(u.data, rvolAtr, combo);
      expect(column(g.mean, k), `combo ${k}`).toEqual(Array.from(statsMean(r.stats)));
    });
  });

  it('runGrid with no axes is the base strategy alone', () => {
    const g = runGrid(u.data, rvolAtr, {});
    expect(g.combos).toEqual([{}]);
    expect(column(g.mean, 0)).toEqual(Array.from(statsMean(runStrategy(u.data, rvolAtr).stats)));
  });

  it('runGrid rejects an invalid axis value and an unknown axis', () => {
    expect(() => runGrid(u.data, rvolAtr, { hold_bars: [0] })).toThrow('grid axis: hold_bars must be an integer >= 1, got 0');
    expect(() => runGrid(u.data, rvolAtr, { holdBars: [5] })).toThrow('grid axis holdBars: unknown setting for strategy rvol_atr');
  });
});

describe('gridSurface', () => {
  it("gridSurface(g, 'Total Return [%]', 'rvol_min', 'atr_pct_min', { hold_bars: 7 }) lays the means out rows x cols", () => {
    const g = runGrid(u.data, rvolAtr, { rvol_min: [2, 1.5], atr_pct_min: [8, 6], hold_bars: [5, 7] });
    const s = gridSurface(g, 'Total Return [%]', 'rvol_min', 'atr_pct_min', { hold_bars: 7 });
    expect(s.x, 'sorted ascending').toEqual([6, 8]);
    expect(s.y).toEqual([1.5, 2]);
    const m = statIndex('Total Return [%]');
    const at = (rvolMin: number, atrPctMin: number) =>
      g.mean.values[m * g.mean.nCols + g.combos.findIndex((c) => c.rvol_min === rvolMin && c.atr_pct_min === atrPctMin && c.hold_bars === 7)];
    expect(s.z.map((r) => Array.from(r))).toEqual([[at(1.5, 6), at(1.5, 8)], [at(2, 6), at(2, 8)]]);
  });
});
