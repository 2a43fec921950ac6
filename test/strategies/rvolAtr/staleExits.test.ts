import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaseFile } from '../../../src/io/readCase';
import { ExitReason, TradeStatus } from '../../../src/portfolio/enums';
import { fromSignals } from '../../../src/portfolio/fromSignals';
import { allocTrades, finishTrades, pushTrade } from '../../../src/portfolio/records';
import { staleExits } from '../../../src/strategies/rvolAtr/staleExits';

const DIR = join(__dirname, '../../../data-fixtures/golden');

describe('staleExits', () => {
  it('staleExits(trades of golden s04, 1, 7) is [1]: the exit at 12 (from entry 5) closes the re-entry from 9', async () => {
    const c = await readCaseFile(join(DIR, 's04_stale_exit_closes_new_position.case.json'));
    const sim = fromSignals(c.prices, c.entries, c.exits, c.options);
    expect(Array.from(staleExits(sim.trades, 1, 7))).toEqual([1]);
  });
  it('staleExits(trades of golden s03, 2, 7) is [0, 0]: a stop exit and a full 7-bar hold are not stale', async () => {
    const c = await readCaseFile(join(DIR, 's03_stop_then_exit_ignored.case.json'));
    const sim = fromSignals(c.prices, c.entries, c.exits, c.options);
    expect(Array.from(staleExits(sim.trades, 2, 7))).toEqual([0, 0]);
  });
  it('staleExits counts only closed signal exits shorter than holdBars, per column', () => {
    const t = allocTrades(4, 2);
    // pushTrade(r, col, entryIdx, entryPrice, entryFees, exitIdx, exitPrice, exitFees, size, pnl, ret, status, exitReason)
    pushTrade(t, 0, 1, 10, 0, 3, 10, 0, 1, 0, 0, TradeStatus.Closed, ExitReason.Signal); // 2 bars: stale
    pushTrade(t, 0, 5, 10, 0, 8, 10, 0, 1, 0, 0, TradeStatus.Closed, ExitReason.StopLoss); // stop: not stale
    pushTrade(t, 1, 0, 10, 0, 7, 10, 0, 1, 0, 0, TradeStatus.Closed, ExitReason.Signal); // exactly 7: its own exit
    pushTrade(t, 1, 8, 10, 0, 9, 10, 0, 1, 0, 0, TradeStatus.Open, ExitReason.Open); // open: not stale
    expect(Array.from(staleExits(finishTrades(t), 2, 7))).toEqual([1, 0]);
  });
  it('staleExits of no trades is all 0', () => {
    expect(Array.from(staleExits(finishTrades(allocTrades(0, 3)), 3, 7))).toEqual([0, 0, 0]);
  });
});
