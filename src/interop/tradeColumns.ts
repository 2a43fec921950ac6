import { EXIT_REASON_LABELS, TRADE_STATUS_LABELS } from '../portfolio/enums';
import type { TradeRecords } from '../portfolio/records';
import { cell, type ColumnTable, type TableLabels } from './columnTable';

/**
 * tradeColumns(trades, labels): the trade records as a table, one row per trade in record order, with the
 * ticker, entry/exit dates (or bar numbers), prices, size, fees, PnL, return in percent, status and exit reason
 * as labels ('signal', 'stop_loss', 'time_exit', 'open', ...).
 * @example tradeColumns(r.sim.trades, { columns, index }).exitReason
 */
export function tradeColumns(trades: TradeRecords, labels: TableLabels = {}): ColumnTable {
  const out: ColumnTable = {
    ticker: [], entry: [], exit: [], entryPrice: [], exitPrice: [], size: [], fees: [], pnl: [], 'return [%]': [], status: [], exitReason: [],
  };
  const at = (i: number) => labels.index?.[i] ?? i;
  for (let k = 0; k < trades.length; k++) {
    out.ticker.push(labels.columns?.[trades.col[k]] ?? String(trades.col[k]));
    out.entry.push(at(trades.entryIdx[k]));
    out.exit.push(at(trades.exitIdx[k]));
    out.entryPrice.push(cell(trades.entryPrice[k]));
    out.exitPrice.push(cell(trades.exitPrice[k]));
    out.size.push(cell(trades.size[k]));
    out.fees.push(cell(trades.entryFees[k] + trades.exitFees[k]));
    out.pnl.push(cell(trades.pnl[k]));
    out['return [%]'].push(cell(trades.ret[k] * 100));
    out.status.push(TRADE_STATUS_LABELS[trades.status[k]]);
    out.exitReason.push(EXIT_REASON_LABELS[trades.exitReason[k]]);
  }
  return out;
}
