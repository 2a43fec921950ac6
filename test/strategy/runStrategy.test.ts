import { describe, expect, it } from 'vitest';
import type { OhlcvMatrix } from '../../src/kernels/ohlcvMatrix';
import { ExitReason, TradeStatus } from '../../src/portfolio/enums';
import type { TradeRecords } from '../../src/portfolio/records';
import { runStrategy } from '../../src/strategy/runStrategy';
import { statIndex } from '../../src/portfolio/metrics';

/**
 * One ticker, 40 bars, every bar ~12% wide (ATR% > 8 once the ATR exists), volume 100 with spikes of 1000 at rows
 * 25 and 29 (RVOL > 2): the only entries. Close 100, a stop-out at row 27 (96 <= 97), re-entry at 29 at 95,
 * then a slow climb of 0.5 per bar.
 */
function stalePath(): OhlcvMatrix {
  const n = 40;
  const close = new Float64Array(n).fill(100);
  close[27] = 96;
  close[28] = 95.5;
  for (let t = 29; t < n; t++) close[t] = 95 + (t - 29) * 0.5;
  const volume = new Float64Array(n).fill(100);
  volume[25] = 1000;
  volume[29] = 1000;
  return { nRows: n, nCols: 1, open: close.slice(), high: close.map((c) => c * 1.06), low: close.map((c) => c * 0.94), close, volume };
}

function table(t: TradeRecords) {
  return Array.from({ length: t.length }, (_, i) => ({
    entryIdx: t.entryIdx[i], entryPrice: t.entryPrice[i], entryFees: t.entryFees[i],
    exitIdx: t.exitIdx[i], exitPrice: t.exitPrice[i], exitFees: t.exitFees[i],
    size: t.size[i], pnl: t.pnl[i], ret: t.ret[i], status: t.status[i], exitReason: t.exitReason[i],
  }));
}

const firstTrade = {
  entryIdx: 25, entryPrice: 100, entryFees: 0.09990009990008275,
  exitIdx: 27, exitPrice: 96, exitFees: 0.09590409590409593,
  size: 0.9990009990009991, pnl: -4.191808191808171, ret: -0.04195999999999978,
  status: TradeStatus.Closed, exitReason: ExitReason.StopLoss,
};

describe('runStrategy', () => {
  it("runStrategy(path, { exitMode: 'shifted-signal' }): the stale exit of entry 25 (row 32) closes the re-entry from 29 after 3 bars", () => {
    const r = runStrategy(stalePath(), { exitMode: 'shifted-signal' });
    expect(Array.from(r.entries).flatMap((e, i) => (e ? [i] : []))).toEqual([25, 29]);
    expect(Array.from(r.exits).flatMap((e, i) => (e ? [i] : [])), 'exits = entries.shift(7)').toEqual([32, 36]);
    expect(table(r.sim.trades)).toEqual([
      firstTrade,
      {
        entryIdx: 29, entryPrice: 95, entryFees: 0.09571247932885285,
        exitIdx: 32, exitPrice: 96.5, exitFees: 0.09722372900247662,
        size: 1.007499782409084, pnl: 1.3183134652822899, ret: 0.01377368421052635,
        status: TradeStatus.Closed, exitReason: ExitReason.Signal,
      },
    ]);
    expect(Array.from(r.staleExits), 'one trade cut short by a stale exit').toEqual([1]);
  });

  it("runStrategy(path, { exitMode: 'bars-after-fill' }): the re-entry from 29 is held exactly 7 bars, to row 36", () => {
    const r = runStrategy(stalePath(), { exitMode: 'bars-after-fill' });
    expect(Array.from(r.exits).every((e) => e === 0), 'no exit signals').toBe(true);
    expect(table(r.sim.trades)).toEqual([
      firstTrade,
      {
        entryIdx: 29, entryPrice: 95, entryFees: 0.09571247932885285,
        exitIdx: 36, exitPrice: 98.5, exitFees: 0.09923872856729479,
        size: 1.007499782409084, pnl: 3.3312980305356406, ret: 0.03480526315789478,
        status: TradeStatus.Closed, exitReason: ExitReason.TimeExit,
      },
    ]);
    expect(Array.from(r.staleExits)).toEqual([0]);
  });

  it('runStrategy returns indicators on the union index and per-column stats', () => {
    const r = runStrategy(stalePath());
    expect(r.rvol[25]).toBe(10);
    expect(r.rvol[19], 'RVOL needs 20 previous bars').toBeNaN();
    expect(r.atrPct[13]).toBeNaN();
    expect(r.atrPct[14]).toBeGreaterThan(8);
    expect(r.stats.nCols).toBe(1);
    expect(r.stats.values[statIndex('Total Trades')]).toBe(2);
  });

  it('runStrategy computes a ticker with missing union rows on its own bars only', () => {
    const one = stalePath();
    const n = one.nRows;
    // column 1 = the same bars with a hole: an extra union row 0 on which only column 0 trades
    const m = n + 1;
    const grow = (a: Float64Array, fill: number) => {
      const out = new Float64Array(2 * m).fill(NaN);
      out[0] = fill;
      out.set(a, 1);
      out.set(a, m + 1);
      return out;
    };
    const data: OhlcvMatrix = {
      nRows: m, nCols: 2, open: grow(one.open, 100), high: grow(one.high, 106), low: grow(one.low, 94),
      close: grow(one.close, 100), volume: grow(one.volume, 100),
    };
    data.close[m] = NaN; // column 1 lacks union row 0 entirely
    for (const k of ['open', 'high', 'low', 'volume'] as const) data[k][m] = NaN;
    const r = runStrategy(data);
    expect(r.rvol[m + 26], 'column 1 row 26 = its own bar 25').toBe(10);
    expect(r.rvol[26], 'column 0 has one more bar of history, same value').toBe(10);
    expect(table(r.sim.trades).filter((_, i) => r.sim.trades.col[i] === 1).map((t) => [t.entryIdx, t.exitIdx])).toEqual([[26, 28], [30, 33]]);
  });

  it('runStrategy on an empty matrix has no trades', () => {
    const e = new Float64Array(0);
    const r = runStrategy({ nRows: 0, nCols: 0, open: e, high: e, low: e, close: e, volume: e });
    expect(r.sim.trades.length).toBe(0);
    expect(r.staleExits.length).toBe(0);
  });

  it('runStrategy rejects invalid params with a UserError', () => {
    expect(() => runStrategy(stalePath(), { holdBars: 0 })).toThrow('holdBars must be an integer >= 1');
  });
});
