/**
 * Grids from the command line and from grid files. An axis is `name=v1,v2,...` (a list) or
 * `name=start:stop:step` (an inclusive range, decimal-exact: `0.1:0.3:0.1` is 0.1, 0.2, 0.3), for any setting
 * of the strategy's specs or the portfolio's, values parsed by the spec (`off`, `all`, enum words). A grid file is
 * JSON: `{ "axes": { "fast_window": [5, 10], "slow_window": { "start": 20, "stop": 100, "step": 20 } } }` (the
 * cartesian product) or `{ "combos": [ { ... }, ... ] }` (an explicit list, for conditional grids). Either way
 * combinations that break a rule of the strategy are skipped and counted; `--grid-sample N --seed S` keeps a
 * random subset of N.
 */
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors';
import type { Strategy } from '../strategy/defineStrategy';
import { fromJson, parseValue, validateParam, type ParamValue } from '../strategy/paramSpec';
import { settingKeys, specOf } from '../strategy/resolveSettings';
import { gridCombos, type GridAxes } from './gridCombos';

/** The decimals of a number's shortest decimal spelling: 0.25 -> 2, 1e-7 -> 7, 3 -> 0. */
function decimalsOf(s: string): number {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(s.trim());
  if (!m) return 0;
  const frac = (m[2] ?? '').length;
  const exp = Number(m[3] ?? 0);
  return Math.max(0, frac - exp);
}

/**
 * rangeValues(start, stop, step, where): the inclusive range, computed on integers scaled by 10^decimals so that
 * 0.1:0.3:0.1 gives exactly [0.1, 0.2, 0.3] (floating-point steps would give 0.30000000000000004 and miss it).
 * @example rangeValues('5', '15', '5', '--grid hold_bars') // [5, 10, 15]
 */
export function rangeValues(start: string, stop: string, step: string, where: string): number[] {
  const [a, b, c] = [start, stop, step].map((x) => Number(x));
  if (![a, b, c].every(Number.isFinite)) throw new UserError(`${where}: a range is start:stop:step with numbers, got ${start}:${stop}:${step}`);
  if (!(c > 0)) throw new UserError(`${where}: the step of ${start}:${stop}:${step} must be > 0`);
  if (b < a) throw new UserError(`${where}: ${start}:${stop}:${step} is empty (stop < start)`);
  const d = Math.min(12, Math.max(decimalsOf(start), decimalsOf(stop), decimalsOf(step)));
  const scale = 10 ** d;
  const [ia, ib, ic] = [a, b, c].map((x) => Math.round(x * scale));
  const count = Math.floor((ib - ia) / ic) + 1;
  if (count > 100_000) throw new UserError(`${where}: ${start}:${stop}:${step} has ${count} values; a grid axis takes at most 100,000`);
  return Array.from({ length: count }, (_, k) => (ia + k * ic) / scale);
}

/**
 * parseGridFlag(text, strategy): one `--grid name=...` axis, its values checked against the setting's spec.
 * @example parseGridFlag('sl_stop=0.02,0.03,off', s) // ['sl_stop', [0.02, 0.03, NaN]]
 */
export function parseGridFlag(text: string, strategy: Strategy<never>): [string, ParamValue[]] {
  const eq = text.indexOf('=');
  const where = `--grid ${text}`;
  if (eq <= 0) throw new UserError(`--grid takes name=v1,v2,... or name=start:stop:step, e.g. --grid rvol_min=1.5,2,2.5 or --grid hold_bars=5:15:5; got ${JSON.stringify(text)}`);
  const name = text.slice(0, eq).trim().replace(/-/g, '_');
  const spec = specOf(strategy, name);
  if (!spec) throw new UserError(`${where}: unknown setting ${name} for strategy ${strategy.name}; known: ${settingKeys(strategy).join(', ')}`);
  const raw = text.slice(eq + 1).trim();
  let values: ParamValue[];
  const range = /^([^:,]+):([^:,]+):([^:,]+)$/.exec(raw);
  if (range) {
    if (spec.type !== 'number' && spec.type !== 'integer') throw new UserError(`${where}: ${name} is ${spec.type === 'enum' ? 'an enum' : 'a boolean'}; list its values instead (name=a,b)`);
    values = rangeValues(range[1], range[2], range[3], where);
  } else {
    values = raw.split(',').map((v) => parseValue(spec, v, `${where}: ${name}`));
  }
  if (!values.length || raw === '') throw new UserError(`${where}: no values`);
  for (const v of values) validateParam(name, spec, v, where);
  const distinct = new Set(values.map(String));
  if (distinct.size !== values.length) throw new UserError(`${where}: a value is repeated; give each once`);
  return [name, values];
}

/** mulberry32, for a reproducible sample. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GridSpec {
  /** The combinations to run: the swept settings' values each. */
  combos: Record<string, ParamValue>[];
  /** What the run records of the grid (for the report and `vecbt results`). */
  describe: { axes?: Record<string, ParamValue[]>; listed?: number; product: number; skipped: number; skippedRules: string[]; sample?: { n: number; seed: number } };
}

/**
 * buildGrid(strategy, axes | combos, base, sample): the combinations of a grid, rule-breakers skipped, sampled.
 * @example buildGrid(s, { axes: { rvol_min: [1.5, 2] } }, {}).combos // [{ rvol_min: 1.5 }, { rvol_min: 2 }]
 */
export function buildGrid(strategy: Strategy<never>, grid: { axes?: GridAxes; combos?: Record<string, ParamValue>[] }, base: Readonly<Record<string, unknown>>, sample?: { n: number; seed: number }): GridSpec {
  let combos: Record<string, ParamValue>[];
  let product: number;
  let skipped: { rule: string }[];
  if (grid.combos) {
    const all = grid.combos;
    product = all.length;
    combos = [];
    skipped = [];
    for (const c of all) {
      const r = gridCombos(strategy, Object.fromEntries(Object.entries(c).map(([k, v]) => [k, [v]])), base);
      if (r.skipped.length) skipped.push(r.skipped[0]);
      else combos.push(c);
    }
  } else {
    const g = gridCombos(strategy, grid.axes ?? {}, base);
    combos = g.combos;
    skipped = g.skipped;
    product = g.combos.length + g.skipped.length;
  }
  if (sample && sample.n < combos.length) {
    const next = rng(sample.seed);
    const idx = combos.map((_, i) => i);
    for (let i = 0; i < sample.n; i++) {
      const j = i + Math.floor(next() * (idx.length - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    combos = idx.slice(0, sample.n).sort((a, b) => a - b).map((i) => combos[i]);
  }
  if (!combos.length) throw new UserError(`the grid has no combination left: all ${product} break a rule of strategy ${strategy.name} (${[...new Set(skipped.map((s) => s.rule))].join('; ')})`);
  return {
    combos,
    describe: {
      ...(grid.axes ? { axes: Object.fromEntries(Object.entries(grid.axes).map(([k, v]) => [k, [...v]])) } : { listed: product }),
      product,
      skipped: skipped.length,
      skippedRules: [...new Set(skipped.map((s) => s.rule))],
      ...(sample ? { sample } : {}),
    },
  };
}

/** readGridFile(path, strategy): a grid file's axes or combinations, each value checked against its spec. */
export async function readGridFile(path: string, strategy: Strategy<never>): Promise<{ axes?: GridAxes; combos?: Record<string, ParamValue>[] }> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UserError(`${path}: ${e.code === 'ENOENT' ? 'no such file' : e.code ? `cannot read it (${e.code})` : `not valid JSON (${e.message})`}; a grid file is {"axes": {"name": [values]}} or {"combos": [{...}]}`);
  }
  const fail = (msg: string): never => {
    throw new UserError(`${path}: ${msg}`);
  };
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return fail('expected a JSON object {"axes": {...}} or {"combos": [...]}');
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (k !== 'axes' && k !== 'combos') fail(`unknown field "${k}"; a grid file has "axes" or "combos"`);
  if ((d.axes === undefined) === (d.combos === undefined)) fail('give exactly one of "axes" (a product) and "combos" (a list)');
  const value = (name: string, v: unknown, where: string): ParamValue => {
    const spec = specOf(strategy, name);
    if (!spec) return fail(`${where}: unknown setting ${name} for strategy ${strategy.name}; known: ${settingKeys(strategy).join(', ')}`);
    const x = fromJson(spec, v);
    validateParam(name, spec, x, `${path}: ${where}`);
    return x as ParamValue;
  };
  if (d.axes !== undefined) {
    if (d.axes === null || typeof d.axes !== 'object' || Array.isArray(d.axes)) return fail('"axes" must be an object of name -> values');
    const axes: Record<string, ParamValue[]> = {};
    for (const [name, v] of Object.entries(d.axes as Record<string, unknown>)) {
      if (Array.isArray(v)) axes[name] = v.map((x, i) => value(name, x, `axes.${name}[${i}]`));
      else if (v && typeof v === 'object' && 'start' in v && 'stop' in v && 'step' in v) {
        const r = v as { start: unknown; stop: unknown; step: unknown };
        axes[name] = rangeValues(String(r.start), String(r.stop), String(r.step), `${path}: axes.${name}`).map((x) => value(name, x, `axes.${name}`));
      } else fail(`axes.${name} must be a list of values or {"start", "stop", "step"}`);
    }
    return { axes };
  }
  if (!Array.isArray(d.combos) || !d.combos.length) return fail('"combos" must be a non-empty list of objects');
  return {
    combos: (d.combos as unknown[]).map((c, i) => {
      if (c === null || typeof c !== 'object' || Array.isArray(c)) return fail(`combos[${i}] must be an object of settings`);
      return Object.fromEntries(Object.entries(c as Record<string, unknown>).map(([k, v]) => [k, value(k, v, `combos[${i}].${k}`)]));
    }),
  };
}
