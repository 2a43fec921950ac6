/**
 * Strategy case files, both schemas:
 * - `vecbt-strategy-case/2`: `{ schema, name, description, data, strategy: { name, params: {...} },
 *   portfolio: { sl_stop, tp_stop, fees, init_cash, freq, ... } }`: any built-in strategy (or `"file"` instead of
 *   `"name"`: a strategy file, relative to the case) with its parameters, and the portfolio settings apart.
 * - `vecbt-strategy-case/1` (the seed's): `{ ..., strategy: { rvol_window, ..., sl_stop, fees, freq } }`: the
 *   rvol_atr strategy with its parameters and the portfolio settings in one flat object.
 * `data` is the OHLCV CSV, relative to the JSON file. Keys are the specs' snake_case names; `null` means the
 * spec's "off"/"all" (a disabled stop, all the cash). `freq` is the bar length ("1D"). Unknown keys anywhere are
 * a UserError naming the file and the key.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors';
import { parseFreqDays } from '../io/readCase';
import { getStrategy } from '../strategies';
import type { Strategy } from './defineStrategy';
import { fromJson, type ParamValue } from './paramSpec';
import { PORTFOLIO_SPECS } from './portfolioSettings';
import { resolveSettings, specOf } from './resolveSettings';

export const STRATEGY_CASE_SCHEMA = 'vecbt-strategy-case/2';
export const STRATEGY_CASE_SCHEMA_V1 = 'vecbt-strategy-case/1';

export interface StrategyCase {
  file: string;
  schema: typeof STRATEGY_CASE_SCHEMA | typeof STRATEGY_CASE_SCHEMA_V1;
  name: string;
  description: string;
  /** the CSV path, resolved against the JSON file's directory */
  dataPath: string;
  /** The built-in's name, or the strategy file's path (resolved against the JSON file) for `strategy.file`. */
  strategyRef: string;
  /** The settings given in the file, flat (strategy parameters and portfolio settings), validated. */
  settings: Record<string, ParamValue>;
  /** bar length in days (`freq`, default 1) */
  freqDays: number;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * parseStrategyCase(doc, file, strategy): validate an already parsed case. `strategy` is the case's strategy when
 * the caller has loaded it (a file strategy); otherwise the built-in the case names.
 * @example parseStrategyCase(JSON.parse(text), 'cases/u01.strategy.json').dataPath
 */
export function parseStrategyCase(doc: unknown, file: string, loaded?: Strategy<never>): StrategyCase {
  const fail = (msg: string): never => {
    throw new UserError(`${file}: ${msg}`);
  };
  if (!isObject(doc)) return fail(`expected a JSON object with "schema": "${STRATEGY_CASE_SCHEMA}", got ${typeName(doc)}`);
  const v1 = doc.schema === STRATEGY_CASE_SCHEMA_V1;
  if (!v1 && doc.schema !== STRATEGY_CASE_SCHEMA) fail(`"schema" must be "${STRATEGY_CASE_SCHEMA}" (or "${STRATEGY_CASE_SCHEMA_V1}"), got ${doc.schema === undefined ? 'nothing' : JSON.stringify(doc.schema)}`);
  const topKeys = v1 ? ['schema', 'name', 'description', 'data', 'strategy'] : ['schema', 'name', 'description', 'data', 'strategy', 'portfolio'];
  for (const k of Object.keys(doc)) if (!topKeys.includes(k)) fail(`unknown field "${k}"; allowed: ${topKeys.join(', ')}`);
  if (typeof doc.data !== 'string' || doc.data === '') fail(`"data" must be the path of the OHLCV CSV (relative to this file), got ${typeName(doc.data)}`);
  for (const k of ['name', 'description']) if (doc[k] !== undefined && typeof doc[k] !== 'string') fail(`"${k}" must be a string, got ${typeName(doc[k])}`);

  let strategyRef: string;
  let given: [string, unknown, string][]; // key, JSON value, where it was written
  let freqDays = 1;
  const takeFreq = (v: unknown, where: string) => {
    if (typeof v !== 'string') fail(`${where}.freq must be a string like "1D", got ${typeName(v)}`);
    freqDays = parseFreqDays(v as string, `${file}: ${where}.freq`);
  };
  if (v1) {
    const s = doc.strategy ?? {};
    if (!isObject(s)) return fail(`"strategy" must be an object, got ${typeName(doc.strategy)}`);
    strategyRef = 'rvol_atr';
    given = [];
    for (const [k, v] of Object.entries(s)) {
      if (k === 'freq') takeFreq(v, 'strategy');
      else given.push([k, v, 'strategy']);
    }
  } else {
    const s = doc.strategy;
    if (!isObject(s)) return fail(`"strategy" must be an object { "name": "ma_cross", "params": { ... } }, got ${typeName(s)}`);
    for (const k of Object.keys(s)) if (!['name', 'file', 'params'].includes(k)) fail(`unknown field "strategy.${k}"; allowed: name (a built-in) or file (a strategy file), params`);
    if ((s.name === undefined) === (s.file === undefined)) fail('"strategy" needs exactly one of "name" (a built-in, e.g. "ma_cross") and "file" (a strategy file relative to this case)');
    if (s.name !== undefined && typeof s.name !== 'string') fail(`"strategy.name" must be a string, got ${typeName(s.name)}`);
    if (s.file !== undefined && (typeof s.file !== 'string' || !s.file)) fail(`"strategy.file" must be a path, got ${typeName(s.file)}`);
    strategyRef = s.name !== undefined ? (s.name as string) : resolve(dirname(file), s.file as string);
    const params = s.params ?? {};
    if (!isObject(params)) return fail(`"strategy.params" must be an object, got ${typeName(params)}`);
    const portfolio = doc.portfolio ?? {};
    if (!isObject(portfolio)) return fail(`"portfolio" must be an object, got ${typeName(doc.portfolio)}`);
    given = Object.entries(params).map(([k, v]) => [k, v, 'strategy.params']);
    for (const [k, v] of Object.entries(portfolio)) {
      if (k === 'freq') takeFreq(v, 'portfolio');
      else given.push([k, v, 'portfolio']);
    }
  }
  let strategy: Strategy<never>;
  try {
    strategy = loaded ?? getStrategy(strategyRef);
  } catch (err) {
    return fail((err as Error).message);
  }
  const settings: Record<string, ParamValue> = {};
  for (const [k, v, where] of given) {
    const spec = specOf(strategy, k);
    const inPortfolio = Object.prototype.hasOwnProperty.call(PORTFOLIO_SPECS, k);
    if (!spec || (!v1 && where === 'portfolio' && !inPortfolio) || (!v1 && where === 'strategy.params' && inPortfolio)) {
      const allowed = where === 'portfolio' ? [...Object.keys(PORTFOLIO_SPECS), 'freq'] : v1 ? [...Object.keys(strategy.params), ...Object.keys(PORTFOLIO_SPECS), 'freq'] : Object.keys(strategy.params);
      fail(`unknown key "${where}.${k}" for strategy ${strategy.name}; allowed: ${allowed.join(', ')}`);
    }
    settings[k] = fromJson(spec!, v) as ParamValue;
  }
  resolveSettings(strategy, settings, file, (k) => k); // validate with the file's spelling
  return {
    file,
    schema: v1 ? STRATEGY_CASE_SCHEMA_V1 : STRATEGY_CASE_SCHEMA,
    name: typeof doc.name === 'string' ? doc.name : '',
    description: typeof doc.description === 'string' ? doc.description : '',
    dataPath: resolve(dirname(file), doc.data as string),
    strategyRef,
    settings,
    freqDays,
  };
}

/** The case's JSON, read and parsed (a UserError naming the file otherwise). */
export async function readStrategyCaseJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read the strategy case (${code ?? (err as Error).message}); check the path`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${(err as Error).message}); a strategy case is a ${STRATEGY_CASE_SCHEMA} JSON object`);
  }
}

/** readStrategyCase(path): read, parse and validate a strategy case file naming a built-in strategy. */
export async function readStrategyCase(path: string): Promise<StrategyCase> {
  return parseStrategyCase(await readStrategyCaseJson(path), path);
}
