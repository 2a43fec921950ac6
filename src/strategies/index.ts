/**
 * The built-in strategies, by name. Each is data plus pure indicator and signal kernels (one folder or file per
 * strategy); `getStrategy` is the one lookup every driver uses (the CLI, the batch, workers resuming a run).
 */
import { UserError } from '../errors';
import type { Strategy } from '../strategy/defineStrategy';
import { bbBreakout } from './bbBreakout';
import { donchianBreakout } from './donchianBreakout';
import { maCross } from './maCross';
import { macdCross } from './macdCross';
import { rsiReversion } from './rsiReversion';
import { rvolAtr } from './rvolAtr';

/** Every built-in strategy, keyed by its name. `rvol_atr` (the seed screener) is the default everywhere. */
export const strategies = Object.freeze({
  rvol_atr: rvolAtr,
  ma_cross: maCross,
  rsi_reversion: rsiReversion,
  bb_breakout: bbBreakout,
  macd_cross: macdCross,
  donchian_breakout: donchianBreakout,
});

export type BuiltinName = keyof typeof strategies;
export const DEFAULT_STRATEGY_NAME: BuiltinName = 'rvol_atr';

/** True when `name` is a built-in strategy. */
export function isBuiltin(name: string): name is BuiltinName {
  return Object.prototype.hasOwnProperty.call(strategies, name);
}

/**
 * getStrategy(name): the built-in called `name`, or a UserError listing the built-ins.
 * @example getStrategy('rvol_atr').params.rvol_min.default // 2
 */
export function getStrategy(name: string): Strategy<never> {
  if (!isBuiltin(name)) throw new UserError(`unknown strategy "${name}"; built-ins: ${Object.keys(strategies).join(', ')} (or give the path of a strategy file, e.g. ./my-strategy.ts)`);
  return strategies[name] as unknown as Strategy<never>;
}
