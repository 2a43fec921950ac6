/**
 * Settings of one run: a strategy's parameters plus the portfolio settings, given as ONE flat object keyed by
 * snake_case names (as in a JSON case, `--param`, a grid axis or a stored run). The two name spaces never
 * overlap (defineStrategy refuses it), so a key is looked up in the strategy's specs, then in the portfolio's.
 * Precedence: the strategy's spec default < the strategy's portfolio defaults < what the user gave.
 */
import { UserError } from '../errors';
import type { Strategy } from './defineStrategy';
import { flagOf, formatValue, validateParam, type ParamSpec, type ParamValue } from './paramSpec';
import { PORTFOLIO_KEYS, PORTFOLIO_SPECS, type PortfolioSettings } from './portfolioSettings';

export type Settings = Readonly<Record<string, ParamValue>>;

export interface ResolvedSettings<P = Record<string, ParamValue>> {
  /** The strategy's parameters, every one set. */
  params: Readonly<P>;
  portfolio: Readonly<PortfolioSettings>;
}

/** The spec of a key of this strategy's settings (its own parameter or a portfolio setting), or undefined. */
export function specOf(strategy: Strategy<never>, key: string): ParamSpec | undefined {
  return Object.prototype.hasOwnProperty.call(strategy.params, key)
    ? strategy.params[key]
    : Object.prototype.hasOwnProperty.call(PORTFOLIO_SPECS, key)
      ? (PORTFOLIO_SPECS as Record<string, ParamSpec>)[key]
      : undefined;
}

/** Every settings key of a strategy in display order: its own parameters, then the portfolio's. */
export function settingKeys(strategy: Strategy<never>): string[] {
  return [...Object.keys(strategy.params), ...PORTFOLIO_KEYS];
}

/**
 * resolveSettings(strategy, given, where, spell): every parameter and portfolio setting, validated. An unknown
 * key, a bad value or a broken rule is a UserError naming `where` and the key as the user wrote it.
 * @example resolveSettings(strategies.ma_cross, { fast_window: 20, sl_stop: NaN }).params.fast_window // 20
 */
export function resolveSettings<P>(strategy: Strategy<P>, given: Readonly<Record<string, unknown>> = {}, where = '', spell: (key: string) => string = (k) => k): ResolvedSettings<P> {
  const s = strategy as unknown as Strategy<never>;
  const params: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(s.params)) params[k] = spec.default;
  const portfolio: Record<string, unknown> = {};
  for (const k of PORTFOLIO_KEYS) portfolio[k] = PORTFOLIO_SPECS[k].default;
  Object.assign(portfolio, s.portfolio ?? {});
  for (const [k, v] of Object.entries(given)) {
    if (v === undefined) continue;
    const spec = specOf(s, k);
    if (!spec) {
      throw new UserError(`${where ? where + ': ' : ''}unknown setting ${spell(k)} for strategy ${s.name}; known: ${settingKeys(s).map(spell).join(', ')}`);
    }
    validateParam(k, spec, v, where, spell);
    (k in s.params ? params : portfolio)[k] = v;
  }
  for (const rule of s.rules ?? []) {
    if (!rule.ok(params as never)) {
      const shown = Object.entries(params).map(([k, v]) => `${spell(k)}=${String(v)}`).join(' ');
      throw new UserError(`${where ? where + ': ' : ''}strategy ${s.name} needs ${rule.message} (got ${shown})`);
    }
  }
  return { params: Object.freeze(params) as unknown as Readonly<P>, portfolio: Object.freeze(portfolio) as unknown as PortfolioSettings };
}

/** The flat settings object of a resolved pair (what a run stores and a grid combines). */
export function flatSettings(r: ResolvedSettings<unknown>): Record<string, ParamValue> {
  return { ...(r.params as Record<string, ParamValue>), ...(r.portfolio as unknown as Record<string, ParamValue>) };
}

/**
 * The settings as the user spells them, in a fixed order (the strategy's parameters, then the portfolio's):
 * `[{ flag: '--rvol-min', value: '2' }, ..., { flag: '--sl-stop', value: '0.03' }, { flag: '--tp-stop', value: 'off' }]`.
 */
export function describeSettings(strategy: Strategy<never>, r: ResolvedSettings<unknown>): { flag: string; value: string }[] {
  const flat = flatSettings(r);
  return settingKeys(strategy).map((k) => ({ flag: flagOf(k), value: formatValue(specOf(strategy, k)!, flat[k]) }));
}
