/**
 * fromSignals on small hand-made paths: whole order and trade tables, the value line, and the exit reason of
 * every trade. Expected numbers follow the rules of data-fixtures/golden/README.md written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { fromSignals } from '../../src/portfolio/fromSignals';
import { mask, orderTable, sim1, tradeTable } from './helpers';

describe('fromSignals: plain signals', () => {
  it('fromSignals(entry 1, exit 3) buys all cash at the close and sells the whole position at the close', () => {
    const sim = sim1({ close: [10, 10, 11, 12, 12], entries: [1], exits: [3] });
    expect(orderTable(sim)).toEqual([
      [1, 'buy', 10, 10, 0],
      [3, 'sell', 10, 12, 0],
    ]);
    expect(tradeTable(sim)).toEqual([[1, 10, 3, 12, 10, 'closed', 'signal']]);
    expect(sim.trades.pnl[0], 'pnl = size * (exit - entry)').toBe(20);
    expect(sim.trades.ret[0]).toBe(0.2);
    expect([...sim.value], 'value = cash + position * close').toEqual([100, 100, 110, 120, 120]);
  });

  it('fromSignals with fees=0.01 buys (cash / 1.01) / close and charges fees on both legs', () => {
    const sim = sim1({ close: [10, 10, 12], entries: [0], exits: [2] }, { fees: 0.01 });
    const maxReq = 100 / 1.01;
    const size = maxReq / 10;
    const sellFees = size * 12 * 0.01;
    expect(orderTable(sim)).toEqual([
      [0, 'buy', size, 10, 100 - maxReq],
      [2, 'sell', size, 12, sellFees],
    ]);
    expect(sim.value[2], 'all proceeds net of fees').toBe(size * 12 - sellFees);
    expect(sim.trades.pnl[0]).toBe(size * 12 - size * 10 - (100 - maxReq) - sellFees);
  });

  it('entry and exit on the same bar are both ignored, flat or long', () => {
    const flat = sim1({ close: [10, 10, 10, 10], entries: [1], exits: [1] });
    expect(orderTable(flat), 'flat conflict: no order').toEqual([]);
    const long = sim1({ close: [10, 10, 11, 12], entries: [0, 2], exits: [2] });
    expect(orderTable(long), 'long conflict: position kept').toEqual([[0, 'buy', 10, 10, 0]]);
    expect(tradeTable(long)).toEqual([[0, 10, 3, 12, 10, 'open', 'open']]);
  });

  it('entries while long and exits while flat are ignored (accumulate=False)', () => {
    const sim = sim1({ close: [10, 10, 10, 10, 10, 10], entries: [1, 2, 3], exits: [0, 4, 5] });
    expect(orderTable(sim).map((r) => [r[0], r[1]])).toEqual([
      [1, 'buy'],
      [4, 'sell'],
    ]);
  });

  it('signals on a NaN close are dropped, not deferred; the value carries the last close', () => {
    const sim = sim1({ close: [10, NaN, 10, 11, NaN, 12], entries: [1, 2], exits: [4] });
    expect(orderTable(sim), 'entry on NaN row 1 dropped; entry 2 fills; exit on NaN row 4 dropped').toEqual([[2, 'buy', 10, 10, 0]]);
    expect([...sim.value]).toEqual([100, 100, 100, 110, 110, 120]);
    expect(tradeTable(sim)).toEqual([[2, 10, 5, 12, 10, 'open', 'open']]);
  });

  it('an open trade on a NaN last close has exit price, pnl and return NaN', () => {
    const sim = sim1({ close: [10, 11, NaN], entries: [0] });
    expect(sim.trades.exitIdx[0]).toBe(2);
    expect(sim.trades.exitPrice[0]).toBeNaN();
    expect(sim.trades.pnl[0]).toBeNaN();
    expect(sim.trades.ret[0]).toBeNaN();
    expect(sim.value[2], 'valued with the last valid close').toBe(110);
  });

  it('a fixed size leaves the rest in cash, and a too-large size fills with all the cash', () => {
    const sim = sim1({ close: [10, 11, 50, 50, 60], entries: [0, 2], exits: [1, 3] }, { size: 4 });
    expect(orderTable(sim)).toEqual([
      [0, 'buy', 4, 10, 0],
      [1, 'sell', 4, 11, 0],
      [2, 'buy', 104 / 50, 50, 0],
      [3, 'sell', 104 / 50, 50, 0],
    ]);
    expect(sim.value[0], 'cash 60 + 4 shares at 10').toBe(100);
    expect(sim.value[1]).toBe(104);
  });

  it('slippage moves signal fills (buy up, sell down) and sizes with the slipped price', () => {
    const sim = sim1({ close: [10, 12], entries: [0], exits: [1] }, { slippage: 0.01 });
    const buyPx = 10 * 1.01;
    const size = 100 / buyPx;
    expect(orderTable(sim)).toEqual([
      [0, 'buy', size, buyPx, 0],
      [1, 'sell', size, 12 * 0.99, 0],
    ]);
  });

  it('with fixed fees, an entry whose cash does not exceed the fee is rejected (no record)', () => {
    const sim = sim1({ close: [10, 10], entries: [0] }, { initCash: 1, fixedFees: 1 });
    expect(orderTable(sim)).toEqual([]);
    expect([...sim.value]).toEqual([1, 1]);
  });

  it('a sell whose proceeds cannot cover the fixed fee is rejected and the trade stays open', () => {
    // init 3, fixed fee 1: buys 2/10 = 0.2 shares; at close 4 the proceeds 0.8 < fee 1.
    const sim = sim1({ close: [10, 4, 4], entries: [0], exits: [1] }, { initCash: 3, fixedFees: 1 });
    expect(orderTable(sim)).toEqual([[0, 'buy', 0.2, 10, 1]]);
    expect(tradeTable(sim)).toEqual([[0, 10, 2, 4, 0.2, 'open', 'open']]);
  });
});

describe('fromSignals: stops', () => {
  it('close-only stop-loss exits at the close (gap-through), not at the 3% level, and ignores that bar\'s entry', () => {
    const sim = sim1({ close: [100, 100, 99, 80, 90], entries: [1, 3] }, { slStop: 0.03 });
    expect(orderTable(sim)).toEqual([
      [1, 'buy', 1, 100, 0],
      [3, 'sell', 1, 80, 0],
    ]);
    expect(tradeTable(sim)).toEqual([[1, 100, 3, 80, 1, 'closed', 'stop_loss']]);
  });

  it('stale exit: exits = entries.shift(3) closes the re-entered position early (s04 pattern)', () => {
    const close = [100, 100, 96, 96, 100, 100, 100, 100];
    const entries = mask(8, [1, 3]);
    const exits = mask(8, [4, 6]); // entries shifted by 3
    const sim = fromSignals({ nRows: 8, nCols: 1, close: Float64Array.from(close) }, entries, exits, { slStop: 0.03 });
    expect(tradeTable(sim)).toEqual([
      [1, 100, 2, 96, 1, 'closed', 'stop_loss'],
      [3, 96, 4, 100, 1, 'closed', 'signal'], // cash after the stop is 96: 1 share
    ]);
    expect(orderTable(sim).map((r) => r[0]), 'the exit at 6 arrives flat and is ignored').toEqual([1, 2, 3, 4]);
  });

  it('stops are first checked on the bar after the entry (the entry bar low is not checked)', () => {
    const sim = sim1({ close: [100, 100, 99], open: [100, 100, 99], high: [100, 101, 99], low: [100, 50, 98], entries: [1] }, { slStop: 0.03 });
    expect(tradeTable(sim)).toEqual([[1, 100, 2, 99, 1, 'open', 'open']]);
  });

  it('with OHLC, a low touching the level exits at the level; an open below it exits at the open', () => {
    const touch = sim1({ close: [100, 98.5], open: [100, 99], high: [100, 99.5], low: [100, 96], entries: [0] }, { slStop: 0.03 });
    expect(orderTable(touch)[1]).toEqual([1, 'sell', 1, 100 * (1 - 0.03), 0]);
    const gap = sim1({ close: [100, 98.5], open: [100, 95], high: [100, 99], low: [100, 94], entries: [0] }, { slStop: 0.03 });
    expect(orderTable(gap)[1]).toEqual([1, 'sell', 1, 95, 0]);
  });

  it('stop exits get no slippage and stop levels come from the entry close, not the slipped fill', () => {
    const sim = sim1({ close: [100, 97.5], open: [100, 98], high: [100, 98], low: [100, 96], entries: [0] }, { slStop: 0.03, slippage: 0.01 });
    const size = 100 / 101;
    expect(orderTable(sim)).toEqual([
      [0, 'buy', size, 101, 0],
      [1, 'sell', size, 97, 0],
    ]);
  });

  it('take-profit: intrabar high exits at the level, an open above it at the open; SL wins when both are in range', () => {
    const tp = sim1({ close: [100, 104], open: [100, 101], high: [100, 105.5], low: [100, 100], entries: [0] }, { tpStop: 0.05, slStop: 0.03 });
    expect(tradeTable(tp)).toEqual([[0, 100, 1, 100 * 1.05, 1, 'closed', 'take_profit']]);
    const gapUp = sim1({ close: [100, 108], open: [100, 107], high: [100, 109], low: [100, 106], entries: [0] }, { tpStop: 0.05 });
    expect(tradeTable(gapUp)[0][3]).toBe(107);
    const both = sim1({ close: [100, 100], open: [100, 100], high: [100, 106], low: [100, 96], entries: [0] }, { tpStop: 0.05, slStop: 0.03 });
    expect(tradeTable(both)).toEqual([[0, 100, 1, 97, 1, 'closed', 'stop_loss']]);
  });

  it('trailing stop: the level follows the highest close, updated after the bar\'s check', () => {
    const sim = sim1({ close: [100, 110, 107, 106.5, 100], entries: [0] }, { slStop: 0.03, slTrail: true });
    // peak 110 -> level 106.7: 107 holds, 106.5 exits (at the close, a winning stop exit).
    expect(tradeTable(sim)).toEqual([[0, 100, 3, 106.5, 1, 'closed', 'trailing_stop']]);
  });

  it('SL on a NaN close with open 100, low 95, high NaN: high falls back to the open (numba max(open, NaN) = open) and the stop sells at 97', () => {
    const N = NaN;
    const sim = sim1({ close: [100, N, 101], open: [N, 100, N], high: [N, N, N], low: [N, 95, N], entries: [0] }, { slStop: 0.03 });
    expect(orderTable(sim), 'the stop order is priced at the level, so a NaN close does not block it').toEqual([
      [0, 'buy', 1, 100, 0],
      [1, 'sell', 1, 100 * (1 - 0.03), 0],
    ]);
    expect(tradeTable(sim)).toEqual([[0, 100, 1, 100 * (1 - 0.03), 1, 'closed', 'stop_loss']]);
    expect([...sim.value], 'flat after the stop: the cash').toEqual([100, 100 * (1 - 0.03), 100 * (1 - 0.03)]);
  });

  it('TP on a NaN close with open 101, high 106, low NaN: low falls back to the open (numba min(open, NaN) = open) and the stop sells at 105', () => {
    const N = NaN;
    const sim = sim1({ close: [100, N, 101], open: [N, 101, N], high: [N, 106, N], low: [N, N, N], entries: [0] }, { tpStop: 0.05 });
    expect(tradeTable(sim)).toEqual([[0, 100, 1, 100 * (1 + 0.05), 1, 'closed', 'take_profit']]);
  });

  it('trailing stop on a NaN close with open 110: the peak moves to the open (110 -> level 106.7) and the next close 106 exits', () => {
    const N = NaN;
    const sim = sim1({ close: [100, N, 106, 106], open: [N, 110, N, N], high: [N, N, N, N], low: [N, N, N, N], entries: [0] }, { slStop: 0.03, slTrail: true });
    expect(tradeTable(sim), 'with a NaN peak the level would stay 97 and the trade stay open').toEqual([[0, 100, 2, 106, 1, 'closed', 'trailing_stop']]);
  });

  it('a NaN close with NaN open never triggers, even with a low below the level (high = max(NaN, NaN) is NaN)', () => {
    const N = NaN;
    const sim = sim1({ close: [100, N, 101], open: [N, N, N], high: [N, N, N], low: [N, 95, N], entries: [0] }, { slStop: 0.03 });
    expect(tradeTable(sim)).toEqual([[0, 100, 2, 101, 1, 'open', 'open']]);
  });

  it('a stop that fires clears the stop: the next entry sets a new base (50 -> level 48.5, 48.6 holds)', () => {
    const sim = sim1({ close: [100, 96, 50, 49, 48.6], entries: [0, 2] }, { slStop: 0.03 });
    expect(tradeTable(sim).map((t) => [t[0], t[2], t[6]])).toEqual([
      [0, 1, 'stop_loss'],
      [2, 4, 'open'],
    ]);
  });
});

describe('fromSignals: boundary parameters vectorbt accepts', () => {
  it('fromSignals(slStop 0): the level is the entry close, so the first close at or below it sells there', () => {
    const sim = sim1({ close: [100, 100, 99, 101], entries: [0] }, { slStop: 0 });
    expect(orderTable(sim), 'get_stop_price_nb: open 100 <= 100 * (1 - 0)').toEqual([
      [0, 'buy', 1, 100, 0],
      [1, 'sell', 1, 100, 0],
    ]);
  });

  it('fromSignals(tpStop 0): the first close at or above the entry close takes profit at that close', () => {
    const sim = sim1({ close: [100, 99, 100, 101], entries: [0] }, { tpStop: 0 });
    expect(tradeTable(sim)).toEqual([[0, 100, 2, 100, 1, 'closed', 'take_profit']]);
  });

  it('fromSignals(size 0) places no order at all (signals_to_size_nb gives size 0: no order), size Infinity buys all the cash', () => {
    const zero = sim1({ close: [10, 11, 12], entries: [0], exits: [2] }, { size: 0, slStop: 0.03 });
    expect(zero.orders.length + zero.trades.length, 'no order and no trade records').toBe(0);
    expect([...zero.value]).toEqual([100, 100, 100]);
    const all = sim1({ close: [10, 11, 12], entries: [0], exits: [2] }, { size: Infinity });
    expect(orderTable(all)).toEqual([
      [0, 'buy', 10, 10, 0],
      [2, 'sell', 10, 12, 0],
    ]);
  });

  it('fromSignals(fees -0.01): a rebate, the all-cash buy spends cash / (1 - 0.01) and both legs have negative fees', () => {
    const sim = sim1({ close: [100, 110], entries: [0], exits: [1] }, { fees: -0.01 });
    const maxReq = 100 / (1 + -0.01);
    const size = maxReq / 100;
    const sellFees = size * 110 * -0.01;
    expect(orderTable(sim)).toEqual([
      [0, 'buy', size, 100, 100 - maxReq],
      [1, 'sell', size, 110, sellFees],
    ]);
    expect(sim.value[1], 'cash = proceeds - (negative) fees').toBe(size * 110 - sellFees);
  });

  it('fromSignals(fixedFees -1): the all-cash buy spends init_cash + 1 and records fees -1', () => {
    const sim = sim1({ close: [100, 100], entries: [0] }, { fixedFees: -1 });
    expect(orderTable(sim)).toEqual([[0, 'buy', 1.01, 100, -1]]);
  });
});

describe('fromSignals: bars-after-fill time exits (timeExitBars)', () => {
  it('timeExitBars=3 closes at the close 3 bars after the entry fill, with an all-zero exits array', () => {
    const sim = sim1({ close: [10, 10, 11, 12, 13, 14, 15], entries: [1] }, { timeExitBars: 3 });
    expect(tradeTable(sim)).toEqual([[1, 10, 4, 13, 10, 'closed', 'time_exit']]);
  });

  it('a time exit on a NaN close waits for the next valid close', () => {
    const sim = sim1({ close: [10, 10, 11, 12, NaN, 14], entries: [1] }, { timeExitBars: 3 });
    expect(tradeTable(sim)).toEqual([[1, 10, 5, 14, 10, 'closed', 'time_exit']]);
  });

  it('the clock restarts at each entry fill: a stop-out then a re-entry gets its own full holding period', () => {
    const sim = sim1({ close: [100, 96, 96, 97, 98, 99, 100], entries: [0, 2] }, { timeExitBars: 3, slStop: 0.03 });
    expect(tradeTable(sim).map((t) => [t[0], t[2], t[6]])).toEqual([
      [0, 1, 'stop_loss'],
      [2, 5, 'time_exit'],
    ]);
  });

  it('an entry on the time-exit bar is not taken (one order per bar)', () => {
    const sim = sim1({ close: [10, 10, 10, 10, 10], entries: [0, 2] }, { timeExitBars: 2 });
    expect(orderTable(sim).map((r) => [r[0], r[1]])).toEqual([
      [0, 'buy'],
      [2, 'sell'],
    ]);
  });
});

describe('fromSignals: shapes and records', () => {
  it('records are grouped by column ascending with a column map', () => {
    const close = Float64Array.of(10, 11, 12, 20, 21, 22);
    const sim = fromSignals({ nRows: 3, nCols: 2, close }, Uint8Array.of(1, 0, 0, 1, 0, 0), Uint8Array.of(0, 1, 0, 0, 0, 1), {
      initCash: Float64Array.of(100, 200),
    });
    expect([...sim.orders.col]).toEqual([0, 0, 1, 1]);
    expect([...sim.orders.colStart]).toEqual([0, 2, 4]);
    expect([...sim.trades.colStart]).toEqual([0, 1, 2]);
    expect(sim.orders.size[2], 'per-column init cash').toBe(10);
  });

  it('an empty matrix simulates to empty records', () => {
    const sim = fromSignals({ nRows: 0, nCols: 0, close: new Float64Array(0) }, new Uint8Array(0), new Uint8Array(0));
    expect(sim.orders.length + sim.trades.length + sim.value.length).toBe(0);
  });

  it('fromSignals on an all-NaN close column never trades and is worth init_cash on every bar', () => {
    const sim = sim1({ close: [NaN, NaN, NaN], entries: [0, 1], exits: [2] });
    expect(sim.orders.length).toBe(0);
    expect([...sim.value], 'vectorbt sets close to 0 where shares == 0 (base.py asset_value), so value = cash').toEqual([100, 100, 100]);
  });

  it('leading NaN closes are back-filled for the value: a flat column is worth its cash there', () => {
    const sim = sim1({ close: [NaN, NaN, 10, 11], entries: [2] });
    expect([...sim.value]).toEqual([100, 100, 100, 110]);
  });

  it('wrong shapes are rejected with the offending array named', () => {
    expect(() => fromSignals({ nRows: 2, nCols: 1, close: new Float64Array(2) }, new Uint8Array(3), new Uint8Array(2))).toThrow(/entries/);
    expect(() => fromSignals({ nRows: 2, nCols: 2, close: new Float64Array(4) }, new Uint8Array(4), new Uint8Array(4), { fees: Float64Array.of(1, 2, 3) })).toThrow(/fees/);
  });
});

describe('fromSignals: reusable buffers', () => {
  it('fromSignals(..., { value }) writes every element of a reused value buffer', () => {
    const close = Float64Array.of(10, 11, 12);
    const buf = new Float64Array(3).fill(-1);
    const sim = fromSignals({ nRows: 3, nCols: 1, close }, Uint8Array.of(1, 0, 0), Uint8Array.of(0, 0, 1), {}, { value: buf });
    expect(sim.value, 'the same buffer').toBe(buf);
    expect([...buf]).toEqual([100, 110, 120]);
    expect(() => fromSignals({ nRows: 3, nCols: 1, close }, new Uint8Array(3), new Uint8Array(3), {}, { value: new Float64Array(2) })).toThrow(/buffers.value/);
  });
});
