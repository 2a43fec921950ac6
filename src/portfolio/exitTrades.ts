/**
 * exitTrades: trade records from order records, exactly as vectorbt 0.28.3's `get_exit_trades_nb`
 * (portfolio/nb.py), for positions that may be short, partly closed or reversed.
 *
 * Per column, in order: a position's direction is the side of its first order; orders on that side add to it
 * (summed size, gross and fees: the entry price is size-weighted); an opposite order of size `s` against open size
 * `E` closes a trade of size `s` (`E` when close) with the matching share of the entry fees and keeps the rest open
 * under the same position id, or, when `s > E`, closes all of `E` (with `E/s` of the order's fees) and opens a new
 * position of `s - E` at the order's price and bar (a reversal). A position still open at the end is one open trade
 * marked at the raw last close with no exit fees. `parentId` counts positions over all columns in column order.
 */
import { isClose, isCloseOrLess, isLess } from '../kernels/isClose';
import { ExitReason, Side, TradeDirection, TradeStatus } from './enums';
import { allocTrades, directedTradePnl, finishTrades, pushTrade, setTradePosition, type OrderRecords, type SimTradeRecords } from './records';

/**
 * Build the trades of every column. `reasons[k]` is the `ExitReason` of order k (why it was placed); a closed
 * trade takes its closing order's reason. `close` is column-major, NaN = missing.
 */
export function exitTrades(orders: OrderRecords, reasons: Uint8Array, close: Float64Array, nRows: number, nCols: number): SimTradeRecords {
  const trades = allocTrades(orders.length + nCols, nCols);
  let parentId = -1;
  for (let col = 0; col < nCols; col++) {
    trades.colStart[col] = trades.length;
    let inPosition = false;
    let direction: TradeDirection = TradeDirection.Long;
    let entryIdx = -1;
    let entrySize = 0;
    let entryGross = 0;
    let entryFees = 0;
    for (let k = orders.colStart[col]; k < orders.colStart[col + 1]; k++) {
      const i = orders.idx[k];
      const size = orders.size[k];
      const price = orders.price[k];
      const fees = orders.fees[k];
      const side = orders.side[k];
      if (!inPosition) {
        inPosition = true;
        entryIdx = i;
        direction = side === Side.Buy ? TradeDirection.Long : TradeDirection.Short;
        parentId++;
        entrySize = 0;
        entryGross = 0;
        entryFees = 0;
      }
      const adds = (direction === TradeDirection.Long) === (side === Side.Buy);
      if (adds) {
        entrySize += size;
        entryGross += size * price;
        entryFees += fees;
      } else if (isCloseOrLess(size, entrySize)) {
        // Closed in full, or in part.
        const full = isClose(size, entrySize);
        const exitSize = full ? entrySize : size;
        const entryPrice = entryGross / entrySize;
        const tradeEntryFees = (exitSize / entrySize) * entryFees;
        push(trades, col, exitSize, entryIdx, entryPrice, tradeEntryFees, i, price, fees, direction, TradeStatus.Closed, parentId, reasons[k] as ExitReason);
        if (full) {
          inPosition = false;
        } else {
          // The rest stays open; earlier orders now weigh less.
          const fraction = (entrySize - size) / entrySize;
          entrySize *= fraction;
          entryGross *= fraction;
          entryFees *= fraction;
        }
      } else {
        // Reversal: close all of it, open the rest on the other side.
        const clSize = entrySize;
        const clFees = (clSize / size) * fees;
        const entryPrice = entryGross / entrySize;
        const tradeEntryFees = (clSize / entrySize) * entryFees;
        push(trades, col, clSize, entryIdx, entryPrice, tradeEntryFees, i, price, clFees, direction, TradeStatus.Closed, parentId, reasons[k] as ExitReason);
        entrySize = size - clSize;
        entryGross = entrySize * price;
        entryFees = fees - clFees;
        entryIdx = i;
        direction = direction === TradeDirection.Long ? TradeDirection.Short : TradeDirection.Long;
        parentId++;
      }
    }
    if (inPosition && isLess(-entrySize, 0)) {
      const last = nRows - 1;
      const entryPrice = entryGross / entrySize;
      push(trades, col, entrySize, entryIdx, entryPrice, (entrySize / entrySize) * entryFees, last, close[col * nRows + last], 0, direction, TradeStatus.Open, parentId, ExitReason.Open);
    }
  }
  trades.colStart[nCols] = trades.length;
  return finishTrades(trades);
}

function push(
  trades: SimTradeRecords, col: number, size: number, entryIdx: number, entryPrice: number, entryFees: number,
  exitIdx: number, exitPrice: number, exitFees: number, direction: TradeDirection, status: TradeStatus, parentId: number, reason: ExitReason,
): void {
  const pnl = directedTradePnl(size, entryPrice, entryFees, exitPrice, exitFees, direction);
  pushTrade(trades, col, entryIdx, entryPrice, entryFees, exitIdx, exitPrice, exitFees, size, pnl, pnl / (size * entryPrice), status, reason);
  setTradePosition(trades, trades.length - 1, direction, parentId);
}
