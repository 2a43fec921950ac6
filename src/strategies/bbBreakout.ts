/**
 * bb_breakout: long when the close crosses above the upper Bollinger band, out when it crosses below the middle
 * band, as a vectorbt user writes it (golden README, strategy 4):
 *   bb = vbt.BBANDS.run(close, window=window, alpha=alpha)
 *   entries = close.vbt.crossed_above(bb.upper); exits = close.vbt.crossed_below(bb.middle)
 * The bands are vbt.BBANDS' defaults: SMA middle, population std (ddof 0).
 */
import { bbands } from '../indicators/bbands';
import { crossedAbove } from '../kernels/crossedAbove';
import { crossedBelow } from '../kernels/crossedBelow';
import { defineStrategy } from '../strategy/defineStrategy';

export const bbBreakout = defineStrategy({
  name: 'bb_breakout',
  description: 'enter when the close crosses above the upper Bollinger band, exit when it crosses below the middle band (vbt.BBANDS)',
  fields: ['close'],
  params: {
    window: { type: 'integer', default: 20, min: 1, doc: 'bars in the moving average and the standard deviation' },
    alpha: { type: 'number', default: 2, min: 0, doc: 'band width in population standard deviations' },
  },
  // The bands are defined from the window-th bar; a crossing needs one defined bar before it.
  warmup: (p) => p.window + 1,
  indicators: (d, p) => {
    const { upper, middle, lower } = bbands(d.close, d.nRows, d.nCols, p.window, p.alpha);
    return { upper, middle, lower };
  },
  signals: (d, ind) => ({
    entries: crossedAbove(d.close, ind.upper, d.nRows, d.nCols),
    exits: crossedBelow(d.close, ind.middle, d.nRows, d.nCols),
  }),
});
