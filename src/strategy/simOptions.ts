import type { SimOptions } from '../portfolio/fromSignals';
import type { StrategyParams } from './params';

/**
 * simOptions(p): the strategy's parameters as `fromSignals` options. `timeExitBars` is the engine's own
 * time exit: the holding period in `bars-after-fill` mode, 0 (off) when the exits are shifted signals.
 * @example fromSignals(prices, entries, exits, simOptions(resolveStrategy({ slStop: 0.05 })))
 */
export function simOptions(p: Readonly<StrategyParams>, timeExitBars = p.exitMode === 'bars-after-fill' ? p.holdBars : 0): SimOptions {
  return {
    initCash: p.initCash,
    fees: p.fees,
    fixedFees: p.fixedFees,
    slippage: p.slippage,
    slStop: p.slStop,
    slTrail: p.slTrail,
    tpStop: p.tpStop,
    size: p.size,
    timeExitBars,
  };
}
