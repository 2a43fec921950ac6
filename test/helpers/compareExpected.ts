/**
 * compareExpected: compare an actual vecbt-expected/1 document (as parsed from our JSON output) with a golden
 * one, and report the path of the first mismatch, e.g. `trades[3][1].exit_idx: expected 17, got 16`.
 *
 * Rules: numbers within REL (1e-9) relative, with an absolute floor ABS (1e-12) for values at zero; integer
 * fields (record indices, trade counts in `stats`, `entries_count`) exactly; strings, booleans, null (NaN) and
 * "inf"/"-inf" exactly; arrays must have the same length; a key missing in `actual` is a mismatch; extra keys in
 * `actual` are allowed (our documents add e.g. `exit_reason`), unless `strictKeys`.
 */
import { expectedIntPath, type IntPathPredicate, type JsonPath } from '../../src/io/encodeJson';

export interface CompareOptions {
  rel?: number;
  abs?: number;
  isIntPath?: IntPathPredicate;
  strictKeys?: boolean;
  /** Per-path relative tolerance override (e.g. 1e-7 for stats). */
  relFor?: (path: JsonPath) => number | undefined;
}

export interface Mismatch {
  path: string;
  message: string;
}

export function formatPath(path: JsonPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? (s ? `.${p}` : p) : `[${JSON.stringify(p)}]`;
  return s || '(root)';
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
}

function walk(exp: unknown, act: unknown, path: (string | number)[], o: Required<Omit<CompareOptions, 'relFor'>> & { relFor?: CompareOptions['relFor'] }): Mismatch | null {
  const here = () => formatPath(path);
  if (typeof exp === 'number') {
    if (typeof act !== 'number') return { path: here(), message: `expected ${show(exp)}, got ${show(act)}` };
    if (o.isIntPath(path)) {
      return exp === act ? null : { path: here(), message: `expected the integer ${exp}, got ${act}` };
    }
    if (exp === act) return null;
    const rel = o.relFor?.(path) ?? o.rel;
    const d = Math.abs(exp - act);
    const tol = Math.max(rel * Math.max(Math.abs(exp), Math.abs(act)), o.abs);
    return d <= tol ? null : { path: here(), message: `expected ${exp}, got ${act} (|diff| ${d.toExponential(2)} > tol ${tol.toExponential(2)})` };
  }
  if (exp === null || typeof exp !== 'object') {
    return exp === act ? null : { path: here(), message: `expected ${show(exp)}, got ${show(act)}` };
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(act)) return { path: here(), message: `expected an array of ${exp.length}, got ${show(act)}` };
    if (act.length !== exp.length) return { path: here(), message: `expected ${exp.length} elements, got ${act.length}` };
    for (let i = 0; i < exp.length; i++) {
      path.push(i);
      const m = walk(exp[i], act[i], path, o);
      path.pop();
      if (m) return m;
    }
    return null;
  }
  if (act === null || typeof act !== 'object' || Array.isArray(act)) return { path: here(), message: `expected an object, got ${show(act)}` };
  const a = act as Record<string, unknown>;
  for (const [k, v] of Object.entries(exp as Record<string, unknown>)) {
    path.push(k);
    if (!(k in a)) {
      const m = { path: formatPath(path), message: `missing key (expected ${show(v)})` };
      path.pop();
      return m;
    }
    const m = walk(v, a[k], path, o);
    path.pop();
    if (m) return m;
  }
  if (o.strictKeys) {
    for (const k of Object.keys(a)) if (!(k in (exp as object))) return { path: formatPath([...path, k]), message: 'unexpected extra key' };
  }
  return null;
}

/** The first mismatch between a golden document and ours, or null when they agree. */
export function compareExpected(expected: unknown, actual: unknown, options: CompareOptions = {}): Mismatch | null {
  return walk(expected, actual, [], {
    rel: options.rel ?? 1e-9,
    abs: options.abs ?? 1e-12,
    isIntPath: options.isIntPath ?? expectedIntPath,
    strictKeys: options.strictKeys ?? false,
    relFor: options.relFor,
  });
}

/** Throwing form for tests: `assertExpected(golden, ours, 's01')` fails with "s01: trades[0][0].pnl: expected ...". */
export function assertExpected(expected: unknown, actual: unknown, label: string, options?: CompareOptions): void {
  const m = compareExpected(expected, actual, options);
  if (m) throw new Error(`${label}: ${m.path}: ${m.message}`);
}
