import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { checkValue, describeSpec, flagOf, formatValue, fromJson, helpLine, parseValue, toJson, validateParam, type ParamSpec } from '../../src/strategy/paramSpec';

const window: ParamSpec = { type: 'integer', default: 20, min: 1, doc: 'lookback bars' };
const stop: ParamSpec = { type: 'number', default: 0.03, min: 0, special: 'off', doc: 'stop' };
const size: ParamSpec = { type: 'number', default: Infinity, min: 0, special: 'all', doc: 'size' };
const cash: ParamSpec = { type: 'number', default: 100, min: 0, minExclusive: true, doc: 'cash' };
const mode: ParamSpec = { type: 'enum', default: 'a', values: ['a', 'b-c'], doc: 'mode' };
const flag: ParamSpec = { type: 'boolean', default: false, doc: 'flag' };

describe('flagOf', () => {
  it("flagOf('atr_pct_min') is --atr-pct-min", () => expect(flagOf('atr_pct_min')).toBe('--atr-pct-min'));
});

describe('describeSpec', () => {
  it('describeSpec says what each kind of spec accepts', () => {
    expect([window, stop, size, cash, mode, flag].map(describeSpec)).toEqual([
      'an integer >= 1', 'a number >= 0, or off', 'a number >= 0, or all', 'a number > 0', 'one of a, b-c', 'true or false',
    ]);
  });
});

describe('checkValue', () => {
  it('checkValue accepts in-range values and the spec\'s special value only', () => {
    expect([checkValue(window, 1), checkValue(stop, NaN), checkValue(size, Infinity), checkValue(cash, 0.01), checkValue(mode, 'b-c'), checkValue(flag, true)]).toEqual([null, null, null, null, null, null]);
  });
  it('checkValue rejects out-of-range, non-integer, wrong-type and unspecial NaN/Infinity values', () => {
    const bad: [ParamSpec, unknown][] = [[window, 0], [window, 2.5], [window, '20'], [stop, -0.1], [stop, Infinity], [size, NaN], [cash, 0], [cash, NaN], [mode, 'c'], [flag, 1], [window, 2 ** 60]];
    for (const [spec, v] of bad) expect(checkValue(spec, v), `${String(v)} for ${describeSpec(spec)}`).not.toBeNull();
  });
});

describe('parseValue', () => {
  it('parseValue reads decimals, off/all words and booleans', () => {
    expect([parseValue(window, '14', 'x'), parseValue(stop, 'off', 'x'), parseValue(stop, '1e-2', 'x'), parseValue(size, 'all', 'x'), parseValue(flag, 'yes', 'x'), parseValue(mode, 'b-c', 'x')]).toEqual([14, NaN, 0.01, Infinity, true, 'b-c']);
  });
  it('parseValue refuses words that Number() would accept: "", hex, "Infinity" for a plain number', () => {
    for (const raw of ['', '0x10', 'Infinity', '1,5', 'abc']) expect(() => parseValue(window, raw, '--w'), raw).toThrow(UserError);
    expect(() => parseValue(window, 'abc', '--window')).toThrow('--window must be an integer >= 1, got "abc"');
  });
});

describe('validateParam', () => {
  it('validateParam(name, spec, bad, where, flagOf) names the flag, the range and the value', () => {
    expect(() => validateParam('fast_window', window, 0, 'flags', flagOf)).toThrow('flags: --fast-window must be an integer >= 1, got 0');
    expect(() => validateParam('mode', mode, 'x', 'case.json')).toThrow('case.json: mode must be one of a, b-c, got "x"');
  });
});

describe('formatValue, fromJson, toJson', () => {
  it('formatValue spells NaN off and Infinity all', () => {
    expect([formatValue(stop, NaN), formatValue(size, Infinity), formatValue(window, 20), formatValue(flag, false)]).toEqual(['off', 'all', '20', 'false']);
  });
  it('fromJson(null) is the spec\'s special value; toJson maps it back to null', () => {
    expect([fromJson(stop, null), fromJson(size, null), fromJson(window, null)]).toEqual([NaN, Infinity, null]);
    expect([toJson(NaN), toJson(Infinity), toJson(0.5), toJson('a')]).toEqual([null, null, 0.5, 'a']);
  });
});

describe('helpLine', () => {
  it('helpLine shows the flag, the range and the default', () => {
    expect(helpLine('sl_stop', stop)).toBe('--sl-stop X'.padEnd(34) + 'stop (a number >= 0, or off; default 0.03)');
  });
});
