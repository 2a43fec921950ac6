/**
 * vecbt's portfolio-mode extensions of the shared-cash kernel: a cap on open positions, entries in priority order,
 * and equity sizing. Without them (0, null, vectorbt's size types) the kernel is vectorbt's (the p* golden cases).
 */
import { describe, expect, it } from 'vitest';
import { fromSignals } from '../../src/portfolio/fromSignals';
import { SimulationError } from '../../src/portfolio/SimulationError';

/** 4 tickers, 6 bars; every ticker enters on bar 1; A exits on bar 3. */
function market() {
  const nRows = 6;
  const nCols = 4;
  const close = new Float64Array(nRows * nCols);
  const px = [10, 20, 40, 50];
  for (let c = 0; c < nCols; c++) for (let r = 0; r < nRows; r++) close[c * nRows + r] = px[c] * (1 + 0.01 * r);
  const entries = new Uint8Array(nRows * nCols);
  const exits = new Uint8Array(nRows * nCols);
  for (let c = 0; c < nCols; c++) entries[c * nRows + 1] = 1;
  exits[0 * nRows + 3] = 1;
  entries[2 * nRows + 4] = 1; // C and D signal again on bar 4
  entries[3 * nRows + 4] = 1;
  return { prices: { nRows, nCols, close }, entries, exits, nRows, nCols };
}
const base = { groupBy: true, cashSharing: true, callSeq: 'auto', sizeType: 'value', size: 100, initCash: 1000 } as const;
const opened = (sim: ReturnType<typeof fromSignals>) => Array.from({ length: sim.orders.length }, (_, k) => `${sim.orders.col[k]}@${sim.orders.idx[k]}${sim.orders.side[k] === 0 ? 'b' : 's'}`).sort();

describe('fromSignals with cash sharing: vecbt portfolio extensions', () => {
  it('maxPositions: 2 caps the open positions; an entry beyond them is lost, a slot freed by an exit is reused by a later entry', () => {
    const m = market();
    const sim = fromSignals(m.prices, m.entries, m.exits, { ...base, maxPositions: 2 });
    // bar 1: A and B (column order: equal values) open, C and D are refused; bar 3: A exits; bar 4: C and D
    // signal again and the one free slot goes to C (column order).
    expect(opened(sim)).toEqual(['0@1b', '0@3s', '1@1b', '2@4b']);
  });

  it('entryPriority: the bar entries run highest priority first (ties: column order), after the exits', () => {
    const m = market();
    const priority = new Float64Array(m.nRows * m.nCols).fill(NaN);
    // bar 1: D > C > A = B
    for (const [c, p] of [[0, 1], [1, 1], [2, 5], [3, 9]]) priority[c * m.nRows + 1] = p;
    const sim = fromSignals(m.prices, m.entries, m.exits, { ...base, maxPositions: 2, entryPriority: priority, attachCallSeq: true });
    expect(opened(sim)).toEqual(['2@1b', '3@1b']);
    expect(Array.from({ length: 4 }, (_, c) => sim.callSeq![c * m.nRows + 1]), 'D, C, then A and B').toEqual([3, 2, 0, 1]);
  });

  it("sizeType 'equity': each entry buys a fraction of the account's equity at the bar's start", () => {
    const m = market();
    const sim = fromSignals(m.prices, m.entries, m.exits, { ...base, sizeType: 'equity', size: 0.25 });
    // bar 1: equity 1000 (all cash): every entry buys 250 of stock at its close.
    for (let c = 0; c < 4; c++) {
      const k = sim.orders.colStart[c];
      expect(sim.orders.size[k] * sim.orders.price[k], `ticker ${c}`).toBeCloseTo(250, 9);
    }
  });

  it("sizeType 'equity' refuses a reversal, as vectorbt's percent does", () => {
    const m = market();
    expect(() => fromSignals(m.prices, m.entries, m.exits, { ...base, sizeType: 'equity', size: 0.25, direction: 'both' })).toThrow(SimulationError);
  });

  it('maxPositions and entryPriority need cash sharing', () => {
    const m = market();
    expect(() => fromSignals(m.prices, m.entries, m.exits, { maxPositions: 2 })).toThrow('options.maxPositions and options.entryPriority need cashSharing');
  });
});
