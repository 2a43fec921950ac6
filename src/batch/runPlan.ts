/**
 * A run's plan: what every chunk of the run needs to know, derived once from its row in vecbt_runs: the strategy
 * (a built-in by name, or the stored source of a strategy file, evaluated here: never a file on this machine's
 * disk), its resolved settings, the OHLCV fields to read and the warm-up. The single-process runner and every
 * distributed worker build the same plan from the same row, so they compute the same numbers.
 */
import type { RunRow } from '../data/getRun';
import type { BarField } from '../data/readChunkBars';
import { UserError } from '../errors';
import { getStrategy, isBuiltin } from '../strategies';
import type { Strategy } from '../strategy/defineStrategy';
import { strategyFromSource } from '../strategy/loadStrategyFile';
import { fromJson, toJson, type ParamValue } from '../strategy/paramSpec';
import { callStrategy } from '../strategy/runStrategy';
import { flatSettings, resolveSettings, specOf, type ResolvedSettings } from '../strategy/resolveSettings';

export interface RunPlan {
  strategy: Strategy<never>;
  resolved: ResolvedSettings<Record<string, ParamValue>>;
  /** The OHLCV fields a chunk read pulls: the strategy's, the close, and open/high/low for `stop_prices: ohlc`. */
  fields: BarField[];
  /** Bars a ticker needs in the range before it can have a signal. */
  warmup: number;
}

/** planFor(strategy, resolved): the plan of a run of this strategy with these settings. */
export function planFor(strategy: Strategy<never>, resolved: ResolvedSettings<Record<string, ParamValue>>): RunPlan {
  const want = new Set<BarField>([...strategy.fields, 'close']);
  if (resolved.portfolio.stop_prices === 'ohlc') for (const f of ['open', 'high', 'low'] as const) want.add(f);
  const fields = (['open', 'high', 'low', 'close', 'volume'] as const).filter((f) => want.has(f));
  const warmup = callStrategy(strategy, 'warmup()', () => strategy.warmup(resolved.params as never));
  return { strategy, resolved, fields, warmup: Number.isFinite(warmup) && warmup > 0 ? Math.ceil(warmup) : 1 };
}

/** The settings as vecbt_runs.params stores them: flat, by spec name, JSON null for NaN/Infinity. */
export function storedParams(resolved: ResolvedSettings<unknown>): Record<string, string | number | boolean | null> {
  return Object.fromEntries(Object.entries(flatSettings(resolved)).map(([k, v]) => [k, toJson(v)]));
}

/** vecbt_runs.params -> the settings of `strategy` (null -> the spec's off/all). */
export function settingsFromStored(strategy: Strategy<never>, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    const spec = specOf(strategy, k);
    out[k] = spec ? fromJson(spec, v) : v; // an unknown key is left for resolveSettings to refuse, by name
  }
  return out;
}

/** Strategies evaluated from stored source, by SHA-256: a worker does many chunks of one run. */
const FROM_SOURCE = new Map<string, Promise<Strategy<never>>>();

/**
 * The strategy a run recorded. A run of a strategy object defined in code (not a built-in, no file) has only its
 * name: the process that created it passes the object as `given`; anyone else is told why it cannot go on.
 */
export async function runStrategyOf(run: Pick<RunRow, 'id' | 'strategy' | 'strategyFile' | 'strategySource' | 'strategySha256'>, given?: Strategy<never>): Promise<Strategy<never>> {
  if (run.strategySource === null) {
    if (isBuiltin(run.strategy)) return getStrategy(run.strategy);
    if (given?.name === run.strategy) return given;
    throw new UserError(
      `run ${run.id} ran strategy "${run.strategy}", defined in code (neither a built-in nor a strategy file stored with the run); ` +
        'continue it from code with the same strategy object (BatchOptions.strategy), or start runs from a strategy file (--strategy ./file.ts) so that any process can resume them',
    );
  }
  const key = run.strategySha256 ?? run.strategySource;
  let s = FROM_SOURCE.get(key);
  if (!s) {
    s = strategyFromSource(run.strategySource, run.strategyFile ?? `${run.strategy}.ts`).then((l) => l.strategy);
    FROM_SOURCE.set(key, s);
    s.catch(() => FROM_SOURCE.delete(key));
  }
  return s;
}

/**
 * planOf(run, given): the plan of a stored run (`given`: the strategy object of a run defined in code).
 * @example const plan = await planOf(await getRun(pool, 7))
 */
export async function planOf(run: RunRow, given?: Strategy<never>): Promise<RunPlan> {
  const strategy = await runStrategyOf(run, given);
  const resolved = resolveSettings(strategy, settingsFromStored(strategy, run.params), `run ${run.id}`);
  return planFor(strategy, resolved as ResolvedSettings<Record<string, ParamValue>>);
}
