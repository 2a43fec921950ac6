/**
 * The Strategy contract: a strategy is data (name, description, parameter specs, the OHLCV fields it reads, its
 * warm-up) plus two pure functions on column-major matrices (`a[col * nRows + row]`, NaN = missing):
 *   indicators(data, params) -> named Float64Arrays   (what notebooks plot and golden files check)
 *   signals(data, indicators, params) -> entries/exits (Uint8Array, 1 = signal)
 * Everything the portfolio decides (stops, fees, sizing, cash, which prices stops see) is not the strategy's:
 * see portfolioSettings.ts. A strategy may say how its positions end beyond its exit signals (`timeExitBars`, a
 * path-dependent rule no signal array can express) and may add per-ticker figures (`extras`).
 *
 * Invariants checked by `defineStrategy`: snake_case parameter names that do not collide with a portfolio
 * setting, defaults valid for their own specs, known fields.
 */
import { UserError } from '../errors';
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import type { SimResult } from '../portfolio/fromSignals';
import { checkValue, PARAM_NAME, type ParamSpec, type ParamSpecs, type ParamsOf } from './paramSpec';
import { PORTFOLIO_SPECS, type PortfolioSettings } from './portfolioSettings';

export const OHLCV_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;
export type OhlcvField = (typeof OHLCV_FIELDS)[number];

/** The matrix a strategy sees. Fields it did not declare may be absent (the chunk read skips them). */
export type StrategyData = OhlcvMatrix;

export interface StrategySignals {
  entries: Uint8Array;
  exits: Uint8Array;
  /** With these, `entries`/`exits` are the long side and these the short side (vectorbt's four-array mode). */
  shortEntries?: Uint8Array;
  shortExits?: Uint8Array;
}

/** Named indicator outputs, each a column-major Float64Array of nRows * nCols. */
export type Indicators = Record<string, Float64Array>;

/** A rule between parameters (e.g. fast < slow). A single run refuses a breach; a sweep skips the combination. */
export interface ParamRule<P> {
  /** What the rule requires, in the user's words: `fast_window < slow_window`. */
  message: string;
  ok: (params: P) => boolean;
}

export interface ExtrasContext<P> {
  params: P;
  data: StrategyData;
  indicators: Indicators;
  signals: StrategySignals;
  sim: SimResult;
}

export interface Strategy<P = Record<string, number | boolean | string>, S extends ParamSpecs = ParamSpecs> {
  /** snake_case, unique in the registry; a user file's name is recorded with its run. */
  readonly name: string;
  readonly description: string;
  readonly params: S;
  /** The OHLCV fields `indicators`/`signals` read (close is always read: the simulation needs it). */
  readonly fields: readonly OhlcvField[];
  /** Bars a ticker needs before its first possible signal; tickers with fewer bars in the range are skipped. */
  warmup(params: P): number;
  indicators(data: StrategyData, params: P): Indicators;
  signals(data: StrategyData, indicators: Indicators, params: P): StrategySignals;
  /** Bars after its entry fill at which the strategy's rule closes a position (0 = none). */
  timeExitBars?(params: P): number;
  /** Per-ticker figures beyond vectorbt's stats, one value per column (stored in vecbt_results.extras). */
  extras?(ctx: ExtrasContext<P>): Record<string, Int32Array | Float64Array>;
  readonly rules?: readonly ParamRule<P>[];
  /** This strategy's defaults for portfolio settings (a user's flags still override them). */
  readonly portfolio?: Partial<PortfolioSettings>;
}

/** What `defineStrategy` takes: a strategy whose params type is inferred from its specs. */
export type StrategyDefinition<S extends ParamSpecs> = Strategy<ParamsOf<S>, S>;

/**
 * defineStrategy(def): checks the definition and returns it frozen, with `params` typed from the specs.
 * @example
 * export default defineStrategy({
 *   name: 'breakout', description: 'close above the 50-day high', fields: ['high', 'close'],
 *   params: { window: { type: 'integer', default: 50, min: 1, doc: 'lookback bars' } },
 *   warmup: (p) => p.window + 1,
 *   indicators: (d, p) => ({ upper: vb.rollingMax(d.high, d.nRows, d.nCols, p.window) }),
 *   signals: (d, ind) => ({ entries: vb.greaterThan(d.close, ind.upper), exits: new Uint8Array(d.close.length) }),
 * });
 */
export function defineStrategy<const S extends ParamSpecs>(def: StrategyDefinition<S>): Strategy<ParamsOf<S>, S> {
  checkStrategy(def as unknown as Strategy<never>);
  return Object.freeze(def);
}

/**
 * checkStrategy(s, where): throws a UserError naming the first problem of a strategy object (a user's module
 * default export, say). Used by defineStrategy and by the loader of strategy files.
 */
export function checkStrategy(s: unknown, where = 'strategy'): asserts s is Strategy {
  const fail = (msg: string): never => {
    throw new UserError(`${where}: ${msg}`);
  };
  if (s === null || typeof s !== 'object') fail(`expected a strategy object (made with defineStrategy), got ${s === null ? 'null' : typeof s}`);
  const o = s as Record<string, unknown>;
  if (typeof o.name !== 'string' || !PARAM_NAME.test(o.name)) fail(`"name" must be a snake_case identifier such as "my_breakout", got ${JSON.stringify(o.name)}`);
  const at = `${where} ${o.name as string}`;
  const failAt = (msg: string): never => {
    throw new UserError(`${at}: ${msg}`);
  };
  if (typeof o.description !== 'string') failAt('"description" must be a string (one line for --help)');
  for (const fn of ['warmup', 'indicators', 'signals'] as const) if (typeof o[fn] !== 'function') failAt(`"${fn}" must be a function`);
  for (const fn of ['timeExitBars', 'extras'] as const) if (o[fn] !== undefined && typeof o[fn] !== 'function') failAt(`"${fn}" must be a function when given`);
  if (!Array.isArray(o.fields) || o.fields.some((f) => !(OHLCV_FIELDS as readonly unknown[]).includes(f))) failAt(`"fields" must be an array of ${OHLCV_FIELDS.join(', ')}`);
  if (o.params === null || typeof o.params !== 'object' || Array.isArray(o.params)) failAt('"params" must be an object of parameter specs');
  for (const [name, spec] of Object.entries(o.params as Record<string, unknown>)) {
    if (!PARAM_NAME.test(name)) failAt(`parameter "${name}" must be a snake_case name such as "fast_window"`);
    if (name in PORTFOLIO_SPECS) failAt(`parameter "${name}" is a portfolio setting every strategy gets; rename it (portfolio settings: ${Object.keys(PORTFOLIO_SPECS).join(', ')})`);
    const sp = spec as Record<string, unknown>;
    if (sp === null || typeof sp !== 'object' || !['number', 'integer', 'boolean', 'enum'].includes(sp.type as string)) failAt(`parameter "${name}": "type" must be number, integer, boolean or enum`);
    if (typeof sp.doc !== 'string' || !sp.doc) failAt(`parameter "${name}": "doc" must be a one-line description`);
    if (sp.type === 'enum' && (!Array.isArray(sp.values) || !sp.values.length || sp.values.some((v) => typeof v !== 'string'))) failAt(`parameter "${name}": "values" must list the enum's strings`);
    const bad = checkValue(sp as never, sp.default);
    if (bad !== null) failAt(`parameter "${name}": its default ${JSON.stringify(sp.default)} is not ${bad}`);
  }
  if (o.rules !== undefined && (!Array.isArray(o.rules) || o.rules.some((r) => typeof r?.ok !== 'function' || typeof r?.message !== 'string'))) failAt('"rules" must be an array of { message, ok(params) }');
  if (o.portfolio !== undefined) {
    if (o.portfolio === null || typeof o.portfolio !== 'object') failAt('"portfolio" must be an object of portfolio settings');
    for (const [k, v] of Object.entries(o.portfolio as Record<string, unknown>)) {
      const spec = (PORTFOLIO_SPECS as unknown as Record<string, ParamSpec>)[k];
      if (!spec) failAt(`"portfolio" has unknown setting "${k}"; known: ${Object.keys(PORTFOLIO_SPECS).join(', ')}`);
      const bad = checkValue(spec, v);
      if (bad !== null) failAt(`"portfolio".${k} must be ${bad}, got ${JSON.stringify(v)}`);
    }
  }
}
