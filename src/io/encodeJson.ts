/**
 * The JSON encoding of vecbt-expected/1 (data-fixtures/golden/README.md "JSON encoding"): NaN -> null,
 * +inf -> "inf", -inf -> "-inf", floats written like Python's `repr` (`100.0`, `1e-05`, full precision) so the
 * output diffs cleanly against vectorbt's files, integers (record indices, trade counts) without a fraction.
 *
 * Which numbers are integers is decided by their path in the document (`isIntPath`), because a JS number does
 * not know whether it was `1` or `1.0`. `expectedIntPath` covers vecbt-expected/1; another command adding keys
 * (e.g. `vecbt strategy`'s `entries_count`) passes its own predicate, usually wrapping this one.
 */

export type JsonPath = readonly (string | number)[];
export type IntPathPredicate = (path: JsonPath) => boolean;

const RECORD_INT_KEYS = new Set(['idx', 'entry_idx', 'exit_idx', 'parent_id']);
const STAT_INT_KEYS = new Set(['Total Trades', 'Total Closed Trades', 'Total Open Trades']);

/**
 * Integer paths of vecbt-expected/1: order/trade indices and position ids, the per-column and per-group trade counts
 * in `stats` / `group_stats` (floats in `stats_mean`), a group's label and column indices, the call sequence, and
 * `entries_count[c]` of strategy outputs.
 */
export function expectedIntPath(path: JsonPath): boolean {
  const last = path[path.length - 1];
  if (typeof last === 'string') {
    if (RECORD_INT_KEYS.has(last) && (path[0] === 'orders' || path[0] === 'trades')) return true;
    if (STAT_INT_KEYS.has(last) && (path[0] === 'stats' || path[0] === 'group_stats')) return true;
    if (last === 'label' && path[0] === 'groups') return true;
    return false;
  }
  if (path[0] === 'call_seq') return path.length === 3;
  if (path[0] === 'groups') return path.length === 4 && path[2] === 'columns';
  return path[0] === 'entries_count' && path.length === 2;
}

/**
 * A float as Python's `repr` writes it: shortest round-trip digits, fixed notation for exponents -4..15 with at
 * least one fractional digit, scientific (`1e-05`, `1.5e+16`) outside. Non-finite values are the caller's job.
 * @example formatFloat(100) === '100.0'; formatFloat(0.00001) === '1e-05'
 */
export function formatFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sci = x.toExponential(); // shortest round-trip digits, e.g. "-1.2345e-7"
  const ePos = sci.indexOf('e');
  const mant = sci.slice(0, ePos);
  const exp = Number(sci.slice(ePos + 1));
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const neg = x < 0;
  const digits = mant.replace('-', '').replace('.', '');
  let intPart: string;
  let frac: string;
  if (exp >= 0) {
    intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    frac = digits.slice(exp + 1) || '0';
  } else {
    intPart = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  }
  return (neg ? '-' : '') + intPart + '.' + frac;
}

/** One number in the encoding: null / "inf" / "-inf" / int / Python-repr float. */
export function encodeNumber(x: number, asInt: boolean): string {
  if (x !== x) return 'null';
  if (x === Infinity) return '"inf"';
  if (x === -Infinity) return '"-inf"';
  if (asInt && Number.isInteger(x)) return String(x);
  return formatFloat(x);
}

/** Decode one value of the encoding back to a number (null -> NaN, "inf" -> Infinity). */
export function decodeNumber(v: unknown): number {
  if (v === null) return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v === 'number') return v;
  throw new TypeError(`decodeNumber: not an encoded number: ${JSON.stringify(v)}`);
}

function write(v: unknown, path: (string | number)[], isInt: IntPathPredicate, out: string[]): void {
  if (v === null || v === undefined) {
    out.push('null');
  } else if (typeof v === 'number') {
    out.push(encodeNumber(v, isInt(path)));
  } else if (typeof v === 'string' || typeof v === 'boolean') {
    out.push(JSON.stringify(v));
  } else if (ArrayBuffer.isView(v) || Array.isArray(v)) {
    const a = v as ArrayLike<unknown>;
    out.push('[');
    for (let i = 0; i < a.length; i++) {
      if (i > 0) out.push(',');
      path.push(i);
      write(a[i], path, isInt, out);
      path.pop();
    }
    out.push(']');
  } else if (typeof v === 'object') {
    out.push('{');
    let first = true;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(k), ':');
      path.push(k);
      write(x, path, isInt, out);
      path.pop();
    }
    out.push('}');
  } else {
    throw new TypeError(`encodeJson: cannot encode a ${typeof v} at ${path.join('.')}`);
  }
}

/**
 * Serialise a document (plain objects, arrays, typed arrays, numbers with NaN/±Infinity, strings, booleans)
 * in the vecbt JSON encoding, on one line with compact separators, like the golden files (Python `json.dumps(..., separators=(',', ':'))`).
 * @example encodeJson({ value: [[NaN, 1]] }) === '{"value":[[null,1.0]]}'
 */
export function encodeJson(doc: unknown, isIntPath: IntPathPredicate = expectedIntPath): string {
  const out: string[] = [];
  write(doc, [], isIntPath, out);
  return out.join('');
}
