/**
 * rsi_reversion: long when the RSI crosses below `lower` (oversold), out when it crosses above `upper`, as a
 * vectorbt user writes it (golden README, strategy 3):
 *   rsi = vbt.RSI.run(close, window)
 *   entries = rsi.rsi_crossed_below(lower); exits = rsi.rsi_crossed_above(upper)
 * vbt.RSI's default is the simple-average (Cutler) RSI. The RSI is NaN with no change over a window (0/0), which
 * disarms the crossing, and can sit exactly on a level (equality keeps the armed state).
 */
import { rsi } from '../indicators/rsi';
import { crossedAbove } from '../kernels/crossedAbove';
import { crossedBelow } from '../kernels/crossedBelow';
import { defineStrategy } from '../strategy/defineStrategy';

export const rsiReversion = defineStrategy({
  name: 'rsi_reversion',
  description: 'enter when the RSI crosses below the lower level, exit when it crosses above the upper level (vbt.RSI)',
  fields: ['close'],
  params: {
    window: { type: 'integer', default: 14, min: 1, doc: 'bars in the RSI averages (simple averages, as vbt.RSI)' },
    lower: { type: 'number', default: 30, min: 0, max: 100, doc: 'entry when the RSI crosses below this level' },
    upper: { type: 'number', default: 70, min: 0, max: 100, doc: 'exit when the RSI crosses above this level' },
  },
  rules: [{ message: 'lower < upper', ok: (p) => p.lower < p.upper }],
  // The RSI needs `window` price changes, i.e. window + 1 bars; a crossing needs one defined bar before it.
  warmup: (p) => p.window + 2,
  indicators: (d, p) => ({ rsi: rsi(d.close, d.nRows, d.nCols, p.window) }),
  signals: (d, ind, p) => ({
    entries: crossedBelow(ind.rsi, p.lower, d.nRows, d.nCols),
    exits: crossedAbove(ind.rsi, p.upper, d.nRows, d.nCols),
  }),
});
