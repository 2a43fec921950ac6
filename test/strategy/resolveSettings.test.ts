import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { strategies } from '../../src/strategies';
import { defineStrategy } from '../../src/strategy/defineStrategy';
import { describeSettings, flatSettings, resolveSettings, settingKeys } from '../../src/strategy/resolveSettings';

const rvolAtr = strategies.rvol_atr;

describe('resolveSettings', () => {
  it('resolveSettings(rvol_atr) is the seed: the strategy defaults and the portfolio defaults, frozen', () => {
    const r = resolveSettings(rvolAtr);
    expect(r.params).toEqual({ rvol_window: 20, rvol_min: 2, atr_window: 14, atr_pct_min: 8, hold_bars: 7, exit_mode: 'shifted-signal' });
    expect(r.portfolio).toEqual({ init_cash: 100, size: Infinity, size_type: 'amount', direction: 'longonly', fees: 0.001, fixed_fees: 0, slippage: 0, sl_stop: 0.03, sl_trail: false, tp_stop: NaN, time_exit_bars: 0, stop_prices: 'close' });
    expect([Object.isFrozen(r.params), Object.isFrozen(r.portfolio)]).toEqual([true, true]);
  });
  it('resolveSettings(s, flat) routes each key to the strategy or the portfolio', () => {
    const r = resolveSettings(rvolAtr, { rvol_min: 2.5, exit_mode: 'bars-after-fill', sl_stop: NaN });
    expect([r.params.rvol_min, r.params.exit_mode, r.portfolio.sl_stop, r.params.hold_bars]).toEqual([2.5, 'bars-after-fill', NaN, 7]);
    expect(flatSettings(r).sl_stop).toBeNaN();
  });
  const bad: [string, Record<string, unknown>, string][] = [
    ['a negative stop', { sl_stop: -0.03 }, 'sl_stop must be a number >= 0, or off, got -0.03'],
    ['hold_bars 0', { hold_bars: 0 }, 'hold_bars must be an integer >= 1, got 0'],
    ['a non-integer hold_bars', { hold_bars: 2.5 }, 'hold_bars must be an integer >= 1, got 2.5'],
    ['an unknown exit mode', { exit_mode: 'soon' }, 'exit_mode must be one of shifted-signal, bars-after-fill, got "soon"'],
    ['a string number', { fees: '0.001' }, 'fees must be a number, got "0.001"'],
    ['zero init cash', { init_cash: 0 }, 'init_cash must be a number > 0, got 0'],
    ['a non-boolean sl_trail', { sl_trail: 1 }, 'sl_trail must be true or false, got 1'],
  ];
  it.each(bad)('resolveSettings rejects %s with a one-line UserError', (_, given, message) => {
    expect(() => resolveSettings(rvolAtr, given)).toThrow(UserError);
    expect(() => resolveSettings(rvolAtr, given)).toThrow(message);
  });
  it('resolveSettings rejects an unknown key, naming the strategy and the known keys', () => {
    expect(() => resolveSettings(rvolAtr, { rvolMin: 2 }, 'x.json')).toThrow(
      'x.json: unknown setting rvolMin for strategy rvol_atr; known: rvol_window, rvol_min, atr_window, atr_pct_min, hold_bars, exit_mode, init_cash, size, size_type, direction, fees, fixed_fees, slippage, sl_stop, sl_trail, tp_stop, time_exit_bars, stop_prices',
    );
  });
  it("resolveSettings applies the strategy's portfolio defaults under the user's settings", () => {
    const s = defineStrategy({
      name: 'trail', description: 'd', fields: ['close'], params: {}, warmup: () => 1,
      indicators: () => ({}), signals: (d) => ({ entries: new Uint8Array(d.close.length), exits: new Uint8Array(d.close.length) }),
      portfolio: { sl_stop: 0.05, sl_trail: true },
    });
    expect([resolveSettings(s).portfolio.sl_stop, resolveSettings(s).portfolio.sl_trail, resolveSettings(s, { sl_stop: 0.1 }).portfolio.sl_stop]).toEqual([0.05, true, 0.1]);
  });
  it('resolveSettings refuses a combination that breaks a rule of the strategy, naming the rule', () => {
    const s = defineStrategy({
      name: 'cross', description: 'd', fields: ['close'], warmup: () => 1,
      params: { fast: { type: 'integer', default: 2, min: 1, doc: 'f' }, slow: { type: 'integer', default: 5, min: 1, doc: 's' } },
      rules: [{ message: 'fast < slow', ok: (p) => p.fast < p.slow }],
      indicators: () => ({}), signals: (d) => ({ entries: new Uint8Array(d.close.length), exits: new Uint8Array(d.close.length) }),
    });
    expect(() => resolveSettings(s, { fast: 9 })).toThrow('strategy cross needs fast < slow (got fast=9 slow=5)');
  });
});

describe('settingKeys and describeSettings', () => {
  it('describeSettings(rvol_atr, defaults) spells every setting as a flag, strategy first, in spec order', () => {
    const d = describeSettings(rvolAtr, resolveSettings(rvolAtr, { tp_stop: NaN }));
    expect(d.map((x) => `${x.flag} ${x.value}`).join(' ')).toBe(
      '--rvol-window 20 --rvol-min 2 --atr-window 14 --atr-pct-min 8 --hold-bars 7 --exit-mode shifted-signal --init-cash 100 --size all --size-type amount --direction longonly --fees 0.001 --fixed-fees 0 --slippage 0 --sl-stop 0.03 --sl-trail false --tp-stop off --time-exit-bars 0 --stop-prices close',
    );
    expect(settingKeys(rvolAtr)).toHaveLength(18);
  });
});
