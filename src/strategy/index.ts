/** The Strategy contract, its parameter specs, the portfolio settings, running, loading and checking strategies. */
export { defineStrategy, checkStrategy, OHLCV_FIELDS } from './defineStrategy';
export type { Strategy, StrategyDefinition, StrategyData, StrategySignals, Indicators, ParamRule, ExtrasContext, OhlcvField } from './defineStrategy';
export { flagOf, describeSpec, checkValue, formatValue, parseValue, validateParam, helpLine, defaultsOf, fromJson, toJson } from './paramSpec';
export type { ParamSpec, ParamSpecs, ParamValue, ParamsOf, NumberSpec, IntegerSpec, BooleanSpec, EnumSpec } from './paramSpec';
export { PORTFOLIO_SPECS, PORTFOLIO_KEYS, simOptions, simPrices } from './portfolioSettings';
export type { PortfolioSettings, PortfolioKey } from './portfolioSettings';
export { resolveSettings, specOf, settingKeys, flatSettings, describeSettings } from './resolveSettings';
export type { ResolvedSettings, Settings } from './resolveSettings';
export { runStrategy, strategySignals, strategySignalsFrom, callStrategy, StrategyError } from './runStrategy';
export type { StrategyResult, RunStrategyOptions } from './runStrategy';
export { parseSettingsFlags, takeStrategyFlag } from './settingsFlags';
export type { ParsedSettingsFlags } from './settingsFlags';
export { parseStrategyCase, readStrategyCase, readStrategyCaseJson, STRATEGY_CASE_SCHEMA, STRATEGY_CASE_SCHEMA_V1 } from './strategyCase';
export type { StrategyCase } from './strategyCase';
export { loadStrategyFile, strategyFromSource, isStrategyPath, sha256, withTimeout, strategyTimeoutMs } from './loadStrategyFile';
export type { LoadedStrategy } from './loadStrategyFile';
export { checkLookahead, formatLookahead } from './checkLookahead';
export type { LookaheadReport, LookaheadFinding, LookaheadOptions } from './checkLookahead';
