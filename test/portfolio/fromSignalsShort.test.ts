/**
 * fromSignals on the short side, on small hand-made paths: whole order and trade tables, cash / free cash / value,
 * for shorts, short stops, reversals, partial covers (a squeeze), percent and value sizing, four-array conflicts and
 * vectorbt's refusals. Expected numbers follow data-fixtures/golden/README.md "Part 2", written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { Portfolio } from '../../src/portfolio/Portfolio';
import { SimulationError } from '../../src/portfolio/SimulationError';
import { dirTradeTable, orderTable, sim1, simN, tradeTable } from './helpers';

const D = (dates: number) => Array.from({ length: dates }, (_, i) => `2021-01-${String(i + 1).padStart(2, '0')}`);

describe('fromSignals: shorts (direction shortonly)', () => {
  it("fromSignals(shortonly, entry 1, exit 3, fees 0.001) sells all the free cash's worth short, cash rises, free cash is 0; the cover buys it back", () => {
    const sim = sim1({ close: [100, 100, 90, 88], entries: [1], exits: [3] }, { direction: 'shortonly', fees: 0.001 });
    const size = 100 / (100 * 1.001);
    const sellFees = size * 100 * 0.001;
    const buyFees = size * 88 * 0.001;
    expect(orderTable(sim)).toEqual([
      [1, 'sell', size, 100, sellFees],
      [3, 'buy', size, 88, buyFees],
    ]);
    expect(dirTradeTable(sim)).toEqual([[1, 100, 3, 88, size, 'closed', 'short', 0]]);
    expect(sim.trades.pnl[0], 'short pnl = size * (entry - exit) - fees').toBeCloseTo(size * 12 - sellFees - buyFees, 12);
    const pf = new Portfolio(D(4), ['A'], { nRows: 4, nCols: 1, close: Float64Array.of(100, 100, 90, 88) }, sim);
    const cashAfterShort = 100 + (size * 100 - sellFees);
    expect([...pf.cash()[0]], 'the short sale raises the cash').toEqual([100, cashAfterShort, cashAfterShort, cashAfterShort - size * 88 - buyFees]);
    expect(pf.freeCash()[0][1], 'all the free cash is tied up by the short').toBe(0);
    expect([...pf.assets()[0]], 'negative while short').toEqual([0, -size, -size, 0]);
    expect(sim.value[2], 'value = cash + position * close').toBe(cashAfterShort - size * 90);
  });

  it('a short stop-loss sits above the entry close: close-only, the first close at or above 103 covers there', () => {
    const sim = sim1({ close: [100, 100, 102, 103.5, 90], entries: [1] }, { direction: 'shortonly', slStop: 0.03 });
    expect(tradeTable(sim)).toEqual([[1, 100, 3, 103.5, 1, 'closed', 'stop_loss']]);
  });

  it('a short take-profit sits below: the first close at or below 95 covers there; an open gap below covers at the open', () => {
    const closeOnly = sim1({ close: [100, 100, 96, 94, 90], entries: [1] }, { direction: 'shortonly', tpStop: 0.05 });
    expect(tradeTable(closeOnly)).toEqual([[1, 100, 3, 94, 1, 'closed', 'take_profit']]);
    const ohlc = sim1({ close: [100, 100, 93], open: [100, 100, 92], high: [100, 100, 94], low: [100, 100, 91], entries: [1] }, { direction: 'shortonly', tpStop: 0.05 });
    expect(tradeTable(ohlc)[0][3], 'open 92 <= level 95: the open').toBe(92);
  });

  it('a short trailing stop follows the lowest low, updated after the check: lows 95 then 90 -> level 99, the high 99.5 covers at 99', () => {
    const sim = sim1(
      { close: [100, 100, 96, 92, 98], open: [100, 100, 97, 93, 96], high: [100, 100, 98, 94, 99.5], low: [100, 100, 95, 90, 95.5], entries: [1] },
      { direction: 'shortonly', slStop: 0.1, slTrail: true },
    );
    expect(tradeTable(sim)).toEqual([[1, 100, 4, 90 * 1.1, 1, 'closed', 'trailing_stop']]);
  });

  it('a stop exit of a short gets no slippage; the signal short does', () => {
    const sim = sim1({ close: [100, 120], entries: [0] }, { direction: 'shortonly', slStop: 0.1, slippage: 0.01 });
    expect(orderTable(sim)).toEqual([
      [0, 'sell', 100 / 99, 99, 0],
      [1, 'buy', 100 / 99, 120, 0],
    ]);
  });
});

describe("fromSignals: direction 'both' and reversals", () => {
  it('an exit while long reverses in one order; an entry while short reverses back with all the cash (3 positions, parent ids 0, 1, 2)', () => {
    const sim = sim1({ close: [10, 10, 12, 12, 9, 9], entries: [1, 5], exits: [3] }, { direction: 'both' });
    // long 10 @ 10; at 12 sell the 10 plus 120 / 12 = 10 short in one order; at 9 buy back 10 and 240 / 9 - 10 long.
    expect(orderTable(sim)).toEqual([
      [1, 'buy', 10, 10, 0],
      [3, 'sell', 20, 12, 0],
      [5, 'buy', 240 / 9, 9, 0],
    ]);
    expect(dirTradeTable(sim)).toEqual([
      [1, 10, 3, 12, 10, 'closed', 'long', 0],
      [3, 12, 5, 9, 10, 'closed', 'short', 1],
      [5, 9, 5, 9, 240 / 9 - 10, 'open', 'long', 2],
    ]);
    expect([...sim.value], '100 -> +20 long -> +30 short').toEqual([100, 100, 120, 120, 150, 150]);
  });

  it("an exit while flat opens a short in 'both'; entry and exit on one bar are both ignored", () => {
    const sim = sim1({ close: [10, 10, 8, 8], entries: [2, 3], exits: [0, 3] }, { direction: 'both' });
    expect(orderTable(sim).map((o) => [o[0], o[1]])).toEqual([
      [0, 'sell'],
      [2, 'buy'],
    ]);
    expect(dirTradeTable(sim).map((t) => [t[6], t[5]])).toEqual([
      ['short', 'closed'],
      ['long', 'open'],
    ]);
  });

  it('a stop exit never reverses in both: the stop only covers', () => {
    const sim = sim1({ close: [100, 100, 104, 104], entries: [], exits: [1] }, { direction: 'both', slStop: 0.03 });
    expect(orderTable(sim).map((o) => [o[0], o[1], o[2]])).toEqual([
      [1, 'sell', 1],
      [2, 'buy', 1],
    ]);
    expect(sim.value[3], 'flat after the stop').toBe(96);
  });

  it('a value-sized reversal sells the long plus size / close short', () => {
    const sim = sim1({ close: [10, 10, 20, 20], entries: [0], exits: [2] }, { direction: 'both', sizeType: 'value', size: 50 });
    expect(orderTable(sim)).toEqual([
      [0, 'buy', 5, 10, 0],
      [2, 'sell', 5 + 50 / 20, 20, 0],
    ]);
  });
});

describe('fromSignals: four-array mode (shortEntries / shortExits)', () => {
  it('long and short signals: an opposite entry reverses, and exit + opposite entry on one bar reverses too', () => {
    const sim = simN({ close: [[10, 10, 10, 10, 10, 10]], entries: [[0, 4]], exits: [[2]], shortEntries: [[2]], shortExits: [[]] });
    expect(orderTable(sim).map((o) => [o[0], o[1], o[2]])).toEqual([
      [0, 'buy', 10],
      [2, 'sell', 20],
      [4, 'buy', 20],
    ]);
  });

  it('the three conflicts are ignored: long entry+exit, short entry+exit, long entry+short entry', () => {
    const sim = simN({ close: [[10, 10, 10, 10]], entries: [[0, 2]], exits: [[0]], shortEntries: [[1, 2]], shortExits: [[1]] });
    expect(orderTable(sim), 'no order at all').toEqual([]);
  });

  it('direction is ignored in four-array mode (vectorbt warns and ignores it)', () => {
    const a = simN({ close: [[10, 11, 12]], entries: [[0]], exits: [[2]], shortEntries: [[]], shortExits: [[]] }, { direction: 'shortonly' });
    expect(orderTable(a).map((o) => o[1])).toEqual(['buy', 'sell']);
  });
});

describe('fromSignals: cash limits of the short side', () => {
  it('a squeeze: the cover needs more than the cash, so it is partial, the rest stays short (same parent id), value goes negative, a later cover is rejected', () => {
    const sim = sim1({ close: [10, 10, 25, 30], entries: [0], exits: [2, 3] }, { direction: 'shortonly' });
    expect(orderTable(sim)).toEqual([
      [0, 'sell', 10, 10, 0],
      [2, 'buy', 200 / 25, 25, 0],
    ]);
    expect(dirTradeTable(sim)).toEqual([
      [0, 10, 2, 25, 8, 'closed', 'short', 0],
      [0, 10, 3, 30, 2, 'open', 'short', 0],
    ]);
    expect([...sim.value], 'cash 0 and 2 shares short').toEqual([100, 100, -50, -60]);
    const pf = new Portfolio(D(4), ['A'], { nRows: 4, nCols: 1, close: Float64Array.of(10, 10, 25, 30) }, sim);
    expect(pf.freeCash()[0][2], 'free cash 0 + 2 * 80 (released debt) - 200').toBe(-40);
  });

  it('a finite short is never limited by cash: 30 shares at 10 with 100 of cash', () => {
    const sim = sim1({ close: [10, 10], entries: [0] }, { direction: 'shortonly', size: 30 });
    expect(orderTable(sim)).toEqual([[0, 'sell', 30, 10, 0]]);
  });

  it('percent short: 50 % of the largest short the free cash allows', () => {
    const sim = sim1({ close: [10, 10], entries: [0] }, { direction: 'shortonly', sizeType: 'percent', size: 0.5 });
    expect(orderTable(sim)).toEqual([[0, 'sell', 5, 10, 0]]);
  });

  it('percent sizing cannot reverse: vectorbt raises, and so do we, with its message', () => {
    const run = () => sim1({ close: [10, 10, 10], entries: [0], exits: [1] }, { direction: 'both', sizeType: 'percent', size: 0.5 });
    expect(run).toThrow(SimulationError);
    expect(run).toThrow('SizeType.Percent does not support position reversal using signals');
  });

  it("size type 'targetpercent' is refused as by vectorbt's from_signals", () => {
    expect(() => sim1({ close: [10, 10] }, { sizeType: 'targetpercent' })).toThrow('Only SizeType.Amount, SizeType.Value, and SizeType.Percent are supported');
  });
});

describe('fromSignals: tiny-cash corners (value from the orders, as vectorbt)', () => {
  it('an initial cash below 1e-12 is worth 0 from the first bar (cash_nb adds each bar with addSnap), and buys nothing', () => {
    const sim = sim1({ close: [10, 11, 12], entries: [0] }, { initCash: 1e-13 });
    expect(sim.orders.length).toBe(0);
    expect([...sim.value]).toEqual([0, 0, 0]);
  });

  it('a sale whose proceeds are snapped to its fixed fee leaves the running cash unchanged but its cash flow counts in the value', () => {
    // 1 share bought at 100 (fixed fee 50): cash 850; sold at 50 + 1e-10: proceeds - fee = 1e-10, snapped to 0 in
    // the simulation (add_nb), but the order's cash flow 50.0000000001 - 50 is kept by pf.cash().
    const p = 50.0000000001;
    const sim = sim1({ close: [100, p, p], entries: [0], exits: [1] }, { size: 1, fixedFees: 50, initCash: 1000 });
    expect(orderTable(sim)).toEqual([
      [0, 'buy', 1, 100, 50],
      [1, 'sell', 1, p, 50],
    ]);
    expect(sim.value[1], 'the cash flow of the sale').toBe(850 + (1 * p - 50));
    expect(sim.value[1]).not.toBe(850);
  });
});
