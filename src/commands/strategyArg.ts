/**
 * `--strategy NAME|PATH` as the commands take it: a built-in by name (default rvol_atr), or a strategy file
 * (`./my-strategy.ts`), loaded and checked before any database is touched.
 */
import { getStrategy } from '../strategies';
import type { Strategy } from '../strategy/defineStrategy';
import { isStrategyPath, loadStrategyFile, type LoadedStrategy } from '../strategy/loadStrategyFile';

export interface StrategyArg {
  strategy: Strategy<never>;
  /** For a strategy file: its path, text and SHA-256 (what a run records). */
  loaded?: LoadedStrategy;
}

/** The strategy `ref` names (undefined: the default rvol_atr). */
export async function loadStrategyArg(ref: string | undefined): Promise<StrategyArg> {
  if (ref === undefined) return { strategy: getStrategy('rvol_atr') };
  if (!isStrategyPath(ref)) return { strategy: getStrategy(ref) };
  const loaded = await loadStrategyFile(ref);
  return { strategy: loaded.strategy, loaded };
}
