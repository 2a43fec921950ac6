/** The portfolio engine: from_signals simulation (long, short, groups with shared cash), records, metrics and the labelled wrapper. */
export { fromSignals, resolveSimOptions, SIM_DEFAULTS, MIN_SIZE } from './fromSignals';
export type { PriceMatrix, SimOptions, SimResult, SimBuffers, Flex, ResolvedSimOptions, PerColumn, GroupResult } from './fromSignals';
export type { OrderRecords, TradeRecords, SimTradeRecords } from './records';
export {
  Side, SIDE_LABELS, TradeStatus, TRADE_STATUS_LABELS, ExitReason, EXIT_REASON_LABELS, Direction, DIRECTION_LABELS, TradeDirection,
  TRADE_DIRECTION_LABELS, SizeType, SIZE_TYPE_LABELS, CallSeqType, CALL_SEQ_LABELS,
} from './enums';
export type { DirectionName, SizeTypeName, CallSeqName } from './enums';
export { SimulationError } from './SimulationError';
export { computeStats, computeGroupStats, statsMean, statIndex, STAT_NAMES, STAT_KINDS } from './metrics';
export type { StatsTable, StatsOptions, StatName } from './metrics';
export { cashAndPosition } from './cashAndPosition';
export { Portfolio, EXPECTED_SCHEMA, VECTORBT_VERSION } from './Portfolio';
export type { PortfolioInput, OrderRow, TradeRow, StatsRow, ExpectedDoc, ExpectedTradeRow, ExpectedOptions, GroupedExpectedDoc, GroupRow } from './Portfolio';
