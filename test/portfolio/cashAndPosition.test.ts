import { describe, expect, it } from 'vitest';
import { cashAndPosition } from '../../src/portfolio/cashAndPosition';
import { sim1 } from './helpers';

describe('cashAndPosition', () => {
  it('cashAndPosition(sim) rebuilds cash and shares per bar; cash + shares * close is the value', () => {
    const close = [10, 10, 12, 12];
    const sim = sim1({ close, entries: [1], exits: [2] }, { size: 4 });
    const { cash, position } = cashAndPosition(sim);
    expect([...cash]).toEqual([100, 60, 108, 108]);
    expect([...position]).toEqual([0, 4, 0, 0]);
    for (let i = 0; i < 4; i++) expect(cash[i] + position[i] * close[i]).toBe(sim.value[i]);
  });
  it('an all-cash buy leaves exactly 0 cash', () => {
    const sim = sim1({ close: [3, 3.3], entries: [0] }, { fees: 0.001 });
    expect(cashAndPosition(sim).cash[0]).toBe(0);
  });
  it('an empty simulation gives empty series', () => {
    const sim = sim1({ close: [] });
    expect(cashAndPosition(sim).cash.length).toBe(0);
  });
});
