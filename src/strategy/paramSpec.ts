/**
 * Parameter specs: one declaration per parameter (type, default, range, one-line doc) from which everything else
 * is derived: validation with one clear message, the CLI flag (`fast_window` -> `--fast-window`), the JSON key
 * (the snake_case name itself), the value's display in the user's spelling, `--help` lines and grid axes.
 * Nothing lists a strategy's parameters a second time.
 *
 * Values: numbers (NaN = "off" where a spec allows it, Infinity = "all" where a spec allows it), booleans and
 * enum strings. JSON has no NaN/Infinity: a spec that allows one of them reads `null` as it.
 */
import { UserError } from '../errors';

interface SpecBase {
  /** One line for --help, the notebooks and the report. */
  doc: string;
}

export interface NumberSpec extends SpecBase {
  type: 'number';
  default: number;
  /** Inclusive bounds unless the matching `*Exclusive` is set. */
  min?: number;
  max?: number;
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /**
   * What `null` (JSON), `off` and `inf`/`all` (flags) mean: 'off' = NaN (the feature is disabled, e.g. a stop),
   * 'all' = Infinity (e.g. a size that means all the cash). Without it both are refused.
   */
  special?: 'off' | 'all';
}

export interface IntegerSpec extends SpecBase {
  type: 'integer';
  default: number;
  min?: number;
  max?: number;
}

export interface BooleanSpec extends SpecBase {
  type: 'boolean';
  default: boolean;
}

export interface EnumSpec<V extends string = string> extends SpecBase {
  type: 'enum';
  default: V;
  values: readonly V[];
}

export type ParamSpec = NumberSpec | IntegerSpec | BooleanSpec | EnumSpec;
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type ParamValue = number | boolean | string;

/** The value type a spec declares. */
export type ValueOf<S> = S extends BooleanSpec ? boolean : S extends EnumSpec<infer V> ? V : number;
/** The resolved parameter object of a spec table. */
export type ParamsOf<S> = { readonly [K in keyof S]: ValueOf<S[K]> };

/** snake_case -> the command-line flag: `fast_window` -> `--fast-window`. */
export function flagOf(name: string): string {
  return '--' + name.replace(/_/g, '-');
}

/** A parameter name must be a snake_case identifier (it is a JSON key, a flag and a SQL jsonb key). */
export const PARAM_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

function describeRange(spec: NumberSpec | IntegerSpec): string {
  const kind = spec.type === 'integer' ? 'an integer' : 'a number';
  const lo = spec.min === undefined ? null : `${(spec as NumberSpec).minExclusive ? '>' : '>='} ${spec.min}`;
  const hi = spec.max === undefined ? null : `${(spec as NumberSpec).maxExclusive ? '<' : '<='} ${spec.max}`;
  const range = lo && hi ? ` ${lo} and ${hi}` : lo ? ` ${lo}` : hi ? ` ${hi}` : '';
  const special = spec.type === 'number' && spec.special === 'off' ? ', or off' : spec.type === 'number' && spec.special === 'all' ? ', or all' : '';
  return `${kind}${range}${special}`;
}

/** What a spec accepts, in words: `an integer >= 1`, `one of longonly, shortonly, both`, `true or false`. */
export function describeSpec(spec: ParamSpec): string {
  if (spec.type === 'boolean') return 'true or false';
  if (spec.type === 'enum') return `one of ${spec.values.join(', ')}`;
  return describeRange(spec);
}

/** Null when `value` is valid for `spec`, else what is expected (`describeSpec`). */
export function checkValue(spec: ParamSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : describeSpec(spec);
    case 'enum':
      return typeof value === 'string' && (spec.values as readonly string[]).includes(value) ? null : describeSpec(spec);
    case 'integer': {
      const ok = typeof value === 'number' && Number.isSafeInteger(value) && (spec.min === undefined || value >= spec.min) && (spec.max === undefined || value <= spec.max);
      return ok ? null : describeSpec(spec);
    }
    case 'number': {
      if (typeof value !== 'number') return describeSpec(spec);
      if (value !== value) return spec.special === 'off' ? null : describeSpec(spec);
      if (value === Infinity && spec.special === 'all') return null;
      if (!Number.isFinite(value)) return describeSpec(spec);
      const { min, max } = spec;
      const ok = (min === undefined || (spec.minExclusive ? value > min : value >= min)) && (max === undefined || (spec.maxExclusive ? value < max : value <= max));
      return ok ? null : describeSpec(spec);
    }
  }
}

/** The value as the user writes it: `0.03`, `off`, `all`, `true`, `bars-after-fill`. */
export function formatValue(spec: ParamSpec, value: ParamValue): string {
  if (typeof value === 'number') {
    if (value !== value) return 'off';
    if (value === Infinity) return 'all';
  }
  return String(value);
}

/** A JSON value (from a case file, a stored run or a grid file) -> the parameter value (null -> NaN/Infinity). */
export function fromJson(spec: ParamSpec, value: unknown): unknown {
  if (value === null && spec.type === 'number') return spec.special === 'off' ? NaN : spec.special === 'all' ? Infinity : null;
  return value;
}

/** The parameter value -> JSON (NaN/Infinity -> null, which `fromJson` reads back). */
export function toJson(value: ParamValue): number | boolean | string | null {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/**
 * A command-line word -> the parameter value, or a UserError naming `where` (e.g. `--sl-stop`).
 * @example parseValue(spec, 'off', '--sl-stop') // NaN for a stop
 */
export function parseValue(spec: ParamSpec, raw: string, where: string): ParamValue {
  const s = raw.trim();
  const fail = (): never => {
    throw new UserError(`${where} must be ${describeSpec(spec)}, got ${JSON.stringify(raw)}`);
  };
  switch (spec.type) {
    case 'boolean':
      if (s === 'true' || s === '1' || s === 'yes') return true;
      if (s === 'false' || s === '0' || s === 'no') return false;
      return fail();
    case 'enum':
      return s;
    case 'integer':
    case 'number': {
      const w = s.toLowerCase();
      if (spec.type === 'number' && spec.special === 'off' && (w === 'off' || w === 'none' || w === 'nan' || w === 'null')) return NaN;
      if (spec.type === 'number' && spec.special === 'all' && (w === 'all' || w === 'inf' || w === 'infinity' || w === 'null')) return Infinity;
      // Number('') is 0 and Number('0x10') is 16: only plain decimals are parameters.
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(w)) return fail();
      return Number(w);
    }
  }
}

/**
 * Validates `value` against `spec`; throws a UserError `<where>: <name> must be <range>, got <value>`.
 * @example validateParam('fast_window', spec, 0, 'flags', flagOf) // throws "flags: --fast-window must be an integer >= 1, got 0"
 */
export function validateParam(name: string, spec: ParamSpec, value: unknown, where: string, spell: (name: string) => string = (n) => n): void {
  const want = checkValue(spec, value);
  if (want === null) return;
  const got = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'number' ? String(value) : value === null ? 'null' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  throw new UserError(`${where ? where + ': ' : ''}${spell(name)} must be ${want}, got ${got}`);
}

/** `--help` / documentation line of one parameter: `--fast-window N   integer >= 1 (default 10): the fast MA window`. */
export function helpLine(name: string, spec: ParamSpec): string {
  const arg = spec.type === 'boolean' ? '[true|false]' : spec.type === 'enum' ? spec.values.join('|') : spec.type === 'integer' ? 'N' : 'X';
  return `${flagOf(name)} ${arg}`.padEnd(34) + `${spec.doc} (${describeSpec(spec)}; default ${formatValue(spec, spec.default)})`;
}

/** The defaults of a spec table as a parameter object. */
export function defaultsOf<S extends ParamSpecs>(specs: S): ParamsOf<S> {
  return Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, s.default])) as ParamsOf<S>;
}
