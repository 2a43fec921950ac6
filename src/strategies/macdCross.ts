/**
 * macd_cross: long when the MACD crosses above its signal line, out when it crosses below, as a vectorbt user
 * writes it (golden README, strategy 5):
 *   m = vbt.MACD.run(close, fast_window=..., slow_window=..., signal_window=..., macd_ewm=..., signal_ewm=...)
 *   entries = m.macd_crossed_above(m.signal); exits = m.macd_crossed_below(m.signal)
 * vbt.MACD's defaults are simple averages (macd_ewm=False, signal_ewm=False), not the textbook EMAs. With EMA macd
 * and an SMA signal, a crossing can fall on a delisted ticker's NaN-close tail; the simulation drops it.
 */
import { macd } from '../indicators/macd';
import { crossedAbove } from '../kernels/crossedAbove';
import { crossedBelow } from '../kernels/crossedBelow';
import { defineStrategy } from '../strategy/defineStrategy';

export const macdCross = defineStrategy({
  name: 'macd_cross',
  description: 'enter when the MACD crosses above its signal line, exit when it crosses below (vbt.MACD, simple averages by default)',
  fields: ['close'],
  params: {
    fast_window: { type: 'integer', default: 12, min: 1, doc: 'bars in the fast moving average of the close' },
    slow_window: { type: 'integer', default: 26, min: 1, doc: 'bars in the slow moving average of the close' },
    signal_window: { type: 'integer', default: 9, min: 1, doc: 'bars in the moving average of the MACD (the signal line)' },
    macd_ewm: { type: 'boolean', default: false, doc: 'exponential fast and slow averages (span = window) instead of simple ones' },
    signal_ewm: { type: 'boolean', default: false, doc: 'an exponential signal line (span = signal_window) instead of a simple one' },
  },
  rules: [{ message: 'fast_window < slow_window', ok: (p) => p.fast_window < p.slow_window }],
  // The signal is defined from bar max(fast, slow) + signal - 1 (in every ewm combination); a crossing needs one
  // defined bar before it.
  warmup: (p) => Math.max(p.fast_window, p.slow_window) + p.signal_window,
  indicators: (d, p) => {
    const { macd: line, signal } = macd(d.close, d.nRows, d.nCols, {
      fastWindow: p.fast_window,
      slowWindow: p.slow_window,
      signalWindow: p.signal_window,
      macdEwm: p.macd_ewm,
      signalEwm: p.signal_ewm,
    });
    return { macd: line, signal };
  },
  signals: (d, ind) => ({
    entries: crossedAbove(ind.macd, ind.signal, d.nRows, d.nCols),
    exits: crossedBelow(ind.macd, ind.signal, d.nRows, d.nCols),
  }),
});
