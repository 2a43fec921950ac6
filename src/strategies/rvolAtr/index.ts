/**
 * rvol_atr: the seed screener. Entries where relative volume and ATR% (of the close) are both above their
 * thresholds; exits `hold_bars` later, either as the seed's shifted signal (`exits = entries.shift(hold_bars)`,
 * which closes whatever position is open then: the stale-exit trap of golden case s04) or as a time exit of each
 * position `hold_bars` bars after its own fill (`bars-after-fill`).
 *
 * Unlike every other built-in, its indicators are computed per ticker on the ticker's own rows and then placed on
 * the union date index (the seed's definition; golden README "Strategy cases"): RVOL and Wilder's ATR skip the
 * dates a ticker has no bar.
 */
import { defineStrategy } from '../../strategy/defineStrategy';
import { atrPct } from '../../indicators/atrPct';
import { presentRows } from '../../indicators/ownRows';
import { rvol } from '../../indicators/rvol';
import { rvolAtrSignals } from './rvolAtrSignals';
import { staleExits } from './staleExits';

export const rvolAtr = defineStrategy({
  name: 'rvol_atr',
  description: 'relative volume and ATR% above thresholds (the seed screener); exit hold_bars later',
  fields: ['high', 'low', 'close', 'volume'],
  params: {
    rvol_window: { type: 'integer', default: 20, min: 1, doc: 'bars in the RVOL baseline mean (the bars before the current one)' },
    rvol_min: { type: 'number', default: 2.0, doc: 'entry needs rvol > rvol_min' },
    atr_window: { type: 'integer', default: 14, min: 1, doc: "Wilder ATR period (TA-Lib's smoothing)" },
    atr_pct_min: { type: 'number', default: 8.0, doc: 'entry needs 100 * ATR / close > atr_pct_min' },
    hold_bars: { type: 'integer', default: 7, min: 1, doc: 'holding period in bars (see exit_mode)' },
    exit_mode: {
      type: 'enum',
      default: 'shifted-signal',
      values: ['shifted-signal', 'bars-after-fill'],
      doc: 'shifted-signal: exits = entries.shift(hold_bars) (the seed); bars-after-fill: each position closes hold_bars bars after its fill',
    },
  },
  // Both indicators need their window plus one bar of the ticker's own.
  warmup: (p) => Math.max(p.rvol_window, p.atr_window) + 1,
  indicators(d, p) {
    const present = d.present ?? presentRows([d.high, d.low, d.close, d.volume], d.nRows, d.nCols);
    return {
      rvol: rvol(d.volume, d.nRows, d.nCols, p.rvol_window, present),
      atr_pct: atrPct(d.high, d.low, d.close, d.nRows, d.nCols, p.atr_window, present),
    };
  },
  signals: (d, ind, p) => rvolAtrSignals(ind.rvol, ind.atr_pct, d.nRows, d.nCols, p),
  timeExitBars: (p) => (p.exit_mode === 'bars-after-fill' ? p.hold_bars : 0),
  // stale_exits: trades a leftover shifted exit cut short (always 0 in bars-after-fill mode).
  extras: ({ params, sim }) => ({ stale_exits: params.exit_mode === 'shifted-signal' ? staleExits(sim.trades, sim.nCols, params.hold_bars) : new Int32Array(sim.nCols) }),
});
