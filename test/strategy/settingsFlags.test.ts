import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { strategies } from '../../src/strategies';
import { parseSettingsFlags, takeStrategyFlag } from '../../src/strategy/settingsFlags';

const rvolAtr = strategies.rvol_atr;

describe('parseSettingsFlags', () => {
  it('parseSettingsFlags maps every flag generated from the specs to its setting', () => {
    const { settings, rest } = parseSettingsFlags([
      '--rvol-window', '10', '--rvol-min', '2.5', '--atr-window', '7', '--atr-pct-min', '8', '--hold-bars', '5',
      '--exit-mode', 'bars-after-fill', '--sl-stop', '0.05', '--sl-trail', '--tp-stop', '0.1', '--fees', '0.002',
      '--fixed-fees', '1', '--slippage', '0.001', '--init-cash', '1000', '--size', 'inf', '--time-exit-bars', '3', '--stop-prices', 'ohlc',
    ], rvolAtr);
    expect(settings).toEqual({
      rvol_window: 10, rvol_min: 2.5, atr_window: 7, atr_pct_min: 8, hold_bars: 5, exit_mode: 'bars-after-fill', sl_stop: 0.05,
      sl_trail: true, tp_stop: 0.1, fees: 0.002, fixed_fees: 1, slippage: 0.001, init_cash: 1000, size: Infinity, time_exit_bars: 3, stop_prices: 'ohlc',
    });
    expect(rest).toEqual([]);
  });
  it("parseSettingsFlags returns positional arguments and the caller's own flags in order", () => {
    expect(parseSettingsFlags(['case.json', '--rvol-min=3', '--only', 'stats', '--sl-stop', 'off'], rvolAtr, { '--only': true })).toEqual({
      settings: { rvol_min: 3, sl_stop: NaN },
      rest: ['case.json', '--only', 'stats'],
    });
  });
  it('parseSettingsFlags reads --param name=value by the JSON name', () => {
    expect(parseSettingsFlags(['--param', 'hold_bars=9', '--param=sl_stop=off'], rvolAtr).settings).toEqual({ hold_bars: 9, sl_stop: NaN });
  });
  it('parseSettingsFlags reads --sl-trail true/false and --no-sl-trail', () => {
    expect(parseSettingsFlags(['--sl-trail', 'false'], rvolAtr).settings).toEqual({ sl_trail: false });
    expect(parseSettingsFlags(['--sl-trail', 'x.json'], rvolAtr).settings).toEqual({ sl_trail: true });
    expect(parseSettingsFlags(['--no-sl-trail'], rvolAtr).settings).toEqual({ sl_trail: false });
  });
  it('parseSettingsFlags([]) is empty', () => {
    expect(parseSettingsFlags([], rvolAtr)).toEqual({ settings: {}, rest: [] });
  });
  it('parseSettingsFlags rejects an unknown flag, naming the strategy', () => {
    expect(() => parseSettingsFlags(['--rvolmin', '2'], rvolAtr)).toThrow(UserError);
    expect(() => parseSettingsFlags(['--rvolmin', '2'], rvolAtr)).toThrow(/^unknown flag --rvolmin for strategy rvol_atr; known flags: --rvol-window --rvol-min/);
    expect(() => parseSettingsFlags(['--param', 'nope=1'], rvolAtr)).toThrow('--param nope: unknown setting for strategy rvol_atr; known: rvol_window');
  });
  it('parseSettingsFlags rejects a missing, non-numeric, repeated or invalid value', () => {
    expect(() => parseSettingsFlags(['--hold-bars'], rvolAtr)).toThrow('--hold-bars needs a value (default 7)');
    expect(() => parseSettingsFlags(['--fees', 'abc'], rvolAtr)).toThrow('--fees must be a number, got "abc"');
    expect(() => parseSettingsFlags(['--hold-bars', '0'], rvolAtr)).toThrow('flags: --hold-bars must be an integer >= 1, got 0');
    expect(() => parseSettingsFlags(['--sl-stop', '-0.1'], rvolAtr)).toThrow('flags: --sl-stop must be a number >= 0, or off, got -0.1');
    expect(() => parseSettingsFlags(['--exit-mode', 'never'], rvolAtr)).toThrow('flags: --exit-mode must be one of shifted-signal, bars-after-fill, got "never"');
    expect(() => parseSettingsFlags(['--fees', '0.1', '--param', 'fees=0.2'], rvolAtr)).toThrow('--param fees given twice');
  });
});

describe('takeStrategyFlag', () => {
  it('takeStrategyFlag takes --strategy NAME or --strategy=FILE out of the arguments', () => {
    expect(takeStrategyFlag(['--no-tui', '--strategy', 'ma_cross', '--fast-window', '5'])).toEqual({ strategy: 'ma_cross', rest: ['--no-tui', '--fast-window', '5'] });
    expect(takeStrategyFlag(['--strategy=./x.ts'])).toEqual({ strategy: './x.ts', rest: [] });
    expect(takeStrategyFlag(['a'])).toEqual({ strategy: undefined, rest: ['a'] });
    expect(() => takeStrategyFlag(['--strategy'])).toThrow('--strategy needs a built-in name');
  });
});
