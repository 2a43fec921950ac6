/**
 * Flag values of the commands, checked before any connection is opened: `--name value` / `--name=value`,
 * integers with a lower bound, real calendar dates.
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

export function intFlag(flags: Map<string, string | true>, name: string, min: number): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new UserError(`${name} must be an integer >= ${min}, got ${JSON.stringify(v === true ? '' : v)}`);
  }
  return n;
}

export function dateFlag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const ok = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
  if (!ok) throw new UserError(`${name} must be a date YYYY-MM-DD, got ${JSON.stringify(v === true ? '' : v)}`);
  return v as string;
}
