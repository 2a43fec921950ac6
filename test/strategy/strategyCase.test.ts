import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { jsonKey, parseStrategyCase } from '../../src/strategy/strategyCase';

const base = { schema: 'vecbt-strategy-case/1', name: 'n', description: 'd', data: 'x.ohlcv.csv' };

describe('parseStrategyCase', () => {
  it('parseStrategyCase maps snake_case keys, resolves data next to the file and reads freq', () => {
    const c = parseStrategyCase(
      { ...base, strategy: { rvol_window: 20, rvol_min: 2.0, atr_window: 14, atr_pct_min: 8.0, hold_bars: 7, sl_stop: 0.03, fees: 0.001, init_cash: 100, freq: '1D' } },
      'cases/a.strategy.json',
    );
    expect(c.params).toEqual({ rvolWindow: 20, rvolMin: 2, atrWindow: 14, atrPctMin: 8, holdBars: 7, slStop: 0.03, fees: 0.001, initCash: 100 });
    expect(c.dataPath).toBe(resolve('cases/x.ohlcv.csv'));
    expect(c.freqDays).toBe(1);
    expect([c.name, c.description]).toEqual(['n', 'd']);
  });
  it('parseStrategyCase reads null stops as off and null size as all the cash, and exit_mode', () => {
    const c = parseStrategyCase({ ...base, strategy: { sl_stop: null, tp_stop: null, size: null, exit_mode: 'bars-after-fill' } }, 'a.json');
    expect(c.params).toEqual({ slStop: NaN, tpStop: NaN, size: Infinity, exitMode: 'bars-after-fill' });
  });
  it('parseStrategyCase without "strategy" uses the defaults', () => {
    expect(parseStrategyCase(base, 'a.json').params).toEqual({});
  });
  const bad: [string, unknown, string][] = [
    ['not an object', [], 'a.json: expected a JSON object with "schema": "vecbt-strategy-case/1", got an array'],
    ['a wrong schema', { ...base, schema: 'x' }, 'a.json: "schema" must be "vecbt-strategy-case/1", got "x"'],
    ['no data', { ...base, data: undefined }, 'a.json: "data" must be the path of the OHLCV CSV (relative to this file), got undefined'],
    ['an unknown field', { ...base, params: {} }, 'a.json: unknown field "params"; allowed: schema, name, description, data, strategy'],
    ['an unknown strategy key', { ...base, strategy: { rvolMin: 2 } }, 'a.json: unknown strategy key "rvolMin"; allowed: rvol_window, rvol_min,'],
    ['holdBars 0', { ...base, strategy: { hold_bars: 0 } }, 'a.json: strategy: hold_bars must be an integer >= 1, got 0'],
    ['a negative stop', { ...base, strategy: { sl_stop: -0.03 } }, 'a.json: strategy: sl_stop must be a fraction >= 0'],
    ['a bad freq', { ...base, strategy: { freq: '1H' } }, 'a.json: strategy.freq: freq must be a number of days like "1D", got "1H"'],
    ['a non-object strategy', { ...base, strategy: 3 }, 'a.json: "strategy" must be an object, got number'],
  ];
  it.each(bad)('parseStrategyCase rejects %s', (_, doc, message) => {
    expect(() => parseStrategyCase(doc, 'a.json')).toThrow(UserError);
    expect(() => parseStrategyCase(doc, 'a.json')).toThrow(message);
  });
  it('jsonKey(atrPctMin) is atr_pct_min', () => {
    expect(jsonKey('atrPctMin')).toBe('atr_pct_min');
  });
});
