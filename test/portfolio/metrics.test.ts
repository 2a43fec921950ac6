/**
 * computeStats / statsMean on hand-made paths: every metric of a column that never trades, the drawdown record
 * rules on a given value line, the trade metrics of a win / loss / flat / open set, and the pandas-mean aggregate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromSignals, type SimResult } from '../../src/portfolio/fromSignals';
import { computeStats, STAT_NAMES, statIndex, statsMean, type StatsTable } from '../../src/portfolio/metrics';
import { allocOrders, allocTrades, finishOrders, finishTrades } from '../../src/portfolio/records';
import { sim1 } from './helpers';

function stat(t: StatsTable, name: string, col = 0): number {
  return t.values[statIndex(name) * t.nCols + col];
}

/** A simulation with a given value line and no orders, to test the value-based metrics alone. */
function valueOnly(value: number[], init = 100): { sim: SimResult; close: Float64Array } {
  const n = value.length;
  const orders = allocOrders(0, 1);
  const trades = allocTrades(0, 1);
  return {
    sim: { nRows: n, nCols: 1, orders: finishOrders(orders), trades: finishTrades(trades), value: Float64Array.from(value), initCash: Float64Array.of(init) },
    close: new Float64Array(n).fill(10),
  };
}

describe('STAT_NAMES / statIndex', () => {
  it('STAT_NAMES are the golden stats keys in vectorbt order', () => {
    const golden = JSON.parse(readFileSync(join(__dirname, '../../data-fixtures/golden/s01_single_trade_nofees.expected.json'), 'utf8'));
    expect([...STAT_NAMES]).toEqual(Object.keys(golden.stats[0]));
  });
  it("statIndex('Total Trades') is 11; an unknown name throws", () => {
    expect(statIndex('Total Trades')).toBe(11);
    expect(() => statIndex('Total trades')).toThrow(/unknown stat/);
  });
});

describe('computeStats', () => {
  it('computeStats on a column that never trades: 0 return, NaN drawdown and trade metrics, infinite ratios', () => {
    const close = Float64Array.of(10, 11, 12);
    const sim = fromSignals({ nRows: 3, nCols: 1, close }, new Uint8Array(3), new Uint8Array(3));
    const t = computeStats({ nRows: 3, nCols: 1, close }, sim);
    expect(stat(t, 'Start')).toBe(0);
    expect(stat(t, 'End')).toBe(2);
    expect(stat(t, 'Period'), 'R bars of 1 day').toBe(3);
    expect(stat(t, 'Start Value')).toBe(100);
    expect(stat(t, 'End Value')).toBe(100);
    expect(stat(t, 'Total Return [%]')).toBe(0);
    expect(stat(t, 'Benchmark Return [%]')).toBeCloseTo(20, 12);
    expect(stat(t, 'Max Gross Exposure [%]')).toBe(0);
    expect(stat(t, 'Total Fees Paid')).toBe(0);
    expect(stat(t, 'Max Drawdown [%]'), 'no drawdown record -> NaN').toBeNaN();
    expect(stat(t, 'Max Drawdown Duration')).toBeNaN();
    expect(stat(t, 'Total Trades')).toBe(0);
    for (const m of ['Win Rate [%]', 'Best Trade [%]', 'Worst Trade [%]', 'Avg Winning Trade [%]', 'Avg Losing Trade [%]', 'Avg Winning Trade Duration', 'Avg Losing Trade Duration', 'Profit Factor', 'Expectancy']) {
      expect(stat(t, m), `${m} is NaN without closed trades`).toBeNaN();
    }
    expect(stat(t, 'Sharpe Ratio'), 'std 0 -> +inf').toBe(Infinity);
    expect(stat(t, 'Calmar Ratio'), 'max drawdown 0 -> NaN').toBeNaN();
    expect(stat(t, 'Omega Ratio'), 'no negative return -> +inf').toBe(Infinity);
    expect(stat(t, 'Sortino Ratio'), 'no downside -> +inf').toBe(Infinity);
  });

  it('drawdown records: recovery at value >= peak, the recovery bar is the next peak, the last one is active', () => {
    const v = [100, 90, 95, 100, 105, 103, 110, 108];
    const { sim, close } = valueOnly(v);
    const t = computeStats({ nRows: 8, nCols: 1, close }, sim);
    // Records: 100->90 recovered at 3 (duration 3-0-1 = 2), 105->103 recovered at 6 (1), 110->108 active (7-6 = 1).
    expect(stat(t, 'Max Drawdown [%]')).toBeCloseTo(10, 12);
    expect(stat(t, 'Max Drawdown Duration')).toBe(2);
  });

  it('an active drawdown counts its last bar: [100, 99, 98] has duration 2', () => {
    const { sim, close } = valueOnly([100, 99, 98]);
    const t = computeStats({ nRows: 3, nCols: 1, close }, sim);
    expect(stat(t, 'Max Drawdown [%]')).toBeCloseTo(2, 12);
    expect(stat(t, 'Max Drawdown Duration')).toBe(2);
  });

  it('returns ratios follow vectorbt: Sharpe (ddof 1), Sortino, Omega, Calmar with ann = 365', () => {
    const v = [100, 90, 95, 100, 105, 103, 110, 108];
    const { sim, close } = valueOnly(v);
    const t = computeStats({ nRows: 8, nCols: 1, close }, sim);
    const r = v.map((x, i) => (x - (i ? v[i - 1] : 100)) / (i ? v[i - 1] : 100));
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const std = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
    expect(stat(t, 'Sharpe Ratio')).toBeCloseTo((mean / std) * Math.sqrt(365), 10);
    const down = Math.sqrt(r.reduce((a, b) => a + Math.min(b, 0) ** 2, 0) / r.length) * Math.sqrt(365);
    expect(stat(t, 'Sortino Ratio')).toBeCloseTo((mean * 365) / down, 9);
    const pos = r.filter((x) => x > 0).reduce((a, b) => a + b, 0);
    const neg = r.filter((x) => x < 0).reduce((a, b) => a + b, 0);
    expect(stat(t, 'Omega Ratio')).toBeCloseTo(pos / -neg, 12);
    expect(stat(t, 'Calmar Ratio')).toBeCloseTo((1.08 ** (365 / 8) - 1) / 0.1, 6);
  });

  it('trade metrics use closed trades only: a win, a loss, a zero-pnl trade and an open trade', () => {
    // 0->1: 10 shares 10 -> 12 (+20); 2->3: 10 shares 12 -> 9 (-30); 4->5: 9 shares 10 -> 10 (0); 6: 9 shares open at 11 (+9).
    const sim = sim1({ close: [10, 12, 12, 9, 10, 10, 10, 11], entries: [0, 2, 4, 6], exits: [1, 3, 5] });
    const t = computeStats({ nRows: 8, nCols: 1, close: Float64Array.of(10, 12, 12, 9, 10, 10, 10, 11) }, sim);
    expect(stat(t, 'Total Trades')).toBe(4);
    expect(stat(t, 'Total Closed Trades')).toBe(3);
    expect(stat(t, 'Total Open Trades')).toBe(1);
    expect(stat(t, 'Open Trade PnL')).toBe(9);
    expect(stat(t, 'Win Rate [%]'), 'the zero-pnl trade counts in the denominator').toBeCloseTo(100 / 3, 12);
    expect(stat(t, 'Best Trade [%]')).toBeCloseTo(20, 12);
    expect(stat(t, 'Worst Trade [%]')).toBeCloseTo(-25, 12);
    expect(stat(t, 'Avg Winning Trade [%]')).toBeCloseTo(20, 12);
    expect(stat(t, 'Avg Losing Trade [%]')).toBeCloseTo(-25, 12);
    expect(stat(t, 'Avg Winning Trade Duration')).toBe(1);
    expect(stat(t, 'Avg Losing Trade Duration')).toBe(1);
    expect(stat(t, 'Profit Factor')).toBeCloseTo(20 / 30, 12);
    expect(stat(t, 'Expectancy'), 'wr*avg win - (1-wr)*|avg loss|').toBeCloseTo(20 / 3 - (2 / 3) * 30, 10);
    expect(stat(t, 'Max Gross Exposure [%]')).toBe(100);
  });

  it('Profit Factor is +inf with winners only', () => {
    const sim = sim1({ close: [10, 12], entries: [0], exits: [1] });
    const t = computeStats({ nRows: 2, nCols: 1, close: Float64Array.of(10, 12) }, sim);
    expect(stat(t, 'Profit Factor')).toBe(Infinity);
    expect(stat(t, 'Avg Losing Trade [%]')).toBeNaN();
    expect(stat(t, 'Expectancy'), 'missing loss mean taken as 0').toBeCloseTo(20, 12);
  });

  it('freqDays scales durations and the annualisation (ann = 365 / freqDays)', () => {
    const { sim, close } = valueOnly([100, 99, 98]);
    const t = computeStats({ nRows: 3, nCols: 1, close }, sim, { freqDays: 7 });
    expect(stat(t, 'Period')).toBe(21);
    expect(stat(t, 'Max Drawdown Duration')).toBe(14);
  });

  it('computeStats on zero columns is an empty table', () => {
    const sim = fromSignals({ nRows: 3, nCols: 0, close: new Float64Array(0) }, new Uint8Array(0), new Uint8Array(0));
    expect(computeStats({ nRows: 3, nCols: 0, close: new Float64Array(0) }, sim).values.length).toBe(0);
  });
});

describe('statsMean', () => {
  const M = STAT_NAMES.length;
  function table(cols: number[][]): StatsTable {
    const nCols = cols.length;
    const values = new Float64Array(M * nCols);
    cols.forEach((c, col) => c.forEach((v, m) => (values[m * nCols + col] = v)));
    return { names: STAT_NAMES, nCols, values };
  }
  const filled = (x: number) => Array.from({ length: M }, (_, m) => (m < 3 ? [0, 9, 10][m] : x));

  it('statsMean skips NaN; all-NaN gives NaN', () => {
    const a = filled(2);
    const b = filled(NaN);
    const mean = statsMean(table([a, b, filled(4)]));
    expect(mean[statIndex('Total Return [%]')]).toBe(3);
    expect(statsMean(table([b, b]))[statIndex('Win Rate [%]')]).toBeNaN();
  });
  it('statsMean with one +inf is +inf; +inf with -inf is NaN (pandas)', () => {
    expect(statsMean(table([filled(1), filled(Infinity)]))[statIndex('Profit Factor')]).toBe(Infinity);
    expect(statsMean(table([filled(-Infinity), filled(Infinity)]))[statIndex('Sharpe Ratio')]).toBeNaN();
  });
  it('statsMean keeps Start / End / Period common', () => {
    const mean = statsMean(table([filled(1), filled(2)]));
    expect([mean[0], mean[1], mean[2]]).toEqual([0, 9, 10]);
  });
  it('statsMean of a single column is that column', () => {
    const mean = statsMean(table([filled(7)]));
    expect(mean[statIndex('Expectancy')]).toBe(7);
  });
});

describe('computeStats on a single row', () => {
  it('computeStats(one bar, entry with fees 0.001): Sharpe and Sortino NaN (returns.shape[0] < 2), Calmar NaN, Omega 0', () => {
    const close = Float64Array.of(100);
    const sim = fromSignals({ nRows: 1, nCols: 1, close }, Uint8Array.of(1), Uint8Array.of(0), { fees: 0.001 });
    const t = computeStats({ nRows: 1, nCols: 1, close }, sim);
    expect(stat(t, 'End Value')).toBe(sim.value[0]);
    expect(stat(t, 'Sharpe Ratio'), 'sharpe_ratio_1d_nb: NaN below 2 rows').toBeNaN();
    expect(stat(t, 'Sortino Ratio'), 'sortino_ratio_1d_nb: NaN below 2 rows, not mean*ann/downside').toBeNaN();
    expect(stat(t, 'Calmar Ratio'), 'one cumprod value is its own max: drawdown 0 -> NaN').toBeNaN();
    expect(stat(t, 'Omega Ratio'), 'omega_ratio_1d_nb has no row guard: 0 gains / one loss').toBe(0);
  });
});

describe('computeStats on an all-NaN close column', () => {
  it('computeStats(all-NaN close) is a flat portfolio: End Value = init_cash, 0 returns, infinite ratios', () => {
    // vectorbt zeroes the close where shares == 0 (base.py asset_value), so the value is the cash on every bar.
    const close = Float64Array.of(NaN, NaN, NaN);
    const sim = fromSignals({ nRows: 3, nCols: 1, close }, Uint8Array.of(0, 1, 0), Uint8Array.of(0, 0, 1));
    const t = computeStats({ nRows: 3, nCols: 1, close }, sim);
    expect(stat(t, 'End Value')).toBe(100);
    expect(stat(t, 'Total Return [%]')).toBe(0);
    expect(stat(t, 'Benchmark Return [%]'), 'product of no non-NaN benchmark returns').toBe(0);
    expect(stat(t, 'Max Gross Exposure [%]'), 'asset value 0 while flat').toBe(0);
    expect(stat(t, 'Total Fees Paid')).toBe(0);
    expect(stat(t, 'Max Drawdown [%]'), 'no drawdown record').toBeNaN();
    expect(stat(t, 'Max Drawdown Duration')).toBeNaN();
    expect(stat(t, 'Total Trades')).toBe(0);
    expect(stat(t, 'Open Trade PnL')).toBe(0);
    expect(stat(t, 'Sharpe Ratio'), 'all returns 0 -> std 0 -> inf').toBe(Infinity);
    expect(stat(t, 'Sortino Ratio'), 'downside 0 -> inf').toBe(Infinity);
    expect(stat(t, 'Omega Ratio'), 'no negative return -> inf').toBe(Infinity);
    expect(stat(t, 'Calmar Ratio'), 'max drawdown of returns 0 -> NaN').toBeNaN();
  });
  it("computeStats(all-NaN close, { benchmark: 'ratio' }) also has Benchmark Return 0", () => {
    const close = Float64Array.of(NaN, NaN);
    const sim = fromSignals({ nRows: 2, nCols: 1, close }, new Uint8Array(2), new Uint8Array(2));
    expect(stat(computeStats({ nRows: 2, nCols: 1, close }, sim, { benchmark: 'ratio' }), 'Benchmark Return [%]')).toBe(0);
  });
});
