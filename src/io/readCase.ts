/**
 * Read and validate a `vecbt-case/1` file (data-fixtures/golden/README.md, parts 1 and 2) into typed, column-major
 * inputs for `fromSignals`. Every problem is a UserError naming the file, the field (with its index) and the fix,
 * e.g. `case.json: close[1] has 19 values, expected 20 (one per date of "index")`.
 *
 * Params default to vectorbt's defaults when absent; unknown params are errors (a typo such as "sl_stp" would
 * otherwise silently run without a stop). Numeric params, `sl_trail`, `direction` and `size_type` may be one value
 * or one per column; `init_cash` is per group with `cash_sharing`. The signal-resolution modes (`upon_*`,
 * `stop_entry_price`, `stop_exit_price`) are accepted at vectorbt's defaults only, the ones vecbt implements.
 * A size type vectorbt's from_signals refuses ('targetpercent', ...) is read, so the engine refuses it as
 * vectorbt does.
 */
import { readFile } from 'node:fs/promises';
import { UserError } from '../errors';
import type { Flex } from '../kernels/flexSelect';
import { isLess } from '../kernels/isClose';
import { DIRECTION_LABELS, SIZE_TYPE_LABELS, type DirectionName, type SizeTypeName } from '../portfolio/enums';
import type { PriceMatrix, SimOptions } from '../portfolio/fromSignals';

export const CASE_SCHEMA = 'vecbt-case/1';

export interface CaseData {
  file: string;
  name: string;
  description: string;
  index: string[];
  columns: string[];
  prices: PriceMatrix;
  entries: Uint8Array;
  exits: Uint8Array;
  options: SimOptions;
  /** Bar length in days, from params.freq ("1D" -> 1). */
  freqDays: number;
  /**
   * The case uses part 2 of the schema (short signals, or any part-2 param: direction other than "longonly",
   * size_type, upon_*, stop_*_price, group_by, cash_sharing, call_seq): its expected document has part 2's keys.
   */
  part2: boolean;
}

const TOP_KEYS = new Set(['schema', 'name', 'description', 'index', 'columns', 'close', 'open', 'high', 'low', 'entries', 'exits', 'short_entries', 'short_exits', 'params']);
/** The signal-resolution modes of part 2, each at the only value vecbt implements (vectorbt's default). */
const FIXED_MODES: Readonly<Record<string, string>> = Object.freeze({
  upon_long_conflict: 'ignore',
  upon_short_conflict: 'ignore',
  upon_dir_conflict: 'ignore',
  upon_opposite_entry: 'reversereduce',
  upon_stop_exit: 'close',
  stop_entry_price: 'close',
  stop_exit_price: 'stoplimit',
});
const PART2_PARAMS = ['size_type', 'group_by', 'cash_sharing', 'call_seq', ...Object.keys(FIXED_MODES)];
const PARAM_KEYS = ['init_cash', 'fees', 'fixed_fees', 'slippage', 'sl_stop', 'sl_trail', 'tp_stop', 'size', 'direction', 'accumulate', 'freq', 'time_exit_bars', ...PART2_PARAMS];
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function fail(file: string, msg: string): never {
  throw new UserError(`${file}: ${msg}`);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function stringArray(file: string, field: string, v: unknown): string[] {
  if (!Array.isArray(v)) fail(file, `"${field}" must be an array of strings, got ${typeName(v)}`);
  v.forEach((s, i) => {
    if (typeof s !== 'string') fail(file, `${field}[${i}] must be a string, got ${typeName(s)}`);
  });
  return v as string[];
}

/** A [C][R] matrix of numbers|null -> column-major Float64Array (null -> NaN). */
function priceMatrix(file: string, field: string, v: unknown, nRows: number, nCols: number): Float64Array {
  if (!Array.isArray(v)) fail(file, `"${field}" must be an array of ${nCols} columns (one per "columns" entry), got ${typeName(v)}`);
  if (v.length !== nCols) fail(file, `"${field}" has ${v.length} columns, expected ${nCols} (one per "columns" entry; the layout is ${field}[column][row])`);
  const out = new Float64Array(nRows * nCols);
  for (let c = 0; c < nCols; c++) {
    const col = v[c];
    if (!Array.isArray(col)) fail(file, `${field}[${c}] must be an array of ${nRows} numbers or null, got ${typeName(col)}`);
    if (col.length !== nRows) fail(file, `${field}[${c}] has ${col.length} values, expected ${nRows} (one per date of "index")`);
    for (let r = 0; r < nRows; r++) {
      const x = col[r];
      if (x === null) out[c * nRows + r] = NaN;
      else if (typeof x === 'number') out[c * nRows + r] = x;
      else fail(file, `${field}[${c}][${r}] must be a number or null (missing), got ${typeName(x)}`);
    }
  }
  return out;
}

/** A [C][R] matrix of booleans (0/1 accepted) -> column-major Uint8Array. */
function signalMatrix(file: string, field: string, v: unknown, nRows: number, nCols: number): Uint8Array {
  if (!Array.isArray(v)) fail(file, `"${field}" must be an array of ${nCols} columns of booleans, got ${typeName(v)}`);
  if (v.length !== nCols) fail(file, `"${field}" has ${v.length} columns, expected ${nCols} (one per "columns" entry; the layout is ${field}[column][row])`);
  const out = new Uint8Array(nRows * nCols);
  for (let c = 0; c < nCols; c++) {
    const col = v[c];
    if (!Array.isArray(col)) fail(file, `${field}[${c}] must be an array of ${nRows} booleans, got ${typeName(col)}`);
    if (col.length !== nRows) fail(file, `${field}[${c}] has ${col.length} values, expected ${nRows} (one per date of "index")`);
    for (let r = 0; r < nRows; r++) {
      const x = col[r];
      if (x === true || x === 1) out[c * nRows + r] = 1;
      else if (x !== false && x !== 0) fail(file, `${field}[${c}][${r}] must be true or false, got ${typeName(x)}`);
    }
  }
  return out;
}

interface ParamRule {
  /** what null stands for; null is an error when absent */
  nullAs?: number;
  min?: number;
  minExclusive?: boolean;
  /** below `min` only when also not close to it (vectorbt `is_less_nb`) */
  minTolerant?: boolean;
  /** appended to the "must be >= min" message: why vectorbt refuses it */
  why?: string;
}

function flexParam(file: string, key: string, v: unknown, nCols: number, opts: ParamRule): Flex {
  const check = (x: unknown, where: string): number => {
    if (x === null && opts.nullAs !== undefined) return opts.nullAs;
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(file, `${where} must be a finite number${opts.nullAs !== undefined ? ' or null' : ''}, got ${typeName(x)}`);
    if (opts.min !== undefined) {
      const below = opts.minExclusive ? x <= opts.min : opts.minTolerant ? isLess(x, opts.min) : x < opts.min;
      if (below) fail(file, `${where} must be ${opts.minExclusive ? '>' : '>='} ${opts.min}${opts.why ? ` (${opts.why})` : ''}, got ${x}`);
    }
    return x;
  };
  if (Array.isArray(v)) {
    if (v.length !== nCols) fail(file, `params.${key} has ${v.length} values, expected one number or ${nCols} (one per column)`);
    return Float64Array.from(v, (x, i) => check(x, `params.${key}[${i}]`));
  }
  return check(v, `params.${key}`);
}

/** A mode by name, one for all columns or one per column (`labels` are the allowed names). */
function modeParam(file: string, key: string, v: unknown, labels: readonly string[], nCols: number): string | string[] {
  const check = (x: unknown, where: string): string => {
    if (typeof x !== 'string' || !labels.includes(x)) fail(file, `${where} must be one of ${labels.map((l) => JSON.stringify(l)).join(', ')}, got ${typeName(x)}`);
    return x;
  };
  if (Array.isArray(v)) {
    if (v.length !== nCols) fail(file, `params.${key} has ${v.length} values, expected one or ${nCols} (one per column)`);
    return v.map((x, i) => check(x, `params.${key}[${i}]`));
  }
  return check(v, `params.${key}`);
}

/** Parse "1D", "D", "2D" into days. */
export function parseFreqDays(freq: string, where: string): number {
  const m = /^(\d*(?:\.\d+)?)\s*(D|d|days?)$/.exec(freq.trim());
  if (!m) throw new UserError(`${where}: freq must be a number of days like "1D", got ${JSON.stringify(freq)}`);
  const n = m[1] === '' ? 1 : Number(m[1]);
  if (!(n > 0)) throw new UserError(`${where}: freq must be a positive number of days, got ${JSON.stringify(freq)}`);
  return n;
}

/** Validate an already parsed vecbt-case/1 document. `file` is only used in messages. */
export function parseCase(doc: unknown, file: string): CaseData {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) fail(file, `expected a JSON object with "schema": "${CASE_SCHEMA}", got ${typeName(doc)}`);
  const d = doc as Record<string, unknown>;
  if (d.schema !== CASE_SCHEMA) fail(file, `"schema" must be "${CASE_SCHEMA}", got ${d.schema === undefined ? 'nothing' : JSON.stringify(d.schema)}`);
  for (const k of Object.keys(d)) {
    if (!TOP_KEYS.has(k)) fail(file, `unknown field "${k}"; allowed: ${[...TOP_KEYS].join(', ')}`);
  }
  for (const k of ['index', 'columns', 'close', 'entries', 'exits']) {
    if (!(k in d)) fail(file, `missing required field "${k}"`);
  }
  const index = stringArray(file, 'index', d.index);
  index.forEach((s, i) => {
    if (!DATE_RE.test(s) || Number.isNaN(Date.parse(s + 'T00:00:00Z'))) fail(file, `index[${i}] must be a date "YYYY-MM-DD", got ${JSON.stringify(s)}`);
  });
  if (index.length === 0) fail(file, `"index" is empty: a case needs at least one date`);
  const columns = stringArray(file, 'columns', d.columns);
  if (columns.length === 0) fail(file, `"columns" is empty: a case needs at least one column`);
  const nRows = index.length;
  const nCols = columns.length;
  const close = priceMatrix(file, 'close', d.close, nRows, nCols);
  const opt = (k: 'open' | 'high' | 'low') => (d[k] === undefined || d[k] === null ? null : priceMatrix(file, k, d[k], nRows, nCols));
  const prices: PriceMatrix = { nRows, nCols, close, open: opt('open'), high: opt('high'), low: opt('low') };
  const entries = signalMatrix(file, 'entries', d.entries, nRows, nCols);
  const exits = signalMatrix(file, 'exits', d.exits, nRows, nCols);

  const p = (d.params ?? {}) as Record<string, unknown>;
  if (typeof p !== 'object' || Array.isArray(p)) fail(file, `"params" must be an object, got ${typeName(d.params)}`);
  for (const k of Object.keys(p)) {
    if (!PARAM_KEYS.includes(k)) fail(file, `unknown param "params.${k}"; allowed: ${PARAM_KEYS.join(', ')}`);
  }
  const options: SimOptions = {};
  // Four-array mode: the short signals (either may be absent, meaning none).
  const lsMode = d.short_entries !== undefined || d.short_exits !== undefined;
  if (d.short_entries !== undefined) options.shortEntries = signalMatrix(file, 'short_entries', d.short_entries, nRows, nCols);
  if (d.short_exits !== undefined) options.shortExits = signalMatrix(file, 'short_exits', d.short_exits, nRows, nCols);
  if (lsMode) {
    options.shortEntries ??= new Uint8Array(nRows * nCols);
    options.shortExits ??= new Uint8Array(nRows * nCols);
  }

  // Groups first: with cash sharing, init_cash is one number per group.
  let nGroups = 0;
  if (p.group_by !== undefined && p.group_by !== null && p.group_by !== false) {
    if (p.group_by === true) {
      options.groupBy = true;
      nGroups = 1;
    } else if (Array.isArray(p.group_by)) {
      const ids = p.group_by as unknown[];
      if (ids.length !== nCols) fail(file, `params.group_by has ${ids.length} values, expected true or ${nCols} group ids (one per column)`);
      ids.forEach((g, i) => {
        if (!Number.isInteger(g)) fail(file, `params.group_by[${i}] must be an integer group id, got ${typeName(g)}`);
        if (i > 0 && g !== ids[i - 1] && ids.indexOf(g) < i) fail(file, `params.group_by: the columns of group ${g} are not consecutive (column ${i}); a group must be a run of consecutive columns`);
      });
      options.groupBy = Int32Array.from(ids as number[]);
      nGroups = new Set(ids).size;
    } else fail(file, `params.group_by must be true, false, null or a list of ${nCols} group ids, got ${typeName(p.group_by)}`);
  }
  if (p.cash_sharing !== undefined) {
    if (typeof p.cash_sharing !== 'boolean') fail(file, `params.cash_sharing must be true or false, got ${typeName(p.cash_sharing)}`);
    if (p.cash_sharing && nGroups === 0) fail(file, 'params.cash_sharing needs params.group_by (true = one group of all columns)');
    options.cashSharing = p.cash_sharing;
  }
  if (p.call_seq !== undefined) {
    if (p.call_seq !== 'default' && p.call_seq !== 'auto') fail(file, `params.call_seq must be "default" or "auto", got ${typeName(p.call_seq)}`);
    options.callSeq = p.call_seq;
  }
  if (p.init_cash !== undefined) {
    const perGroup = options.cashSharing === true;
    const n = perGroup ? nGroups : nCols;
    if (Array.isArray(p.init_cash) && p.init_cash.length !== n) fail(file, `params.init_cash has ${p.init_cash.length} values, expected one number or ${n} (one per ${perGroup ? 'group: cash_sharing is on' : 'column'})`);
    options.initCash = flexParam(file, 'init_cash', p.init_cash, n, { min: 0, minExclusive: true });
  }
  // The bounds are vectorbt's own checks (portfolio/nb.py): execute_order_nb wants finite fees and fixed fees (a
  // negative fee is a rebate) and a finite slippage >= 0; get_stop_price_nb raises for a stop < 0 (0 = the level
  // is the entry close); signals_to_size_nb raises for is_less_nb(size, 0) (size 0 places no order).
  if (p.fees !== undefined) options.fees = flexParam(file, 'fees', p.fees, nCols, {});
  if (p.fixed_fees !== undefined) options.fixedFees = flexParam(file, 'fixed_fees', p.fixed_fees, nCols, {});
  if (p.slippage !== undefined) options.slippage = flexParam(file, 'slippage', p.slippage, nCols, { min: 0 });
  if (p.sl_stop !== undefined) options.slStop = flexParam(file, 'sl_stop', p.sl_stop, nCols, { nullAs: NaN, min: 0, why: 'null = no stop-loss' });
  if (p.tp_stop !== undefined) options.tpStop = flexParam(file, 'tp_stop', p.tp_stop, nCols, { nullAs: NaN, min: 0, why: 'null = no take-profit' });
  if (p.size !== undefined) options.size = flexParam(file, 'size', p.size, nCols, { nullAs: Infinity, min: 0, minTolerant: true, why: 'vectorbt allows no negative size; null = all the cash' });
  if (p.sl_trail !== undefined) {
    if (Array.isArray(p.sl_trail)) {
      if (p.sl_trail.length !== nCols) fail(file, `params.sl_trail has ${p.sl_trail.length} values, expected true, false or ${nCols} (one per column)`);
      p.sl_trail.forEach((x, i) => {
        if (typeof x !== 'boolean') fail(file, `params.sl_trail[${i}] must be true or false, got ${typeName(x)}`);
      });
      options.slTrail = p.sl_trail as boolean[];
    } else if (typeof p.sl_trail !== 'boolean') fail(file, `params.sl_trail must be true or false, got ${typeName(p.sl_trail)}`);
    else options.slTrail = p.sl_trail;
  }
  if (p.time_exit_bars !== undefined) {
    if (typeof p.time_exit_bars !== 'number' || !Number.isInteger(p.time_exit_bars) || p.time_exit_bars < 0) fail(file, `params.time_exit_bars must be a non-negative integer (0 = off), got ${typeName(p.time_exit_bars)}`);
    options.timeExitBars = p.time_exit_bars;
  }
  // In four-array mode vectorbt ignores direction (the case records null).
  if (p.direction !== undefined && p.direction !== null && !lsMode) options.direction = modeParam(file, 'direction', p.direction, DIRECTION_LABELS, nCols) as DirectionName | DirectionName[];
  if (p.size_type !== undefined) options.sizeType = modeParam(file, 'size_type', p.size_type, SIZE_TYPE_LABELS, nCols) as SizeTypeName | SizeTypeName[];
  for (const [key, only] of Object.entries(FIXED_MODES)) {
    if (p[key] !== undefined && p[key] !== only) fail(file, `params.${key} ${JSON.stringify(p[key])} is not supported: vecbt simulates ${key}=${JSON.stringify(only)} only (vectorbt's default)`);
  }
  if (p.accumulate !== undefined && p.accumulate !== false) fail(file, `params.accumulate ${JSON.stringify(p.accumulate)} is not supported: vecbt simulates accumulate=false only`);
  const part2 = lsMode || PART2_PARAMS.some((k) => p[k] !== undefined) || (p.direction !== undefined && p.direction !== 'longonly');
  let freqDays = 1;
  if (p.freq !== undefined) {
    if (typeof p.freq !== 'string') fail(file, `params.freq must be a string like "1D", got ${typeName(p.freq)}`);
    freqDays = parseFreqDays(p.freq, `${file}: params.freq`);
  }
  const name = typeof d.name === 'string' ? d.name : '';
  const description = typeof d.description === 'string' ? d.description : '';
  return { file, name, description, index, columns, prices, entries, exits, options, freqDays, part2 };
}

/** Read, parse and validate a case file. */
export async function readCaseFile(path: string): Promise<CaseData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: cannot read the case file (${code ?? (err as Error).message}); check the path`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${path}: not valid JSON (${(err as Error).message}); a case file is a vecbt-case/1 JSON object`);
  }
  return parseCase(doc, path);
}
