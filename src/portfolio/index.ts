/** The portfolio engine: long-only from_signals simulation, records, metrics and the labelled wrapper. */
export { fromSignals, resolveSimOptions, SIM_DEFAULTS, MIN_SIZE } from './fromSignals';
export type { PriceMatrix, SimOptions, SimResult, SimBuffers, Flex, ResolvedSimOptions } from './fromSignals';
export type { OrderRecords, TradeRecords } from './records';
export { Side, SIDE_LABELS, TradeStatus, TRADE_STATUS_LABELS, ExitReason, EXIT_REASON_LABELS } from './enums';
export { computeStats, statsMean, statIndex, STAT_NAMES, STAT_KINDS } from './metrics';
export type { StatsTable, StatsOptions, StatName } from './metrics';
export { cashAndPosition } from './cashAndPosition';
export { Portfolio, EXPECTED_SCHEMA, VECTORBT_VERSION } from './Portfolio';
export type { PortfolioInput, OrderRow, TradeRow, StatsRow, ExpectedDoc, ExpectedTradeRow, ExpectedOptions } from './Portfolio';
