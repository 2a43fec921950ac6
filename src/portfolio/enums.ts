/**
 * Modes and labels of the portfolio records, as `as const` objects of small ints (read as ints in kernels)
 * plus the label arrays the JSON encoder uses (`SIDE_LABELS[Side.Buy] === 'buy'`). The numbers of `Direction`,
 * `TradeDirection` and `SizeType` are vectorbt's own (`portfolio/enums.py`), so a mode reads the same in both.
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

/** Which side a column may trade (vectorbt `Direction`): `Both` lets an exit while flat open a short. */
export const Direction = { LongOnly: 0, ShortOnly: 1, Both: 2 } as const;
export type Direction = (typeof Direction)[keyof typeof Direction];
export const DIRECTION_LABELS = ['longonly', 'shortonly', 'both'] as const;
export type DirectionName = (typeof DIRECTION_LABELS)[number];

/** The side of a trade (vectorbt `TradeDirection`): the side of the order that opened its position. */
export const TradeDirection = { Long: 0, Short: 1 } as const;
export type TradeDirection = (typeof TradeDirection)[keyof typeof TradeDirection];
export const TRADE_DIRECTION_LABELS = ['long', 'short'] as const;

/**
 * How `size` is read (vectorbt `SizeType`): shares, cash per order, or a fraction of the available cash. The
 * target types exist so a request for them can be refused with vectorbt's own message: `from_signals` supports
 * only the first three.
 */
export const SizeType = { Amount: 0, Value: 1, Percent: 2, TargetAmount: 3, TargetValue: 4, TargetPercent: 5 } as const;
export type SizeType = (typeof SizeType)[keyof typeof SizeType];
export const SIZE_TYPE_LABELS = ['amount', 'value', 'percent', 'targetamount', 'targetvalue', 'targetpercent'] as const;
export type SizeTypeName = (typeof SIZE_TYPE_LABELS)[number];

/**
 * vecbt's own size type (not vectorbt's, so not in SIZE_TYPE_LABELS and refused in case files): a fraction of the
 * cash unit's equity (cash plus positions at the last close) at the start of the bar, bought as a cash value. What
 * "10 positions at 10 % each" means to a trader; vectorbt's percent is of the cash left when the order runs.
 */
export const EQUITY_SIZE_TYPE = 6;
export const SIM_SIZE_TYPE_LABELS = [...SIZE_TYPE_LABELS, 'equity'] as const;
export type SimSizeTypeName = (typeof SIM_SIZE_TYPE_LABELS)[number];

/** Order of the columns of a cash-sharing group within a bar: column order, or vectorbt's `'auto'` (sells first). */
export const CallSeqType = { Default: 0, Auto: 1 } as const;
export type CallSeqType = (typeof CallSeqType)[keyof typeof CallSeqType];
export const CALL_SEQ_LABELS = ['default', 'auto'] as const;
export type CallSeqName = (typeof CALL_SEQ_LABELS)[number];
