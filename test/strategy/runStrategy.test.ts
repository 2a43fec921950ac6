import { describe, expect, it } from 'vitest';
import type { OhlcvMatrix } from '../../src/kernels/ohlcvMatrix';
import { ExitReason, TradeStatus } from '../../src/portfolio/enums';
import type { TradeRecords } from '../../src/portfolio/records';
import { runStrategy, StrategyError } from '../../src/strategy/runStrategy';
import { strategies } from '../../src/strategies';
import { defineStrategy } from '../../src/strategy/defineStrategy';

const rvolAtr = strategies.rvol_atr;
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

describe('runStrategy(data, rvol_atr, ...)', () => {
  it("runStrategy(path, rvol_atr, { exit_mode: 'shifted-signal' }): the stale exit of entry 25 (row 32) closes the re-entry from 29 after 3 bars", () => {
    const r = runStrategy(stalePath(), rvolAtr, { exit_mode: 'shifted-signal' });
    expect(Array.from(r.signals.entries).flatMap((e, i) => (e ? [i] : []))).toEqual([25, 29]);
    expect(Array.from(r.signals.exits).flatMap((e, i) => (e ? [i] : [])), 'exits = entries.shift(7)').toEqual([32, 36]);
    expect(table(r.sim.trades)).toEqual([
      firstTrade,
      {
        entryIdx: 29, entryPrice: 95, entryFees: 0.09571247932885285,
        exitIdx: 32, exitPrice: 96.5, exitFees: 0.09722372900247662,
        size: 1.007499782409084, pnl: 1.3183134652822899, ret: 0.01377368421052635,
        status: TradeStatus.Closed, exitReason: ExitReason.Signal,
      },
    ]);
    expect(Array.from(r.extras.stale_exits), 'one trade cut short by a stale exit').toEqual([1]);
  });

  it("runStrategy(path, rvol_atr, { exit_mode: 'bars-after-fill' }): the re-entry from 29 is held exactly 7 bars, to row 36", () => {
    const r = runStrategy(stalePath(), rvolAtr, { exit_mode: 'bars-after-fill' });
    expect(Array.from(r.signals.exits).every((e) => e === 0), 'no exit signals').toBe(true);
    expect(table(r.sim.trades)).toEqual([
      firstTrade,
      {
        entryIdx: 29, entryPrice: 95, entryFees: 0.09571247932885285,
        exitIdx: 36, exitPrice: 98.5, exitFees: 0.09923872856729479,
        size: 1.007499782409084, pnl: 3.3312980305356406, ret: 0.03480526315789478,
        status: TradeStatus.Closed, exitReason: ExitReason.TimeExit,
      },
    ]);
    expect(Array.from(r.extras.stale_exits)).toEqual([0]);
  });

  it('runStrategy returns indicators on the union index and per-column stats', () => {
    const r = runStrategy(stalePath(), rvolAtr);
    expect(r.indicators.rvol[25]).toBe(10);
    expect(r.indicators.rvol[19], 'RVOL needs 20 previous bars').toBeNaN();
    expect(r.indicators.atr_pct[13]).toBeNaN();
    expect(r.indicators.atr_pct[14]).toBeGreaterThan(8);
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
    const r = runStrategy(data, rvolAtr);
    expect(r.indicators.rvol[m + 26], 'column 1 row 26 = its own bar 25').toBe(10);
    expect(r.indicators.rvol[26], 'column 0 has one more bar of history, same value').toBe(10);
    expect(table(r.sim.trades).filter((_, i) => r.sim.trades.col[i] === 1).map((t) => [t.entryIdx, t.exitIdx])).toEqual([[26, 28], [30, 33]]);
  });

  it('runStrategy on an empty matrix has no trades', () => {
    const e = new Float64Array(0);
    const r = runStrategy({ nRows: 0, nCols: 0, open: e, high: e, low: e, close: e, volume: e }, rvolAtr);
    expect(r.sim.trades.length).toBe(0);
    expect(r.extras.stale_exits.length).toBe(0);
  });

  it('runStrategy rejects invalid settings with a UserError', () => {
    expect(() => runStrategy(stalePath(), rvolAtr, { hold_bars: 0 })).toThrow('hold_bars must be an integer >= 1');
  });

  it("runStrategy(path, rvol_atr, { stop_prices: 'ohlc' }) shows the simulation open/high/low: the stop fills at its level", () => {
    const close = runStrategy(stalePath(), rvolAtr);
    const ohlc = runStrategy(stalePath(), rvolAtr, { stop_prices: 'ohlc' });
    // Row 26's low (100 * 0.94 = 94) is already below the 97 stop level: an intrabar stop at 97, a bar earlier than
    // the close-only stop at row 27's close of 96.
    expect(table(close.sim.trades)[0]).toEqual(firstTrade);
    expect([ohlc.sim.trades.exitIdx[0], ohlc.sim.trades.exitPrice[0], ohlc.sim.trades.exitReason[0]]).toEqual([26, 97, ExitReason.StopLoss]);
  });

  it('runStrategy(...).pf labels the result: stats per ticker by the given columns and trades with dates', () => {
    const index = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
    const r = runStrategy(stalePath(), rvolAtr, {}, { index, columns: ['AAA'] });
    expect(r.pf.columns).toEqual(['AAA']);
    expect(r.pf.stats()[0]['Total Trades']).toBe(2);
  });
});

describe('runStrategy checks what a strategy returns', () => {
  const base = {
    name: 'bad', description: 'd', fields: ['close'] as const, params: {}, warmup: () => 1,
    indicators: () => ({}),
  };
  const data = () => stalePath();
  it('runStrategy names the strategy when signals() throws', () => {
    const s = defineStrategy({ ...base, signals: () => { throw new Error('boom'); } });
    expect(() => runStrategy(data(), s)).toThrow(StrategyError);
    expect(() => runStrategy(data(), s)).toThrow('strategy bad: signals() threw boom');
  });
  it('runStrategy refuses entries of the wrong length or type, naming the output and the shape', () => {
    const short = defineStrategy({ ...base, signals: () => ({ entries: new Uint8Array(3), exits: new Uint8Array(40) }) });
    expect(() => runStrategy(data(), short)).toThrow('strategy bad: signals().entries has 3 values, expected 40 (40 rows x 1 columns, column-major)');
    const wrongType = defineStrategy({ ...base, signals: () => ({ entries: new Float64Array(40) as never, exits: new Uint8Array(40) }) });
    expect(() => runStrategy(data(), wrongType)).toThrow('strategy bad: signals().entries must be a Uint8Array of 40 values (40 rows x 1 columns, column-major), got Float64Array');
    const indicator = defineStrategy({ ...base, indicators: () => ({ x: [1, 2] as never }), signals: () => ({ entries: new Uint8Array(40), exits: new Uint8Array(40) }) });
    expect(() => runStrategy(data(), indicator)).toThrow('strategy bad: indicator "x" must be a Float64Array of 40 values (40 rows x 1 columns, column-major), got an array');
  });
});
