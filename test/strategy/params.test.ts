import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { DEFAULT_STRATEGY, resolveStrategy } from '../../src/strategy/params';

describe('DEFAULT_STRATEGY', () => {
  it('DEFAULT_STRATEGY is the seed and frozen', () => {
    expect(DEFAULT_STRATEGY).toEqual({
      rvolWindow: 20, rvolMin: 2, atrWindow: 14, atrPctMin: 8, holdBars: 7, exitMode: 'shifted-signal',
      slStop: 0.03, slTrail: false, tpStop: NaN, fees: 0.001, fixedFees: 0, slippage: 0, initCash: 100, size: Infinity,
    });
    expect(Object.isFrozen(DEFAULT_STRATEGY)).toBe(true);
  });
});

describe('resolveStrategy', () => {
  it('resolveStrategy({}) is the defaults', () => {
    expect(resolveStrategy({})).toEqual(DEFAULT_STRATEGY);
  });
  it('resolveStrategy(partial) overrides only the given keys and returns a frozen object', () => {
    const p = resolveStrategy({ rvolMin: 2.5, exitMode: 'bars-after-fill', slStop: NaN });
    expect(p.rvolMin).toBe(2.5);
    expect(p.exitMode).toBe('bars-after-fill');
    expect(p.slStop).toBeNaN();
    expect(p.holdBars).toBe(7);
    expect(Object.isFrozen(p)).toBe(true);
  });
  const bad: [string, Record<string, unknown>, string][] = [
    ['a negative stop', { slStop: -0.03 }, 'strategy: slStop must be a fraction >= 0 (e.g. 0.03), or NaN/null for off, got -0.03'],
    ['holdBars 0', { holdBars: 0 }, 'strategy: holdBars must be an integer >= 1, got 0'],
    ['a non-integer holdBars', { holdBars: 2.5 }, 'strategy: holdBars must be an integer >= 1, got 2.5'],
    ['an unknown exit mode', { exitMode: 'soon' }, 'strategy: exitMode must be one of shifted-signal, bars-after-fill, got "soon"'],
    ['a string number', { fees: '0.001' }, 'strategy: fees must be a finite number, got "0.001"'],
    ['zero init cash', { initCash: 0 }, 'strategy: initCash must be a finite number > 0, got 0'],
    ['a non-boolean slTrail', { slTrail: 1 }, 'strategy: slTrail must be true or false, got 1'],
  ];
  it.each(bad)('resolveStrategy rejects %s with a one-line UserError', (_, partial, message) => {
    expect(() => resolveStrategy(partial as never)).toThrow(UserError);
    expect(() => resolveStrategy(partial as never)).toThrow(message);
  });
  it('resolveStrategy rejects an unknown key, listing the known ones', () => {
    expect(() => resolveStrategy({ rvol_min: 2 } as never)).toThrow(
      "strategy: unknown parameter 'rvol_min'; known: rvolWindow, rvolMin, atrWindow, atrPctMin, holdBars, exitMode, slStop, slTrail, tpStop, fees, fixedFees, slippage, initCash, size",
    );
  });
  it('resolveStrategy(partial, where, name) names the key as the user wrote it', () => {
    expect(() => resolveStrategy({ holdBars: 0 }, 'x.json "strategy"', (k) => k.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()))).toThrow(
      'x.json "strategy": hold_bars must be an integer >= 1, got 0',
    );
  });
});
