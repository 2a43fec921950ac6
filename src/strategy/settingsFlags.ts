/**
 * Settings from the command line, derived from the specs (never listed by hand): every strategy parameter and
 * portfolio setting is a flag named after it (`fast_window` -> `--fast-window 20`, `--fast-window=20`), and
 * `--param fast_window=20` (repeatable) spells the same by its JSON name. A boolean flag alone means true;
 * `--no-sl-trail` means false. Stops take `off`, a size takes `all`. Values are validated here, against the
 * strategy's specs, before any database is touched.
 */
import { UserError } from '../errors';
import type { Strategy } from './defineStrategy';
import { flagOf, parseValue, type ParamValue } from './paramSpec';
import { resolveSettings, settingKeys, specOf } from './resolveSettings';

export interface ParsedSettingsFlags {
  /** The settings given (snake_case keys), validated. */
  settings: Record<string, ParamValue>;
  /** Positional arguments and the caller's own flags (with their values), in order. */
  rest: string[];
}

/** `--strategy NAME|PATH` taken out of the arguments (the settings flags depend on which strategy it is). */
export function takeStrategyFlag(args: readonly string[]): { strategy: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let strategy: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--strategy' || a.startsWith('--strategy=')) {
      const v = a === '--strategy' ? args[++i] : a.slice('--strategy='.length);
      if (v === undefined || v === '') throw new UserError('--strategy needs a built-in name (vecbt strategies lists them) or the path of a strategy file, e.g. --strategy ma_cross or --strategy ./my-strategy.ts');
      if (strategy !== undefined && strategy !== v) throw new UserError(`--strategy given twice (${strategy} and ${v}); give one`);
      strategy = v;
    } else rest.push(a);
  }
  return { strategy, rest };
}

/**
 * parseSettingsFlags(args, strategy, own): split the strategy's settings flags from the rest. `own` lists the
 * caller's flags: name -> true when it takes a value.
 * @example parseSettingsFlags(['--fast-window', '20', '--param', 'sl_stop=off', '--no-tui'], strategies.ma_cross, { '--no-tui': false })
 *   // { settings: { fast_window: 20, sl_stop: NaN }, rest: ['--no-tui'] }
 */
export function parseSettingsFlags(args: readonly string[], strategy: Strategy<never>, own: Readonly<Record<string, boolean>> = {}): ParsedSettingsFlags {
  const byFlag = new Map(settingKeys(strategy).map((k) => [flagOf(k), k]));
  const settings: Record<string, ParamValue> = {};
  const rest: string[] = [];
  const set = (key: string, raw: string | true, where: string) => {
    const spec = specOf(strategy, key)!;
    if (key in settings) throw new UserError(`${where} given twice; give each setting once`);
    settings[key] = raw === true ? true : parseValue(spec, raw, where);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (flag in own) {
      rest.push(arg);
      if (own[flag] && inline === undefined) {
        if (i + 1 >= args.length) throw new UserError(`${flag} needs a value`);
        rest.push(args[++i]);
      }
      continue;
    }
    if (flag === '--param') {
      const kv = inline ?? args[++i];
      const at = kv === undefined ? -1 : kv.indexOf('=');
      if (at <= 0) throw new UserError(`--param takes name=value, e.g. --param fast_window=20; got ${JSON.stringify(kv ?? '')}`);
      const key = kv.slice(0, at);
      if (!specOf(strategy, key)) throw new UserError(`--param ${key}: unknown setting for strategy ${strategy.name}; known: ${settingKeys(strategy).join(', ')}`);
      set(key, kv.slice(at + 1), `--param ${key}`);
      continue;
    }
    const negated = flag.startsWith('--no-') ? byFlag.get('--' + flag.slice(5)) : undefined;
    if (negated !== undefined && specOf(strategy, negated)!.type === 'boolean' && inline === undefined) {
      set(negated, 'false', flag);
      continue;
    }
    const key = byFlag.get(flag);
    if (key === undefined) {
      const known = [...byFlag.keys(), '--param NAME=VALUE', ...Object.keys(own)].join(' ');
      throw new UserError(`unknown flag ${flag} for strategy ${strategy.name}; known flags: ${known}`);
    }
    const spec = specOf(strategy, key)!;
    if (inline !== undefined) set(key, inline, flag);
    else if (spec.type === 'boolean' && (i + 1 >= args.length || !/^(true|false)$/.test(args[i + 1]))) set(key, true, flag);
    else if (i + 1 >= args.length) throw new UserError(`${flag} needs a value (default ${String(spec.default)})`);
    else set(key, args[++i], flag);
  }
  // Validate now, with the flag spelling in the message.
  resolveSettings(strategy, settings, 'flags', flagOf);
  return { settings, rest };
}
