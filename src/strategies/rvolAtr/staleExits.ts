/**
 * Stale exits: with exits = entries.shift(holdBars), an exit signal belongs to the entry `holdBars` rows earlier,
 * not to the position it closes. After a stop-out and a re-entry, the earlier entry's exit closes the new position
 * before its own `holdBars` have passed (golden case s04). This counts, per column, the closed trades that a
 * *signal* exit ended fewer than `holdBars` rows after their entry.
 */
import { ExitReason, TradeStatus } from '../../portfolio/enums';
import type { TradeRecords } from '../../portfolio/records';

/**
 * staleExits(trades, nCols, holdBars): Int32Array of stale-exit counts per column.
 * @example staleExits(sim.trades, sim.nCols, 7)[0] // 1 for the s04 path
 */
export function staleExits(trades: TradeRecords, nCols: number, holdBars: number): Int32Array {
  const out = new Int32Array(nCols);
  for (let t = 0; t < trades.length; t++) {
    if (
      trades.status[t] === TradeStatus.Closed &&
      trades.exitReason[t] === ExitReason.Signal &&
      trades.exitIdx[t] - trades.entryIdx[t] < holdBars
    ) {
      out[trades.col[t]]++;
    }
  }
  return out;
}
