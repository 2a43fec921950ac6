/**
 * runPortfolio: a strategy traded as one account. With no position cap and vectorbt's call order it is vectorbt's
 * from_signals(group_by=True, cash_sharing=True, call_seq='auto') to the last digit (the p01/p02/p03 golden cases,
 * their signals given by a strategy that returns them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaseFile } from '../../src/io/readCase';
import { STAT_NAMES } from '../../src/portfolio/metrics';
import { defineStrategy } from '../../src/strategy/defineStrategy';
import { entryRanks, randomRank, runPortfolio } from '../../src/strategy/runPortfolio';
import { strategies } from '../../src/strategies';

const DIR = join(__dirname, '../../data-fixtures/golden');

/** A strategy that returns the case's own signals. */
function given(entries: Uint8Array, exits: Uint8Array) {
  return defineStrategy({
    name: 'given', description: 'the golden case signals', fields: ['close'], params: {}, warmup: () => 1,
    indicators: () => ({}),
    signals: () => ({ entries, exits }),
  });
}

describe('runPortfolio', () => {
  for (const name of ['p01_percent_shared_cash', 'p02_value_insufficient_cash', 'p03_all_cash_default_size']) {
    it(`runPortfolio(${name}'s data, its signals, { maxPositions: 0, rankBy: 'auto' }) is vectorbt's grouped account`, async () => {
      const c = await readCaseFile(join(DIR, `${name}.case.json`));
      const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8'));
      const p = JSON.parse(readFileSync(join(DIR, `${name}.case.json`), 'utf8')).params;
      const { nRows, nCols, close } = c.prices;
      const empty = new Float64Array(nRows * nCols).fill(NaN);
      const r = runPortfolio(
        { nRows, nCols, open: empty, high: empty, low: empty, close, volume: empty },
        given(c.entries, c.exits),
        { init_cash: p.init_cash, fees: p.fees, fixed_fees: p.fixed_fees, slippage: p.slippage, sl_stop: p.sl_stop ?? NaN, tp_stop: p.tp_stop ?? NaN, size: p.size ?? Infinity, size_type: p.size_type, stop_prices: 'close' },
        { maxPositions: 0, rankBy: 'auto' },
      );
      expect(Array.from(r.sim.groups!.value), 'the account value, bar by bar').toEqual(expected.group_value[0]);
      const got = Object.fromEntries(STAT_NAMES.map((n, m) => [n, r.stats.values[m]]));
      for (const n of ['Total Return [%]', 'Max Drawdown [%]', 'Total Trades', 'Win Rate [%]', 'Sharpe Ratio', 'Benchmark Return [%]', 'Total Fees Paid'] as const) {
        expect(got[n], n).toBe(expected.group_stats[0][n]);
      }
    });
  }

  it('runPortfolio with maxPositions and a rank takes the best-ranked entries first', () => {
    // 3 tickers entering on bar 1; rank by the close: C (30) > B (20) > A (10); 2 slots.
    const nRows = 4;
    const close = Float64Array.of(10, 10, 10, 10, 20, 20, 20, 20, 30, 30, 30, 30);
    const entries = new Uint8Array(12);
    for (const c of [0, 1, 2]) entries[c * nRows + 1] = 1;
    const s = defineStrategy({
      name: 'ranked', description: 'd', fields: ['close'], params: {}, warmup: () => 1,
      indicators: (d) => ({ level: d.close }),
      signals: () => ({ entries, exits: new Uint8Array(12) }),
    });
    const e = new Float64Array(12).fill(NaN);
    const r = runPortfolio({ nRows, nCols: 3, open: e, high: e, low: e, close, volume: e }, s, { init_cash: 1000, size_type: 'value', size: 100, sl_stop: NaN, fees: 0 }, { maxPositions: 2, rankBy: 'level' });
    expect(Array.from(r.sim.orders.col)).toEqual([1, 2]);
  });

  it("entryRanks refuses an unknown indicator, listing the strategy's", () => {
    expect(() => entryRanks(strategies.rvol_atr as never, { maxPositions: 0, rankBy: 'volume' }, { rvol: new Float64Array(1), atr_pct: new Float64Array(1) }, { entries: new Uint8Array(1), exits: new Uint8Array(1) }, ['A'], 1)).toThrow(
      '--rank-by volume: strategy rvol_atr has no indicator "volume"; its indicators: rvol, atr_pct (or auto, random)',
    );
  });

  it('randomRank(seed, ticker, row) depends on the seed, the ticker and the row only', () => {
    expect(randomRank(1, 'AAPL', 7)).toBe(randomRank(1, 'AAPL', 7));
    expect(new Set([randomRank(1, 'AAPL', 7), randomRank(2, 'AAPL', 7), randomRank(1, 'MSFT', 7), randomRank(1, 'AAPL', 8)]).size).toBe(4);
    expect(randomRank(3, 'X', 0)).toBeGreaterThanOrEqual(0);
    expect(randomRank(3, 'X', 0)).toBeLessThan(1);
  });
});
