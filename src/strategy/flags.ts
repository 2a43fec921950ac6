/**
 * Strategy parameters from command-line flags: `--rvol-min 2.5 --hold-bars 7 --exit-mode bars-after-fill ...`
 * (also `--flag=value`). Stops take `off`/`nan` to disable, `--size inf` buys with all the cash, `--sl-trail`
 * alone means true. Unknown flags are a UserError; positional arguments and the caller's own flags are returned.
 */
import { UserError } from '../errors';
import { resolveStrategy, STRATEGY_KEYS, type StrategyParams } from './params';

/** camelCase key -> kebab-case flag: `atrPctMin` -> `--atr-pct-min`. */
export function flagName(key: keyof StrategyParams): string {
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

const FLAG_TO_KEY = new Map(STRATEGY_KEYS.map((k) => [flagName(k), k]));

function parseValue(key: keyof StrategyParams, flag: string, raw: string): unknown {
  if (key === 'exitMode') return raw;
  if (key === 'slTrail') {
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    throw new UserError(`${flag}: expected true or false, got ${JSON.stringify(raw)}`);
  }
  const s = raw.trim().toLowerCase();
  if ((key === 'slStop' || key === 'tpStop') && (s === 'off' || s === 'nan' || s === 'none')) return NaN;
  if (key === 'size' && (s === 'inf' || s === 'infinity' || s === 'all')) return Infinity;
  const v = Number(s);
  if (s === '' || !Number.isFinite(v)) throw new UserError(`${flag}: expected a number, got ${JSON.stringify(raw)}`);
  return v;
}

export interface ParsedStrategyFlags {
  /** the flags given, validated (merge with resolveStrategy) */
  params: Partial<StrategyParams>;
  /** positional arguments and the caller's own flags (with their values), in order */
  rest: string[];
}

/**
 * parseStrategyFlags(args, own): split strategy flags from the rest. `own` lists the caller's flags: name -> true
 * when it takes a value (`{ '--only': true }`).
 * @example parseStrategyFlags(['case.json', '--rvol-min', '2.5', '--only', 'stats'], { '--only': true })
 *   // { params: { rvolMin: 2.5 }, rest: ['case.json', '--only', 'stats'] }
 */
export function parseStrategyFlags(args: readonly string[], own: Readonly<Record<string, boolean>> = {}): ParsedStrategyFlags {
  const params: Partial<StrategyParams> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    if (flag in own) {
      rest.push(arg);
      if (own[flag] && eq < 0) {
        if (i + 1 >= args.length) throw new UserError(`${flag} needs a value`);
        rest.push(args[++i]);
      }
      continue;
    }
    if (flag === '--no-sl-trail' && eq < 0) {
      params.slTrail = false;
      continue;
    }
    const key = FLAG_TO_KEY.get(flag);
    if (!key) {
      const known = [...FLAG_TO_KEY.keys(), ...Object.keys(own)].join(' ');
      throw new UserError(`unknown flag ${flag}; known flags: ${known}`);
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (key === 'slTrail' && (i + 1 >= args.length || !['true', 'false'].includes(args[i + 1]))) raw = 'true';
    else if (i + 1 >= args.length) throw new UserError(`${flag} needs a value (e.g. ${flag} ${String(defaultExample(key))})`);
    else raw = args[++i];
    (params as Record<string, unknown>)[key] = parseValue(key, flag, raw);
  }
  resolveStrategy(params, 'flags', flagName); // validate now, so the message names the flag
  return { params, rest };
}

function defaultExample(key: keyof StrategyParams): unknown {
  return key === 'exitMode' ? 'bars-after-fill' : key === 'holdBars' ? 7 : 0.03;
}
