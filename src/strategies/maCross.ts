/**
 * ma_cross: long when the fast moving average crosses above the slow one, out when it crosses below, as a vectorbt
 * user writes it (golden README, strategy 2):
 *   fast = vbt.MA.run(close, fast_window, ewm=ewm); slow = vbt.MA.run(close, slow_window, ewm=ewm)
 *   entries = fast.ma_crossed_above(slow); exits = fast.ma_crossed_below(slow)
 * On the union-index close, NaN rows included: a gap makes the SMAs NaN for a window, which disarms the crossing;
 * EMAs carry through it.
 */
import { ma } from '../indicators/ma';
import { crossedAbove } from '../kernels/crossedAbove';
import { crossedBelow } from '../kernels/crossedBelow';
import { defineStrategy } from '../strategy/defineStrategy';

export const maCross = defineStrategy({
  name: 'ma_cross',
  description: 'enter when the fast moving average crosses above the slow one, exit when it crosses below (vbt.MA)',
  fields: ['close'],
  params: {
    fast_window: { type: 'integer', default: 10, min: 1, doc: 'bars in the fast moving average' },
    slow_window: { type: 'integer', default: 50, min: 1, doc: 'bars in the slow moving average' },
    ewm: { type: 'boolean', default: false, doc: 'exponential moving averages (span = window, adjust=False) instead of simple ones' },
  },
  rules: [{ message: 'fast_window < slow_window', ok: (p) => p.fast_window < p.slow_window }],
  // Both MAs are defined from the max(window)-th bar (SMA: the full window; EMA: that many observations); a crossing
  // needs one defined bar before it.
  warmup: (p) => Math.max(p.fast_window, p.slow_window) + 1,
  indicators: (d, p) => ({
    fast_ma: ma(d.close, d.nRows, d.nCols, p.fast_window, p.ewm),
    slow_ma: ma(d.close, d.nRows, d.nCols, p.slow_window, p.ewm),
  }),
  signals: (d, ind) => ({
    entries: crossedAbove(ind.fast_ma, ind.slow_ma, d.nRows, d.nCols),
    exits: crossedBelow(ind.fast_ma, ind.slow_ma, d.nRows, d.nCols),
  }),
});
