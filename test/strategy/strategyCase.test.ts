import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { parseStrategyCase } from '../../src/strategy/strategyCase';

const v1 = { schema: 'vecbt-strategy-case/1', name: 'n', description: 'd', data: 'x.ohlcv.csv' };
const v2 = { schema: 'vecbt-strategy-case/2', name: 'n', description: 'd', data: 'x.ohlcv.csv' };

describe('parseStrategyCase (vecbt-strategy-case/1)', () => {
  it('parseStrategyCase(v1) is rvol_atr with its flat keys, data resolved next to the file, freq read', () => {
    const c = parseStrategyCase(
      { ...v1, strategy: { rvol_window: 20, rvol_min: 2.0, atr_window: 14, atr_pct_min: 8.0, hold_bars: 7, sl_stop: 0.03, fees: 0.001, init_cash: 100, freq: '1D' } },
      'cases/a.strategy.json',
    );
    expect([c.schema, c.strategyRef]).toEqual(['vecbt-strategy-case/1', 'rvol_atr']);
    expect(c.settings).toEqual({ rvol_window: 20, rvol_min: 2, atr_window: 14, atr_pct_min: 8, hold_bars: 7, sl_stop: 0.03, fees: 0.001, init_cash: 100 });
    expect(c.dataPath).toBe(resolve('cases/x.ohlcv.csv'));
    expect(c.freqDays).toBe(1);
    expect([c.name, c.description]).toEqual(['n', 'd']);
  });
  it('parseStrategyCase reads null stops as off and null size as all the cash, and exit_mode', () => {
    const c = parseStrategyCase({ ...v1, strategy: { sl_stop: null, tp_stop: null, size: null, exit_mode: 'bars-after-fill' } }, 'a.json');
    expect(c.settings).toEqual({ sl_stop: NaN, tp_stop: NaN, size: Infinity, exit_mode: 'bars-after-fill' });
  });
  it('parseStrategyCase without "strategy" uses the defaults', () => {
    expect(parseStrategyCase(v1, 'a.json').settings).toEqual({});
  });
});

describe('parseStrategyCase (vecbt-strategy-case/2)', () => {
  it('parseStrategyCase(v2) names the strategy and keeps its params and the portfolio apart', () => {
    const c = parseStrategyCase(
      { ...v2, strategy: { name: 'rvol_atr', params: { rvol_window: 10, hold_bars: 5 } }, portfolio: { sl_stop: null, tp_stop: 0.15, fees: 0.001, init_cash: 100, freq: '1D' } },
      'a.json',
    );
    expect([c.schema, c.strategyRef, c.freqDays]).toEqual(['vecbt-strategy-case/2', 'rvol_atr', 1]);
    expect(c.settings).toEqual({ rvol_window: 10, hold_bars: 5, sl_stop: NaN, tp_stop: 0.15, fees: 0.001, init_cash: 100 });
  });
  it('parseStrategyCase(v2 with strategy.file) resolves the file next to the case', () => {
    const c = parseStrategyCase({ ...v2, strategy: { file: 'my.ts', params: {} } }, 'cases/a.json', { name: 'mine', params: {} } as never);
    expect(c.strategyRef).toBe(resolve('cases/my.ts'));
  });
});

describe('parseStrategyCase rejects', () => {
  const bad: [string, unknown, string][] = [
    ['not an object', [], 'a.json: expected a JSON object with "schema": "vecbt-strategy-case/2", got an array'],
    ['a wrong schema', { ...v1, schema: 'x' }, 'a.json: "schema" must be "vecbt-strategy-case/2" (or "vecbt-strategy-case/1"), got "x"'],
    ['no data', { ...v1, data: undefined }, 'a.json: "data" must be the path of the OHLCV CSV (relative to this file), got undefined'],
    ['an unknown field', { ...v1, params: {} }, 'a.json: unknown field "params"; allowed: schema, name, description, data, strategy'],
    ['an unknown strategy key', { ...v1, strategy: { rvolMin: 2 } }, 'a.json: unknown key "strategy.rvolMin" for strategy rvol_atr; allowed: rvol_window, rvol_min,'],
    ['hold_bars 0', { ...v1, strategy: { hold_bars: 0 } }, 'a.json: hold_bars must be an integer >= 1, got 0'],
    ['a negative stop', { ...v1, strategy: { sl_stop: -0.03 } }, 'a.json: sl_stop must be a number >= 0, or off, got -0.03'],
    ['a bad freq', { ...v1, strategy: { freq: '1H' } }, 'a.json: strategy.freq: freq must be a number of days like "1D", got "1H"'],
    ['a non-object strategy', { ...v1, strategy: 3 }, 'a.json: "strategy" must be an object, got number'],
    ['an unknown built-in', { ...v2, strategy: { name: 'nope' } }, 'a.json: unknown strategy "nope"; built-ins: rvol_atr'],
    ['a portfolio key among the params', { ...v2, strategy: { name: 'rvol_atr', params: { sl_stop: 0.1 } } }, 'a.json: unknown key "strategy.params.sl_stop" for strategy rvol_atr; allowed: rvol_window'],
    ['a strategy param in the portfolio', { ...v2, strategy: { name: 'rvol_atr' }, portfolio: { hold_bars: 3 } }, 'a.json: unknown key "portfolio.hold_bars" for strategy rvol_atr; allowed: init_cash'],
    ['both name and file', { ...v2, strategy: { name: 'rvol_atr', file: 'x.ts' } }, 'a.json: "strategy" needs exactly one of "name"'],
  ];
  it.each(bad)('parseStrategyCase rejects %s', (_, doc, message) => {
    expect(() => parseStrategyCase(doc, 'a.json')).toThrow(UserError);
    expect(() => parseStrategyCase(doc, 'a.json')).toThrow(message);
  });
});
