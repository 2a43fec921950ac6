/**
 * Modes and labels of the portfolio records, as `as const` objects of small ints (read as ints in kernels)
 * plus the label arrays the JSON encoder uses (`SIDE_LABELS[Side.Buy] === 'buy'`).
 */

export const Side = { Buy: 0, Sell: 1 } as const;
export type Side = (typeof Side)[keyof typeof Side];
export const SIDE_LABELS = ['buy', 'sell'] as const;

export const TradeStatus = { Open: 0, Closed: 1 } as const;
export type TradeStatus = (typeof TradeStatus)[keyof typeof TradeStatus];
export const TRADE_STATUS_LABELS = ['open', 'closed'] as const;

/** Why a trade ended. `Open` = still open at the last bar. */
export const ExitReason = { Signal: 0, StopLoss: 1, TrailingStop: 2, TakeProfit: 3, TimeExit: 4, Open: 5 } as const;
export type ExitReason = (typeof ExitReason)[keyof typeof ExitReason];
export const EXIT_REASON_LABELS = ['signal', 'stop_loss', 'trailing_stop', 'take_profit', 'time_exit', 'open'] as const;
