/**
 * Flag values of the commands, checked before any connection is opened: `--name value` / `--name=value`,
 * integers within a range the database holds, real calendar dates (each refusal one line naming the flag).
 */
import { UserError } from '../errors';

/** `--name value` / `--name=value` flags; `spec[name]` = true when it takes a value. Positional args returned apart. */
export function parseFlags(
  command: string,
  args: readonly string[],
  spec: Readonly<Record<string, boolean>>,
): { flags: Map<string, string | true>; positional: string[] } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (!(name in spec)) throw new UserError(`unknown flag ${name}; ${command} takes ${Object.keys(spec).join(' ') || 'no flags'}`);
    if (!spec[name]) {
      flags.set(name, true);
      continue;
    }
    const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
    if (v === undefined) throw new UserError(`${name} needs a value`);
    flags.set(name, v);
  }
  return { flags, positional };
}

/**
 * The largest integer a flag accepts unless it says otherwise: PostgreSQL's `integer` (chunk sizes, limits,
 * run ids as stored) and Node's longest timer (milliseconds), 2^31 - 1. Beyond it the database would refuse
 * the value mid-command (or a timer would fire at once) instead of this one line.
 */
export const MAX_INT_FLAG = 2_147_483_647;

/** `--name N`: a decimal integer in [min, max] (digits only: no 1e3, 0x10 or 1.0). */
export function intFlag(flags: Map<string, string | true>, name: string, min: number, max = MAX_INT_FLAG): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) {
    throw new UserError(`${name} must be an integer >= ${min} and <= ${max}, got ${JSON.stringify(v === true ? '' : v)}`);
  }
  return n;
}

/** A run id given as an argument (`vecbt results <run-id>`): a positive integer JavaScript holds exactly. */
export function runIdArg(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UserError(`run id must be a positive integer, got '${v}'; list runs with: npx vecbt runs`);
  if (!Number.isSafeInteger(Number(v))) {
    throw new UserError(`run id must be a positive integer up to ${Number.MAX_SAFE_INTEGER}, got '${v}'; list runs with: npx vecbt runs`);
  }
  return Number(v);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * Why `YYYY-MM-DD` is not a calendar date PostgreSQL's `date` accepts, or null when it is one. Checked by
 * hand: `new Date('2024-13-01')` is an Invalid Date whose toISOString() throws a RangeError, and JavaScript
 * takes year 0000 (1 BC) that PostgreSQL refuses.
 */
export function impossibleDate(iso: string): string | null {
  const [y, m, d] = iso.split('-').map(Number);
  if (y === 0) return 'there is no year 0000: years run from 0001 to 9999';
  if (m < 1 || m > 12) return `there is no month ${pad2(m)}`;
  if (d < 1) return `there is no day ${pad2(d)}`;
  const days = new Date(Date.UTC(2000, m, 0)).getUTCDate() - (m === 2 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 1 : 0);
  if (d > days) return `${String(y).padStart(4, '0')}-${pad2(m)} has ${days} days`;
  return null;
}

/** `--name YYYY-MM-DD`: a real calendar date. */
export function dateFlag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const shown = JSON.stringify(v === true ? '' : v);
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UserError(`${name} must be a date YYYY-MM-DD, got ${shown}`);
  const why = impossibleDate(v);
  if (why) throw new UserError(`${name} must be a date YYYY-MM-DD, got ${shown} (${why})`);
  return v;
}
