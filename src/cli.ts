/**
 * The `vecbt` CLI: a thin dispatcher. Each command lives in src/commands/<name>.ts and exports
 * `run(args: string[], io: CommandIo): Promise<number>`; this file only picks one, reports errors
 * in one line and returns the exit code. Commands release their own resources in `finally`.
 */
import { UserError } from './errors';
import { maskPassword } from './data/connection';
import { commandHelp } from './commands/help';
import type { Command, CommandIo } from './commands/CommandIo';

export type { Command, CommandIo };

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  simulate: { summary: 'simulate <case.json>            run a vecbt-case/1 file, print vecbt-expected/1 JSON', load: () => import('./commands/simulate') },
  strategy: { summary: 'strategy <case.json|prices.csv> [--strategy NAME|FILE]   a strategy in memory, vectorbt-exact JSON', load: () => import('./commands/strategy') },
  strategies: { summary: 'strategies [NAME|FILE]         the built-in strategies and their parameters; check a strategy file', load: () => import('./commands/strategies') },
  start: { summary: 'start                          the main job: embedded Postgres (or DATABASE_URL), migrate, seed, run', load: () => import('./commands/start') },
  run: { summary: 'run [--chunk-size N] [--from D] [--to D] [--resume ID] [--no-tui] ...   the chunked batch', load: () => import('./commands/run') },
  runs: { summary: 'runs                           list runs', load: () => import('./commands/runs') },
  results: { summary: 'results <run-id> [--format table|csv|json] [--sort COL] [--limit N]', load: () => import('./commands/results') },
  db: { summary: 'db migrate | db load <ohlcv.csv> | db synth --tickers N --days D [--seed S]', load: () => import('./commands/db') },
  worker: { summary: 'worker [--concurrency N]       take chunk jobs of distributed runs', load: () => import('./commands/worker') },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  vecbt ${c.summary}`);
  return ['usage: vecbt <command> [options]', '', ...lines, '', 'vecbt <command> --help shows its flags and defaults.'].join('\n') + '\n';
}

export async function main(argv: string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const verbose = argv.includes('--verbose');
  const args = argv.filter((a) => a !== '--verbose');
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || (name === 'help' && !COMMANDS[rest[0]])) {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  // `vecbt help run`, `vecbt run --help`, `vecbt db synth -h`: the command's usage, nothing run.
  const helpOf = name === 'help' ? rest[0] : rest.includes('--help') || rest.includes('-h') ? name : undefined;
  if (helpOf !== undefined && COMMANDS[helpOf]) {
    io.stdout.write(commandHelp(helpOf, rest)!);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`vecbt: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')} (vecbt --help)\n`);
    return 2;
  }
  try {
    const mod = await command.load();
    return await mod.run(rest, io);
  } catch (err) {
    // Every line printed here goes through maskPassword: whatever an error quotes, the password of
    // DATABASE_URL (or PGPASSWORD) does not reach the terminal or a log.
    const print = (text: string) => io.stderr.write(maskPassword(text) + '\n');
    if (err instanceof UserError) {
      print(`vecbt ${name}: ${err.message}`);
      if (verbose && err.stack) print(err.stack);
      return err.exitCode;
    }
    const e = err as Error;
    print(`vecbt ${name}: unexpected error: ${e?.message ?? String(err)}${verbose ? '' : ' (run again with --verbose for the stack trace)'}`);
    if (verbose && e?.stack) print(e.stack);
    return 1;
  }
}
