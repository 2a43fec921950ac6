/**
 * indicatorCache: a strategy's indicators computed once per distinct configuration of the parameters they read.
 * Which parameters an `indicators()` call reads is observed (the params object is a Proxy that records the keys
 * read), not declared: a combination that changes only thresholds, hold bars or stops finds the entry whose read
 * keys it matches and reuses its arrays. Correct for any `indicators` that is a pure function of the parameters
 * it reads, which the Strategy contract requires.
 */
import type { OhlcvMatrix } from '../kernels/ohlcvMatrix';
import type { Indicators, Strategy } from '../strategy/defineStrategy';
import { callStrategy } from '../strategy/runStrategy';

interface Entry {
  keys: string[];
  values: unknown[];
  indicators: Indicators;
}

export interface IndicatorCache {
  /** The indicators for `params` (computed or reused). */
  get(params: Readonly<Record<string, unknown>>): Indicators;
  /** Distinct configurations computed so far. */
  readonly computed: number;
}

/**
 * indicatorCache(strategy, data): a per-data cache of `strategy.indicators`.
 * @example const cache = indicatorCache(strategies.rvol_atr, data); cache.get(a) === cache.get({ ...a, rvol_min: 3 })
 */
export function indicatorCache(strategy: Strategy<never>, data: OhlcvMatrix): IndicatorCache {
  const entries: Entry[] = [];
  const same = (a: unknown, b: unknown) => a === b || (a !== a && b !== b);
  return {
    get(params) {
      for (const e of entries) if (e.keys.every((k, i) => same(params[k], e.values[i]))) return e.indicators;
      const read = new Set<string>();
      const spy = new Proxy(params, {
        get(target, key, receiver) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key, receiver);
        },
      });
      const indicators = callStrategy(strategy, 'indicators()', () => strategy.indicators(data, spy as never));
      const keys = [...read];
      entries.push({ keys, values: keys.map((k) => params[k]), indicators });
      return indicators;
    },
    get computed() {
      return entries.length;
    },
  };
}
