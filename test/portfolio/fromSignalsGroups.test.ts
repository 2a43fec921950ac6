/**
 * fromSignals with groups and shared cash on small hand-made paths: the call order within a bar (sells first,
 * then buys by approximate value), insufficient cash (full fills, one partial fill, rejections), percent of the
 * current cash, short proceeds funding longs, the group series and group stats.
 */
import { describe, expect, it } from 'vitest';
import { computeStats, statIndex } from '../../src/portfolio/metrics';
import { Portfolio } from '../../src/portfolio/Portfolio';
import { colOrders, dirTradeTable, simN } from './helpers';

const shared = { groupBy: true, cashSharing: true, callSeq: 'auto', attachCallSeq: true } as const;

describe('fromSignals: one group with shared cash', () => {
  // A and C enter on bar 1 with 60 of value each out of 100: A fills, C gets the remaining 40. On bar 3 B enters
  // (value 60) while C exits: in 'auto' order C's sale comes first and funds B; in column order B (column 1) runs
  // before C (column 2) and finds no cash.
  const path = {
    close: [
      [10, 10, 10, 10],
      [40, 40, 40, 40],
      [20, 20, 20, 25],
    ],
    entries: [[1], [3], [1]],
    exits: [[], [], [3]],
  };

  it("callSeq 'auto': sells first, so C's sale funds B's entry on the same bar", () => {
    const sim = simN(path, { ...shared, sizeType: 'value', size: 60 });
    expect(colOrders(sim, 0)).toEqual([[1, 'buy', 6, 10, 0]]);
    expect(colOrders(sim, 2), 'C gets what A left: 40 / 20').toEqual([
      [1, 'buy', 2, 20, 0],
      [3, 'sell', 2, 25, 0],
    ]);
    expect(colOrders(sim, 1), "B gets C's 50 of proceeds (less than its 60: a partial fill)").toEqual([[3, 'buy', 50 / 40, 40, 0]]);
    const pf = new Portfolio(['d0', 'd1', 'd2', 'd3'], ['A', 'B', 'C'], { nRows: 4, nCols: 3, close: Float64Array.from(path.close.flat()) }, sim);
    expect(pf.callSeq()!.map((r) => [...r]), 'no-order members before buys (bar 1); bar 3: C (sell), A (no order), B (buy)').toEqual([
      [0, 1, 2],
      [1, 0, 2],
      [0, 1, 2],
      [2, 0, 1],
    ]);
    expect([...pf.groupCash()[0]]).toEqual([100, 0, 0, 0]);
    expect([...pf.groupValue()[0]], 'A 6 x 10 + C 2 x 20, then A 60 + B 50').toEqual([100, 100, 100, 110]);
  });

  it("callSeq 'default': column order, so B's entry finds no cash and is rejected (the signal is lost)", () => {
    const sim = simN(path, { groupBy: true, cashSharing: true, sizeType: 'value', size: 60 });
    expect(colOrders(sim, 1)).toEqual([]);
    expect(sim.groups!.cash[3], "C's proceeds stay in cash").toBe(50);
  });

  it('more entries than cash: full fills in call order while the cash lasts, one partial fill, then rejections', () => {
    const sim = simN(
      { close: [[10, 10], [10, 10], [10, 10], [10, 10]], entries: [[0], [0], [0], [0]] },
      { ...shared, sizeType: 'value', size: 30, initCash: 80 },
    );
    expect([0, 1, 2, 3].map((c) => colOrders(sim, c).map((o) => o[2]))).toEqual([[3], [3], [2], []]);
  });

  it('default size (all cash) in a group: the first entry in call order takes everything, the others are rejected', () => {
    const sim = simN({ close: [[10, 10], [20, 20]], entries: [[0], [0]] }, shared);
    expect(colOrders(sim, 0)).toEqual([[0, 'buy', 10, 10, 0]]);
    expect(colOrders(sim, 1)).toEqual([]);
  });

  it('percent = a fraction of the cash at the moment the order runs: three 10 % entries get 10 %, 9 %, 8.1 % of the start', () => {
    const sim = simN({ close: [[10], [20], [40]], entries: [[0], [0], [0]] }, { ...shared, sizeType: 'percent', size: 0.1, initCash: 1000 });
    expect([0, 1, 2].map((c) => colOrders(sim, c)[0][2] * [10, 20, 40][c])).toEqual([100, 90, 0.1 * 900 * 0.9]);
  });

  it("a short's proceeds fund a long in the same group ('both'): the long is sized on cash, not free cash", () => {
    const sim = simN({ close: [[10, 10], [20, 20]], entries: [[], [1]], exits: [[0], []] }, { ...shared, direction: 'both' });
    // A shorts 10 shares (all the free cash): cash 200, free cash 0. B buys on the next bar with all 200 of cash.
    expect(colOrders(sim, 0)).toEqual([[0, 'sell', 10, 10, 0]]);
    expect(colOrders(sim, 1)).toEqual([[1, 'buy', 10, 20, 0]]);
    expect([...sim.groups!.freeCash], 'free cash: 0, then -200').toEqual([0, -200]);
    expect([...sim.groups!.value]).toEqual([100, 100]);
  });

  it('position ids count over all columns in column order', () => {
    const sim = simN({ close: [[10, 11, 12, 13], [20, 21, 22, 23]], entries: [[0, 2], [0]], exits: [[1], []] }, { ...shared, sizeType: 'value', size: 40 });
    expect(dirTradeTable(sim).map((t) => [t[0], t[7]])).toEqual([
      [0, 0],
      [2, 1],
      [0, 2],
    ]);
  });
});

describe('fromSignals: explicit groups', () => {
  it('groupBy [0, 0, 1]: each group trades its own init cash; group stats per group, trades pooled', () => {
    const sim = simN(
      { close: [[10, 10, 12], [20, 20, 18], [5, 5, 6]], entries: [[0], [0], [0]], exits: [[2], [2], []] },
      { groupBy: Int32Array.of(0, 0, 1), cashSharing: true, callSeq: 'auto', sizeType: 'value', size: 50, initCash: Float64Array.of(100, 30) },
    );
    expect(sim.groups!.nGroups).toBe(2);
    expect([...sim.groups!.initCash]).toEqual([100, 30]);
    expect(colOrders(sim, 2), 'group 1 has only 30').toEqual([[0, 'buy', 6, 5, 0]]);
    const t = computeStats({ nRows: 3, nCols: 3, close: Float64Array.from([10, 10, 12, 20, 20, 18, 5, 5, 6]) }, sim);
    expect(t.nCols, 'one stats column per group').toBe(2);
    const at = (name: string, g: number) => t.values[statIndex(name) * 2 + g];
    expect(at('Total Trades', 0), "group 0 pools A's and B's trades").toBe(2);
    expect(at('End Value', 0), 'A +10, B -5').toBe(105);
    expect(at('End Value', 1), '6 shares 5 -> 6').toBe(36);
    expect(at('Benchmark Return [%]', 0), 'half the cash in each: (1.2 + 0.9) / 2 - 1').toBeCloseTo(5, 12);
  });

  it('groups must be runs of consecutive columns, and cash sharing needs groups', () => {
    expect(() => simN({ close: [[1], [1], [1]] }, { groupBy: [0, 1, 0] })).toThrow(/not consecutive/);
    expect(() => simN({ close: [[1]] }, { cashSharing: true })).toThrow(/needs options.groupBy/);
  });

  it('initCash with cash sharing has one value per group', () => {
    expect(() => simN({ close: [[1], [1]] }, { groupBy: true, cashSharing: true, initCash: Float64Array.of(1, 2) })).toThrow(/the number of groups = 1/);
  });
});
