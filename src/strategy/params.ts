/**
 * Parameters of the RVOL/ATR% strategy: one frozen defaults object (the screener's seed) and one pure function
 * that merges a partial set into it and validates the result.
 *
 * Exit modes:
 * - `'shifted-signal'` (default, the seed): `exits = entries.shift(holdBars).fillna(False)` on the union date index,
 *   exactly pandas. An exit signal is not tied to the entry that produced it: it is ignored while flat, and after a
 *   stop-out and a re-entry it closes the *new* position early (the stale exit, golden case s04).
 * - `'bars-after-fill'`: no exit signals; the engine closes each position exactly `holdBars` bars after its own
 *   entry fill (`fromSignals` `timeExitBars`), unless a stop fired first.
 */
import { UserError } from '../errors';

export const EXIT_MODES = ['shifted-signal', 'bars-after-fill'] as const;
export type ExitMode = (typeof EXIT_MODES)[number];

export interface StrategyParams {
  /** bars in the RVOL baseline mean (the bars before the current one) */
  rvolWindow: number;
  /** entry needs `rvol > rvolMin` */
  rvolMin: number;
  /** Wilder ATR period */
  atrWindow: number;
  /** entry needs `atrPct > atrPctMin` (percent of close) */
  atrPctMin: number;
  /** holding period in bars (see the exit modes) */
  holdBars: number;
  exitMode: ExitMode;
  /** stop-loss below the entry close as a fraction (0.03 = 3%); NaN = off */
  slStop: number;
  slTrail: boolean;
  /** take-profit above the entry close as a fraction; NaN = off */
  tpStop: number;
  /** proportional fees per order (0.001 = 0.1%) */
  fees: number;
  fixedFees: number;
  slippage: number;
  /** starting cash of each ticker's independent portfolio */
  initCash: number;
  /** shares per entry; Infinity = all the cash */
  size: number;
}

/** The seed: `(rvol > 2) & (atr_pct > 8)`, exits = entries.shift(7), sl_stop 0.03, fees 0.001, init_cash 100. */
export const DEFAULT_STRATEGY: Readonly<StrategyParams> = Object.freeze({
  rvolWindow: 20,
  rvolMin: 2.0,
  atrWindow: 14,
  atrPctMin: 8.0,
  holdBars: 7,
  exitMode: 'shifted-signal',
  slStop: 0.03,
  slTrail: false,
  tpStop: NaN,
  fees: 0.001,
  fixedFees: 0,
  slippage: 0,
  initCash: 100,
  size: Infinity,
});

export const STRATEGY_KEYS = Object.keys(DEFAULT_STRATEGY) as (keyof StrategyParams)[];

type Check = (v: unknown) => string | null;
const num = (v: unknown): v is number => typeof v === 'number';
const positiveInt: Check = (v) => (num(v) && Number.isInteger(v) && v >= 1 ? null : 'an integer >= 1');
const finite: Check = (v) => (num(v) && Number.isFinite(v) ? null : 'a finite number');
const nonNegative: Check = (v) => (num(v) && Number.isFinite(v) && v >= 0 ? null : 'a finite number >= 0');
const stop: Check = (v) => (num(v) && (Number.isNaN(v) || (Number.isFinite(v) && v >= 0)) ? null : 'a fraction >= 0 (e.g. 0.03), or NaN/null for off');
const CHECKS: Record<keyof StrategyParams, Check> = {
  rvolWindow: positiveInt,
  rvolMin: finite,
  atrWindow: positiveInt,
  atrPctMin: finite,
  holdBars: positiveInt,
  exitMode: (v) => ((EXIT_MODES as readonly unknown[]).includes(v) ? null : `one of ${EXIT_MODES.join(', ')}`),
  slStop: stop,
  slTrail: (v) => (typeof v === 'boolean' ? null : 'true or false'),
  tpStop: stop,
  // vectorbt only requires finite fees: negative fees are rebates
  fees: finite,
  fixedFees: finite,
  slippage: nonNegative,
  initCash: (v) => (num(v) && Number.isFinite(v) && v > 0 ? null : 'a finite number > 0'),
  // size 0 is accepted by vectorbt and places no order
  size: (v) => (num(v) && v >= 0 ? null : 'a number >= 0, or Infinity for all the cash'),
};

/** How a key is spelled to the user, e.g. in a JSON file (`sl_stop`) or as a flag (`--sl-stop`). */
export type KeyNamer = (key: keyof StrategyParams) => string;

/**
 * resolveStrategy(partial, where, name): DEFAULT_STRATEGY overridden by `partial`, validated. An unknown key or a
 * bad value is a UserError naming `where` (e.g. `case.json "strategy"`) and the key as the user wrote it.
 * @example resolveStrategy({ rvolMin: 2.5, exitMode: 'bars-after-fill' })
 */
export function resolveStrategy(partial: Partial<StrategyParams> = {}, where = 'strategy', name: KeyNamer = (k) => k): Readonly<StrategyParams> {
  const out: StrategyParams = { ...DEFAULT_STRATEGY };
  for (const [key, value] of Object.entries(partial)) {
    if (!(key in CHECKS)) {
      throw new UserError(`${where}: unknown parameter '${key}'; known: ${STRATEGY_KEYS.map(name).join(', ')}`);
    }
    if (value === undefined) continue;
    const k = key as keyof StrategyParams;
    const want = CHECKS[k](value);
    if (want !== null) throw new UserError(`${where}: ${name(k)} must be ${want}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
    (out as unknown as Record<string, unknown>)[k] = value;
  }
  return Object.freeze(out);
}
