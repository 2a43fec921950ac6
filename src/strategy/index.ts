/** The RVOL/ATR% screener strategy: parameters, flags, signals, the end-to-end run. */
export { DEFAULT_STRATEGY, EXIT_MODES, STRATEGY_KEYS, resolveStrategy } from './params';
export type { ExitMode, StrategyParams, KeyNamer } from './params';
export { parseStrategyFlags, flagName } from './flags';
export type { ParsedStrategyFlags } from './flags';
export { signals } from './signals';
export type { Signals } from './signals';
export { staleExits } from './staleExits';
export { runStrategy } from './runStrategy';
export { simOptions } from './simOptions';
export type { StrategyResult, RunStrategyOptions } from './runStrategy';
export { parseStrategyCase, readStrategyCase, jsonKey, STRATEGY_CASE_SCHEMA } from './strategyCase';
export type { StrategyCase } from './strategyCase';
