import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { flagName, parseStrategyFlags } from '../../src/strategy/flags';

describe('parseStrategyFlags', () => {
  it('parseStrategyFlags maps every strategy flag to its parameter', () => {
    const { params, rest } = parseStrategyFlags([
      '--rvol-window', '10', '--rvol-min', '2.5', '--atr-window', '7', '--atr-pct-min', '8', '--hold-bars', '5',
      '--exit-mode', 'bars-after-fill', '--sl-stop', '0.05', '--sl-trail', '--tp-stop', '0.1', '--fees', '0.002',
      '--fixed-fees', '1', '--slippage', '0.001', '--init-cash', '1000', '--size', 'inf',
    ]);
    expect(params).toEqual({
      rvolWindow: 10, rvolMin: 2.5, atrWindow: 7, atrPctMin: 8, holdBars: 5, exitMode: 'bars-after-fill', slStop: 0.05,
      slTrail: true, tpStop: 0.1, fees: 0.002, fixedFees: 1, slippage: 0.001, initCash: 1000, size: Infinity,
    });
    expect(rest).toEqual([]);
  });
  it('parseStrategyFlags returns positional arguments and the caller\'s own flags in order', () => {
    expect(parseStrategyFlags(['case.json', '--rvol-min=3', '--only', 'stats', '--sl-stop', 'off'], { '--only': true })).toEqual({
      params: { rvolMin: 3, slStop: NaN },
      rest: ['case.json', '--only', 'stats'],
    });
  });
  it('parseStrategyFlags reads --sl-trail true/false and --no-sl-trail', () => {
    expect(parseStrategyFlags(['--sl-trail', 'false']).params).toEqual({ slTrail: false });
    expect(parseStrategyFlags(['--sl-trail', 'x.json']).params).toEqual({ slTrail: true });
    expect(parseStrategyFlags(['--no-sl-trail']).params).toEqual({ slTrail: false });
  });
  it('parseStrategyFlags([]) is empty', () => {
    expect(parseStrategyFlags([])).toEqual({ params: {}, rest: [] });
  });
  it('parseStrategyFlags rejects an unknown flag', () => {
    expect(() => parseStrategyFlags(['--rvolmin', '2'])).toThrow(UserError);
    expect(() => parseStrategyFlags(['--rvolmin', '2'])).toThrow(/^unknown flag --rvolmin; known flags: --rvol-window --rvol-min/);
  });
  it('parseStrategyFlags rejects a missing or non-numeric value and an invalid one', () => {
    expect(() => parseStrategyFlags(['--hold-bars'])).toThrow('--hold-bars needs a value (e.g. --hold-bars 7)');
    expect(() => parseStrategyFlags(['--fees', 'abc'])).toThrow('--fees: expected a number, got "abc"');
    expect(() => parseStrategyFlags(['--hold-bars', '0'])).toThrow('flags: --hold-bars must be an integer >= 1, got 0');
    expect(() => parseStrategyFlags(['--sl-stop', '-0.1'])).toThrow('flags: --sl-stop must be a fraction >= 0');
    expect(() => parseStrategyFlags(['--exit-mode', 'never'])).toThrow('flags: --exit-mode must be one of shifted-signal, bars-after-fill, got "never"');
  });
  it('flagName(atrPctMin) is --atr-pct-min', () => {
    expect(flagName('atrPctMin')).toBe('--atr-pct-min');
  });
});
