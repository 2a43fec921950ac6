/**
 * donchian_breakout: long while the close is above the highest high of the previous `entry_window` bars, out while
 * it is below the lowest low of the previous `exit_window` bars (golden README, strategy 6):
 *   upper = high.rolling(entry_window).max().shift(1); lower = low.rolling(exit_window).min().shift(1)
 *   entries = close > upper; exits = close < lower
 * Level conditions, not crossings: an entry holds on every bar of a breakout run (repeats are ignored while long).
 * Entry and exit cannot both hold on one bar while high >= low.
 */
import { donchian } from '../indicators/donchian';
import { greaterThan } from '../kernels/greaterThan';
import { lessThan } from '../kernels/lessThan';
import { defineStrategy } from '../strategy/defineStrategy';

export const donchianBreakout = defineStrategy({
  name: 'donchian_breakout',
  description: 'enter when the close is above the highest high of the previous entry_window bars, exit when below the lowest low of the previous exit_window bars',
  fields: ['high', 'low', 'close'],
  params: {
    entry_window: { type: 'integer', default: 20, min: 1, doc: 'previous bars whose highest high the close must exceed to enter' },
    exit_window: { type: 'integer', default: 10, min: 1, doc: 'previous bars whose lowest low the close must fall under to exit' },
  },
  // The upper line needs entry_window previous bars, so the first entry is possible on bar entry_window + 1 (an exit
  // before the first entry closes nothing).
  warmup: (p) => p.entry_window + 1,
  indicators: (d, p) => {
    const { upper, lower } = donchian(d.high, d.low, d.nRows, d.nCols, p.entry_window, p.exit_window);
    return { upper, lower };
  },
  signals: (d, ind) => ({ entries: greaterThan(d.close, ind.upper), exits: lessThan(d.close, ind.lower) }),
});
