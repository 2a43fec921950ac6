import { beforeAll, describe, expect, it } from 'vitest';
import { readOhlcvCsv } from '../../src/data/csv';
import { pivotOhlcv, type PivotedOhlcv } from '../../src/data/pivot';
import { strategies } from '../../src/strategies';
import { resolveSettings, runStrategy } from '../../src/strategy';
import { evaluateCombos, truncateRows, type ComboOutcome } from '../../src/sweep/evaluateCombos';
import { equalWeightSums } from '../../src/portfolio/equalWeightReturns';

let u: PivotedOhlcv;
beforeAll(async () => {
  u = pivotOhlcv(await readOhlcvCsv('data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv'));
});

const s = strategies.rvol_atr as never;
const combos = [{ rvol_min: 1.5, sl_stop: NaN }, { rvol_min: 2 }, { rvol_min: 2.5, sl_trail: true }, { hold_bars: 5, exit_mode: 'bars-after-fill' }];
const resolved = () => combos.map((c) => resolveSettings(s, c) as never);

describe('evaluateCombos', () => {
  it('evaluateCombos gives every combination exactly runStrategy stats, in blocks of any size', () => {
    for (const maxBlockCells of [1, 300 * 30 * 2, 4_000_000]) {
      const got: ComboOutcome[] = [];
      evaluateCombos(u.data, s, resolved(), (o) => got.push(o), { maxBlockCells });
      expect(got.map((o) => o.combo).sort()).toEqual([0, 1, 2, 3]);
      for (const o of got) {
        const r = runStrategy(u.data, s, combos[o.combo]);
        expect(Array.from(o.stats.values), `combo ${o.combo}, blocks of ${maxBlockCells} cells`).toEqual(Array.from(r.stats.values));
        const ew = equalWeightSums(r.sim.value, u.data.nRows, u.data.nCols, 100);
        expect([Array.from(o.ew.sum), Array.from(o.ew.n)]).toEqual([Array.from(ew.sum), Array.from(ew.n)]);
      }
    }
  });

  it('evaluateCombos(keepSim) hands a single combination its simulation and the strategy extras', () => {
    const got: ComboOutcome[] = [];
    evaluateCombos(u.data, s, resolved().slice(1, 2), (o) => got.push(o), { keepSim: true });
    const r = runStrategy(u.data, s, combos[1]);
    expect(Array.from(got[0].sim!.trades.pnl)).toEqual(Array.from(r.sim.trades.pnl));
    expect(Array.from(got[0].extras!.stale_exits)).toEqual(Array.from(r.extras.stale_exits));
  });

  it("a window's outcome is runStrategy on the window's rows with the indicators of the data up to its end", () => {
    const window = { windowNo: 1, phase: 'test' as const, from: 120, to: 200 };
    const got: ComboOutcome[] = [];
    evaluateCombos(u.data, s, resolved().slice(0, 1), (o) => got.push(o), { windows: [window] });
    // The reference: indicators and signals on rows 0..199, then the simulation of rows 120..199 alone.
    const prefix = truncateRows(u.data, 200);
    const full = runStrategy(prefix, s, combos[0]);
    const sliced = truncateRows(prefix, 200); // same rows; now cut the first 120 off every column
    const m = 80;
    const cut = (a: Float64Array) => {
      const out = new Float64Array(m * prefix.nCols);
      for (let c = 0; c < prefix.nCols; c++) out.set(a.subarray(c * 200 + 120, c * 200 + 200), c * m);
      return out;
    };
    const cutU8 = (a: Uint8Array) => {
      const out = new Uint8Array(m * prefix.nCols);
      for (let c = 0; c < prefix.nCols; c++) out.set(a.subarray(c * 200 + 120, c * 200 + 200), c * m);
      return out;
    };
    const signalsOnly = { ...strategies.rvol_atr, name: 'fixed', indicators: () => ({}), signals: () => ({ entries: cutU8(full.signals.entries), exits: cutU8(full.signals.exits) }) };
    const ref = runStrategy({ nRows: m, nCols: prefix.nCols, open: cut(sliced.open), high: cut(sliced.high), low: cut(sliced.low), close: cut(sliced.close), volume: cut(sliced.volume) }, signalsOnly as never, combos[0]);
    expect(Array.from(got[0].stats.values)).toEqual(Array.from(ref.stats.values));
  });

  it('truncateRows(data, to) keeps rows 0..to-1 of every column', () => {
    const t = truncateRows({ nRows: 3, nCols: 2, open: Float64Array.of(1, 2, 3, 4, 5, 6), high: new Float64Array(6), low: new Float64Array(6), close: Float64Array.of(1, 2, 3, 4, 5, 6), volume: new Float64Array(6) }, 2);
    expect([t.nRows, Array.from(t.close)]).toEqual([2, [1, 2, 4, 5]]);
  });
});
