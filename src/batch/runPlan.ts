/**
 * A run's plan: what every chunk of the run needs to know, derived once from its rows in vecbt_runs and
 * vecbt_combos: the strategy (a built-in by name, or the stored source of a strategy file, evaluated here: never
 * a file on this machine's disk), the combinations (a plain run is a grid of one, combo 0) with their resolved
 * settings and warm-ups, the walk-forward windows, the OHLCV fields to read. The single-process runner and every
 * distributed worker build the same plan from the same rows, so they compute the same numbers.
 */
import type { RunRow } from '../data/getRun';
import { listCombos } from '../data/listCombos';
import type { Queryable } from '../data/queryable';
import type { EvalWindow } from '../sweep/evaluateCombos';
import { DEFAULT_SELECT, type SelectMetric } from '../sweep/selectMetrics';
import type { BarField } from '../data/readChunkBars';
import { UserError } from '../errors';
import { getStrategy, isBuiltin } from '../strategies';
import type { Strategy } from '../strategy/defineStrategy';
import { strategyFromSource } from '../strategy/loadStrategyFile';
import { fromJson, toJson, type ParamValue } from '../strategy/paramSpec';
import { callStrategy } from '../strategy/runStrategy';
import { flatSettings, resolveSettings, specOf, type ResolvedSettings } from '../strategy/resolveSettings';

export interface PlanCombo {
  comboNo: number;
  resolved: ResolvedSettings<Record<string, ParamValue>>;
  /** Bars a ticker needs in the range before this combination can give it a signal. */
  warmup: number;
}

export type RunKind = 'single' | 'sweep' | 'walk-forward' | 'split';

export interface RunPlan {
  strategy: Strategy<never>;
  kind: RunKind;
  /** The run's base settings (a plain run's only combination). */
  resolved: ResolvedSettings<Record<string, ParamValue>>;
  combos: PlanCombo[];
  /** Sweeps store compact rows (SWEEP_STATS) and no trades; a single combination stores everything. */
  compact: boolean;
  /** The windows each chunk simulates: the whole range, or walk-forward train/test windows (rows of the date index). */
  windows: EvalWindow[];
  selectMetric: SelectMetric;
  /** The OHLCV fields a chunk read pulls: the strategy's, the close, and open/high/low for `stop_prices: ohlc`. */
  fields: BarField[];
  /** The smallest warm-up of the combinations (a ticker with fewer bars is skipped by all of them). */
  warmup: number;
}

export interface PlanOptions {
  kind?: RunKind;
  /** The combinations (default: the base settings alone, combo 0). */
  combos?: readonly ResolvedSettings<Record<string, ParamValue>>[];
  windows?: readonly EvalWindow[];
  selectMetric?: SelectMetric;
}

function warmupOf(strategy: Strategy<never>, r: ResolvedSettings<Record<string, ParamValue>>): number {
  const w = callStrategy(strategy, 'warmup()', () => strategy.warmup(r.params as never));
  return Number.isFinite(w) && w > 0 ? Math.ceil(w) : 1;
}

/** planFor(strategy, resolved, options): the plan of a run of this strategy with these settings (or combinations). */
export function planFor(strategy: Strategy<never>, resolved: ResolvedSettings<Record<string, ParamValue>>, options: PlanOptions = {}): RunPlan {
  const all = options.combos?.length ? options.combos : [resolved];
  const combos = all.map((r, comboNo) => ({ comboNo, resolved: r, warmup: warmupOf(strategy, r) }));
  const want = new Set<BarField>([...strategy.fields, 'close']);
  if (all.some((r) => r.portfolio.stop_prices === 'ohlc')) for (const f of ['open', 'high', 'low'] as const) want.add(f);
  const fields = (['open', 'high', 'low', 'close', 'volume'] as const).filter((f) => want.has(f));
  const kind = options.kind ?? (combos.length > 1 ? 'sweep' : 'single');
  return {
    strategy,
    kind,
    resolved,
    combos,
    compact: kind !== 'single',
    windows: options.windows?.length ? [...options.windows] : [{ windowNo: 0, phase: 'all', from: 0, to: Number.MAX_SAFE_INTEGER }],
    selectMetric: options.selectMetric ?? DEFAULT_SELECT,
    fields,
    warmup: Math.min(...combos.map((c) => c.warmup)),
  };
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
 * planOf(db, run, given): the plan of a stored run (`given`: the strategy object of a run defined in code).
 * @example const plan = await planOf(pool, await getRun(pool, 7))
 */
export async function planOf(db: Queryable, run: RunRow, given?: Strategy<never>): Promise<RunPlan> {
  const strategy = await runStrategyOf(run, given);
  const resolve = (params: Record<string, unknown>) => resolveSettings(strategy, settingsFromStored(strategy, params), `run ${run.id}`) as ResolvedSettings<Record<string, ParamValue>>;
  const resolved = resolve(run.params);
  const combos = run.kind === 'single' ? [] : (await listCombos(db, run.id)).map((c) => resolve(c.params));
  return planFor(strategy, resolved, { kind: run.kind, combos, windows: run.windows ?? undefined, selectMetric: run.selectMetric ?? undefined });
}
