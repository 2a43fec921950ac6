/**
 * `vecbt strategies [NAME | FILE]`: the built-in strategies with every parameter (type, range, default, doc),
 * then the portfolio settings every strategy gets. With a built-in's NAME, that one; with a FILE, the file is
 * loaded and checked (it compiles, exports a strategy, its spec is valid) and its spec is printed.
 */
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { getStrategy, strategies } from '../strategies';
import type { Strategy } from '../strategy/defineStrategy';
import { isStrategyPath, loadStrategyFile } from '../strategy/loadStrategyFile';
import { portfolioFlagsHelp, strategyParamsHelp } from './help';

function describe(s: Strategy<never>, from?: string): string {
  const rules = (s.rules ?? []).map((r) => `  rule: ${r.message}`);
  const portfolio = Object.entries(s.portfolio ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  return [
    `${s.name}${from ? ` (${from})` : ''}: ${s.description}`,
    `  reads ${s.fields.join(', ')}`,
    strategyParamsHelp(s),
    ...rules,
    ...(portfolio.length ? [`  portfolio defaults: ${portfolio.join(' ')}`] : []),
  ].join('\n');
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const positional = args.filter((a) => !a.startsWith('-'));
  const unknown = args.find((a) => a.startsWith('-'));
  if (unknown) throw new UserError(`unknown flag ${unknown}; usage: vecbt strategies [NAME | FILE]`);
  if (positional.length > 1) throw new UserError(`expected at most one strategy name or file, got ${positional.length}; usage: vecbt strategies [NAME | FILE]`);
  const ref = positional[0];
  if (ref !== undefined && isStrategyPath(ref)) {
    const loaded = await loadStrategyFile(ref);
    io.stdout.write(`${ref}: a valid strategy (SHA-256 ${loaded.sha256})\n${describe(loaded.strategy, ref)}\n`);
    return 0;
  }
  const list = ref === undefined ? Object.values(strategies) : [getStrategy(ref)];
  io.stdout.write(list.map((s) => describe(s as unknown as Strategy<never>)).join('\n\n') + '\n\nPortfolio settings (every strategy; flags, --param NAME=VALUE, or JSON keys):\n' + portfolioFlagsHelp() + '\n');
  return 0;
}
