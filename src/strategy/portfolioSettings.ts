/**
 * The portfolio settings every strategy gets: cash, sizing, fees, slippage, stops, the time exit and which prices
 * stops see. They belong to the simulation, not to the strategy's signals, so a strategy never declares them (a
 * strategy may only change their defaults, `Strategy.portfolio`). Same spec machinery as strategy parameters:
 * flags, JSON keys, validation and grid axes come from this one table.
 *
 * Defaults are the seed screener's (fees 0.1 %, 3 % stop, 100 cash per ticker), not vectorbt's zeros: the golden
 * strategy cases state all of them explicitly.
 */
import type { PriceMatrix, SimOptions } from '../portfolio/fromSignals';
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import type { ParamsOf } from './paramSpec';

export const PORTFOLIO_SPECS = Object.freeze({
  init_cash: { type: 'number', default: 100, min: 0, minExclusive: true, doc: 'starting cash of each ticker (of the account in a portfolio run)' },
  size: { type: 'number', default: Infinity, min: 0, special: 'all', doc: 'order size, read as size_type says; all = all the cash' },
  size_type: {
    type: 'enum',
    default: 'amount',
    values: ['amount', 'value', 'percent', 'equity'],
    doc: "amount: shares; value: cash per entry; percent: a fraction of the cash left (vectorbt's); equity: a fraction of the account's equity (vecbt's)",
  },
  direction: { type: 'enum', default: 'longonly', values: ['longonly', 'shortonly', 'both'], doc: 'longonly; shortonly (entries short, exits cover); both (an exit while flat goes short, opposite signals reverse)' },
  fees: { type: 'number', default: 0.001, doc: 'proportional fees per order, 0.001 = 0.1 % (negative = rebate)' },
  fixed_fees: { type: 'number', default: 0, doc: 'fixed fees per filled order' },
  slippage: { type: 'number', default: 0, min: 0, doc: 'slippage of signal orders, 0.002 = 0.2 % (stop exits get none)' },
  sl_stop: { type: 'number', default: 0.03, min: 0, special: 'off', doc: 'stop-loss below the entry close, 0.03 = 3 %' },
  sl_trail: { type: 'boolean', default: false, doc: 'trail the stop-loss under the highest price since the entry' },
  tp_stop: { type: 'number', default: NaN, min: 0, special: 'off', doc: 'take-profit above the entry close, 0.2 = 20 %' },
  time_exit_bars: { type: 'integer', default: 0, min: 0, doc: "close a position N bars after its fill (0 = off; adds to the strategy's exits)" },
  stop_prices: { type: 'enum', default: 'close', values: ['close', 'ohlc'], doc: 'prices stops see: close only (the seed), or open/high/low too (fills at the level or a gapped open)' },
} as const);

export type PortfolioSettings = ParamsOf<typeof PORTFOLIO_SPECS>;
export type PortfolioKey = keyof PortfolioSettings;
export const PORTFOLIO_KEYS = Object.keys(PORTFOLIO_SPECS) as PortfolioKey[];

/**
 * simOptions(settings, strategyTimeExit): the settings as `fromSignals` options. The time exit is the setting's
 * when set, else the strategy's own (e.g. rvol_atr's `bars-after-fill` exit mode).
 * @example fromSignals(prices, entries, exits, simOptions(settings))
 */
export function simOptions(p: Readonly<PortfolioSettings>, strategyTimeExit = 0): SimOptions {
  return {
    initCash: p.init_cash,
    fees: p.fees,
    fixedFees: p.fixed_fees,
    slippage: p.slippage,
    slStop: p.sl_stop,
    slTrail: p.sl_trail,
    tpStop: p.tp_stop,
    size: p.size,
    sizeType: p.size_type,
    direction: p.direction,
    timeExitBars: p.time_exit_bars > 0 ? p.time_exit_bars : strategyTimeExit,
  };
}

/** The prices the simulation sees: the close only (the seed), or with open/high/low for `stop_prices: ohlc`. */
export function simPrices(data: OhlcvMatrix, p: Readonly<PortfolioSettings>): PriceMatrix {
  const { nRows, nCols, close } = data;
  return p.stop_prices === 'ohlc' ? { nRows, nCols, close, open: data.open, high: data.high, low: data.low } : { nRows, nCols, close };
}
