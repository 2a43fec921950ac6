import { beforeAll, describe, expect, it } from 'vitest';
import { readOhlcvCsv } from '../../src/data/csv';
import { pivotOhlcv, type PivotedOhlcv } from '../../src/data/pivot';
import { statIndex, statsMean } from '../../src/portfolio/metrics';
import { runStrategy } from '../../src/strategy';
import { gridSurface, runGrid } from '../../src/sweep';

let u: PivotedOhlcv;
beforeAll(async () => {
  u = pivotOhlcv(await readOhlcvCsv('data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv'));
});

/** Column `col` of a stats table as an array of its M values. */
const column = (t: { names: readonly string[]; nCols: number; values: Float64Array }, col: number) =>
  t.names.map((_, m) => t.values[m * t.nCols + col]);

describe('runGrid', () => {
  it('runGrid(u01, 2 x 2 x 2) orders combos rvolMin, atrPctMin, holdBars (last fastest)', () => {
    const g = runGrid(u.data, { rvolMin: [1.5, 2], atrPctMin: [6, 8], holdBars: [5, 7] });
    expect(g.combos).toEqual([
      { rvolMin: 1.5, atrPctMin: 6, holdBars: 5 }, { rvolMin: 1.5, atrPctMin: 6, holdBars: 7 },
      { rvolMin: 1.5, atrPctMin: 8, holdBars: 5 }, { rvolMin: 1.5, atrPctMin: 8, holdBars: 7 },
      { rvolMin: 2, atrPctMin: 6, holdBars: 5 }, { rvolMin: 2, atrPctMin: 6, holdBars: 7 },
      { rvolMin: 2, atrPctMin: 8, holdBars: 5 }, { rvolMin: 2, atrPctMin: 8, holdBars: 7 },
    ]);
    expect(g.nTickers).toBe(30);
    expect(g.stats.nCols).toBe(240);
    expect(g.mean.nCols).toBe(8);
  });

  for (const exitMode of ['shifted-signal', 'bars-after-fill'] as const) {
    it(`runGrid(u01, axes, { exitMode: '${exitMode}' }) gives every combo exactly runStrategy's stats and statsMean`, () => {
      const g = runGrid(u.data, { rvolMin: [1.5, 2], atrPctMin: [6, 8], holdBars: [5, 7] }, { exitMode });
      g.combos.forEach((combo, k) => {
        const r = runStrategy(u.data, { ...combo, exitMode });
        for (let t = 0; t < g.nTickers; t++) {
          expect(column(g.stats, k * g.nTickers + t), `combo ${k} ticker ${t}`).toEqual(column(r.stats, t));
        }
        expect(column(g.mean, k), `mean of combo ${k}`).toEqual(Array.from(statsMean(r.stats)));
      });
    });
  }

  it('runGrid with no axes is the base strategy alone', () => {
    const g = runGrid(u.data, {});
    expect(g.combos).toEqual([{ rvolMin: 2, atrPctMin: 8, holdBars: 7 }]);
    expect(column(g.mean, 0)).toEqual(Array.from(statsMean(runStrategy(u.data).stats)));
  });

  it('runGrid rejects an invalid axis value', () => {
    expect(() => runGrid(u.data, { holdBars: [0] })).toThrow('runGrid axes: holdBars must be an integer >= 1, got 0');
  });
});

describe('gridSurface', () => {
  it("gridSurface(g, 'Total Return [%]', 'rvolMin', 'atrPctMin', { holdBars: 7 }) lays the means out rows x cols", () => {
    const g = runGrid(u.data, { rvolMin: [2, 1.5], atrPctMin: [8, 6], holdBars: [5, 7] });
    const s = gridSurface(g, 'Total Return [%]', 'rvolMin', 'atrPctMin', { holdBars: 7 });
    expect(s.x, 'sorted ascending').toEqual([6, 8]);
    expect(s.y).toEqual([1.5, 2]);
    const m = statIndex('Total Return [%]');
    const at = (rvolMin: number, atrPctMin: number) =>
      g.mean.values[m * g.mean.nCols + g.combos.findIndex((c) => c.rvolMin === rvolMin && c.atrPctMin === atrPctMin && c.holdBars === 7)];
    expect(s.z.map((r) => Array.from(r))).toEqual([[at(1.5, 6), at(1.5, 8)], [at(2, 6), at(2, 8)]]);
  });
});
