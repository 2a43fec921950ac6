/**
 * The combinations of a parameter grid: the cartesian product of the axes (any strategy parameter or portfolio
 * setting, by its snake_case name), the first axis varying slowest, merged into the base settings and resolved.
 * A combination that breaks one of the strategy's rules (e.g. fast_window < slow_window) is skipped and counted,
 * not an error: a grid over two windows naturally contains such cells.
 */
import { UserError } from '../errors';
import type { Strategy } from '../strategy/defineStrategy';
import type { ParamValue } from '../strategy/paramSpec';
import { validateParam } from '../strategy/paramSpec';
import { resolveSettings, settingKeys, specOf, type ResolvedSettings } from '../strategy/resolveSettings';

/** Values per swept setting, in the order the axes were given. */
export type GridAxes = Readonly<Record<string, readonly ParamValue[]>>;

export interface GridCombos<P = Record<string, ParamValue>> {
  /** The swept values of each kept combination (keys in axis order). */
  combos: Record<string, ParamValue>[];
  /** The resolved settings of each kept combination. */
  resolved: ResolvedSettings<P>[];
  /** Combinations that broke a rule of the strategy, with the rule. */
  skipped: { combo: Record<string, ParamValue>; rule: string }[];
}

/**
 * gridCombos(strategy, axes, base): every combination, validated.
 * @example gridCombos(strategies.rvol_atr, { rvol_min: [1.5, 2], hold_bars: [5, 7] }).combos.length // 4
 */
export function gridCombos<P>(strategy: Strategy<P>, axes: GridAxes, base: Readonly<Record<string, unknown>> = {}): GridCombos<P> {
  const s = strategy as unknown as Strategy<never>;
  const names = Object.keys(axes);
  for (const name of names) {
    const spec = specOf(s, name);
    if (!spec) throw new UserError(`grid axis ${name}: unknown setting for strategy ${s.name}; known: ${settingKeys(s).join(', ')}`);
    if (!axes[name].length) throw new UserError(`grid axis ${name} has no values`);
    // Each value checked alone, so the message names the axis rather than a combination.
    for (const v of axes[name]) validateParam(name, spec, v, 'grid axis');
  }
  const out: GridCombos<P> = { combos: [], resolved: [], skipped: [] };
  const idx = new Array(names.length).fill(0);
  for (;;) {
    const combo: Record<string, ParamValue> = {};
    names.forEach((n, a) => (combo[n] = axes[n][idx[a]]));
    const merged = { ...base, ...combo };
    const broken = (s.rules ?? []).find((r) => !r.ok(resolveParamsLoose(s, merged) as never));
    if (broken) out.skipped.push({ combo, rule: broken.message });
    else {
      out.combos.push(combo);
      out.resolved.push(resolveSettings(strategy, merged));
    }
    let a = names.length - 1;
    while (a >= 0 && ++idx[a] === axes[names[a]].length) idx[a--] = 0;
    if (a < 0) break;
  }
  return out;
}

/** The strategy's parameters for `settings` without the rule checks (to test the rules one by one). */
function resolveParamsLoose(s: Strategy<never>, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  for (const [k, spec] of Object.entries(s.params)) p[k] = k in settings ? settings[k] : spec.default;
  return p;
}
