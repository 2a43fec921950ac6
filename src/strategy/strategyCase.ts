/**
 * The `vecbt-strategy-case/1` file: `{ schema, name, description, data: "<file>.ohlcv.csv", strategy: {...} }`.
 * `data` is relative to the JSON file. `strategy` keys are snake_case (`rvol_window`, `rvol_min`, `atr_window`,
 * `atr_pct_min`, `hold_bars`, `exit_mode`, `sl_stop`, `sl_trail`, `tp_stop`, `fees`, `fixed_fees`, `slippage`,
 * `init_cash`, `size`) plus `freq` (bar length, "1D"); `sl_stop`/`tp_stop` null = off, `size` null = all the cash.
 * Unknown keys anywhere are a UserError.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors';
import { parseFreqDays } from '../io/readCase';
import { resolveStrategy, STRATEGY_KEYS, type StrategyParams } from './params';

export const STRATEGY_CASE_SCHEMA = 'vecbt-strategy-case/1';

export interface StrategyCase {
  file: string;
  name: string;
  description: string;
  /** the CSV path, resolved against the JSON file's directory */
  dataPath: string;
  /** the strategy keys given in the file (validated; merge with resolveStrategy) */
  params: Partial<StrategyParams>;
  /** bar length in days (`freq`, default 1) */
  freqDays: number;
}

/** camelCase key -> snake_case JSON key: `atrPctMin` -> `atr_pct_min`. */
export function jsonKey(key: keyof StrategyParams): string {
  return key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

const JSON_TO_KEY = new Map(STRATEGY_KEYS.map((k) => [jsonKey(k), k]));
const TOP_KEYS = ['schema', 'name', 'description', 'data', 'strategy'];

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/**
 * parseStrategyCase(doc, file): validate an already parsed strategy case.
 * @example parseStrategyCase(JSON.parse(text), 'cases/u01.strategy.json').dataPath
 */
export function parseStrategyCase(doc: unknown, file: string): StrategyCase {
  const fail = (msg: string): never => {
    throw new UserError(`${file}: ${msg}`);
  };
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) fail(`expected a JSON object with "schema": "${STRATEGY_CASE_SCHEMA}", got ${typeName(doc)}`);
  const d = doc as Record<string, unknown>;
  if (d.schema !== STRATEGY_CASE_SCHEMA) fail(`"schema" must be "${STRATEGY_CASE_SCHEMA}", got ${d.schema === undefined ? 'nothing' : JSON.stringify(d.schema)}`);
  for (const k of Object.keys(d)) if (!TOP_KEYS.includes(k)) fail(`unknown field "${k}"; allowed: ${TOP_KEYS.join(', ')}`);
  if (typeof d.data !== 'string' || d.data === '') fail(`"data" must be the path of the OHLCV CSV (relative to this file), got ${typeName(d.data)}`);
  for (const k of ['name', 'description']) if (d[k] !== undefined && typeof d[k] !== 'string') fail(`"${k}" must be a string, got ${typeName(d[k])}`);
  const s = d.strategy ?? {};
  if (typeof s !== 'object' || s === null || Array.isArray(s)) fail(`"strategy" must be an object, got ${typeName(d.strategy)}`);
  const params: Record<string, unknown> = {};
  let freqDays = 1;
  for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
    if (k === 'freq') {
      if (typeof v !== 'string') fail(`strategy.freq must be a string like "1D", got ${typeName(v)}`);
      freqDays = parseFreqDays(v as string, `${file}: strategy.freq`);
      continue;
    }
    const key = JSON_TO_KEY.get(k);
    if (!key) fail(`unknown strategy key "${k}"; allowed: ${[...JSON_TO_KEY.keys(), 'freq'].join(', ')}`);
    params[key!] = v === null && (key === 'slStop' || key === 'tpStop') ? NaN : v === null && key === 'size' ? Infinity : v;
  }
  resolveStrategy(params as Partial<StrategyParams>, `${file}: strategy`, jsonKey); // validate with the file's spelling
  return {
    file,
    name: typeof d.name === 'string' ? d.name : '',
    description: typeof d.description === 'string' ? d.description : '',
    dataPath: resolve(dirname(file), d.data as string),
    params: params as Partial<StrategyParams>,
    freqDays,
  };
}

/** readStrategyCase(path): read, parse and validate a strategy case file. */
export async function readStrategyCase(path: string): Promise<StrategyCase> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read the strategy case (${code ?? (err as Error).message}); check the path`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${(err as Error).message}); a strategy case is a ${STRATEGY_CASE_SCHEMA} JSON object`);
  }
  return parseStrategyCase(doc, path);
}
