/**
 * `vecbt <command> --help` (or `-h`, or `vecbt help <command>`): each command's usage, flags and defaults,
 * printed without loading the command or touching a database. The strategy flags are generated from the
 * strategy's own defaults, so the help cannot drift from them.
 */
import { getStrategy, isBuiltin, strategies } from '../strategies';
import type { Strategy } from '../strategy/defineStrategy';
import { helpLine } from '../strategy/paramSpec';
import { PORTFOLIO_SPECS } from '../strategy/portfolioSettings';

/** A strategy's own flags, one per line, from its specs. */
export function strategyParamsHelp(strategy: Strategy<never>): string {
  return Object.entries(strategy.params).map(([k, spec]) => '  ' + helpLine(k, spec)).join('\n');
}

/** The portfolio settings' flags, one per line, from their specs. */
export function portfolioFlagsHelp(): string {
  return Object.entries(PORTFOLIO_SPECS).map(([k, spec]) => '  ' + helpLine(k, spec)).join('\n');
}

/** Every settings flag of `strategy` (default rvol_atr): its parameters, then the portfolio settings. */
export function strategyFlagsHelp(strategy: Strategy<never> = getStrategy('rvol_atr')): string {
  return [
    `Strategy ${strategy.name} (--strategy NAME|FILE; vecbt strategies lists every built-in and its parameters):`,
    strategyParamsHelp(strategy),
    'Portfolio settings (every strategy):',
    portfolioFlagsHelp(),
    'Any setting also as --param NAME=VALUE (its JSON name, e.g. --param sl_stop=off).',
  ].join('\n');
}

const RUN_FLAGS = `  --chunk-size N                 tickers per chunk, read, simulated and committed together (default 500)
  --from YYYY-MM-DD              first bar date (default: two years before --to)
  --to YYYY-MM-DD                last bar date (default: the last bar date of the active tickers)
  --resume RUN_ID                continue an aborted, failed or crashed run (its own chunks, dates, strategy)
  --no-tui                       plain log lines (always when stdout is not a terminal)
  --no-prefetch                  one chunk of arrays alive instead of two (~20 MB less), slower
  --memory-budget MB             refuse up front, with a suggested --chunk-size, a chunk that cannot fit
  --strategy NAME|FILE           a built-in (default rvol_atr) or a strategy file (./my-strategy.ts)
  --no-lookahead-check           skip the look-ahead check of a strategy file's first run
Sweeps (any setting, by its name; each --grid an axis, the run is their cartesian product):
  --grid NAME=V1,V2,...          a list of values (spelled as the flag's: off, all, enum words)
  --grid NAME=START:STOP:STEP    an inclusive range, decimal-exact (0.1:0.3:0.1 is 0.1, 0.2, 0.3)
  --grid-file FILE.json          {"axes": {NAME: [values] | {"start","stop","step"}}} or {"combos": [{...}]}
                                 (combinations that break a rule of the strategy are skipped and counted)
  --grid-sample N [--seed S]     a random subset of N combinations (seed default 1)
  --select METRIC                rank combinations by median_sharpe (default), mean_sharpe, median_return,
                                 mean_return, pct_profitable, mean_win_rate, ew_sharpe or ew_return
  --walk-forward train=N,test=N[,step=N][,anchored]   walk-forward windows in bars of the run's dates: choose
                                 the best combination in-sample, test it on the next bars
  --split YYYY-MM-DD             one in-sample / out-of-sample cut at that date
  --keep-trades best:K           a sweep keeps no trades, except those of the best K combinations`;

const DISTRIBUTED_FLAGS = `  --distributed [--detach]       queue the chunks for vecbt worker processes (needs DATABASE_URL) and follow
                                 the run (--detach: return at once). VECBT_CHUNK_TIMEOUT_SECONDS (default 50):
                                 a chunk unfinished this long after a worker took it is retried elsewhere`;

const DB = 'Database: DATABASE_URL (PGSSLMODE=no-verify for Heroku Postgres); without it, vecbt start uses an embedded PostgreSQL in ./.vecbt/pg.';

const HELP: Record<string, string> = {
  simulate: `usage: vecbt simulate <case.json> [--extras]

Runs a vecbt-case/1 file (e.g. data-fixtures/golden/s01_single_trade_nofees.case.json) through the engine and
prints a vecbt-expected/1 document: orders, trades, value, stats and stats_mean, exactly vectorbt's keys.
  --extras                       add each trade's exit_reason`,
  strategy: `usage: vecbt strategy <case.json | prices.csv> [--strategy NAME|FILE] [--only stats] [--extras] [settings flags]
       vecbt strategy <case.json | prices.csv> --check-lookahead [--cuts K] [--seed S]

Runs a strategy in memory on a strategy case (vecbt-strategy-case/1 or /2) or a long OHLCV CSV and prints the
expected-file keys (orders, trades, value, stats, stats_mean, index, columns, signals, indicators).
  --strategy NAME|FILE           another strategy on the case's data (its portfolio settings are kept)
  --only stats                   print only the stats
  --extras                       add each trade's exit_reason and the strategy's extras (rvol_atr: stale_exits)
  --check-lookahead              instead: recompute on the data cut after K rows (default 20, seeded) and report
                                 any signal or indicator that changes before the cut (exit 1 when found)
Settings flags override the case's own; the values shown are the defaults for what it omits:
${strategyFlagsHelp()}`,
  strategies: `usage: vecbt strategies [NAME | FILE]

Lists the built-in strategies with their parameters (type, range, default, doc) and the portfolio settings
every strategy gets; with a NAME, that strategy's; with a FILE, loads and checks a strategy file and prints its
spec (a one-line error when it does not compile, exports no strategy or has an invalid spec).`,
  start: `usage: vecbt start [run flags]   (npm start)

The main job: DATABASE_URL or the embedded PostgreSQL, migrate, seed an empty database from data-fixtures/,
run the batch with the terminal UI (plain logs when stdout is not a terminal), print the summary.
${RUN_FLAGS}
Strategy flags (default shown):
${strategyFlagsHelp()}
${DB}`,
  run: `usage: vecbt run [flags] [strategy flags]

One batch run over the active tickers; prints the run id. SIGTERM/SIGINT stop it after the chunk in
progress commits (exit 0; --resume continues it).
${RUN_FLAGS}
${DISTRIBUTED_FLAGS}
Strategy flags (default shown):
${strategyFlagsHelp()}
${DB}`,
  runs: `usage: vecbt runs [--limit N]

The latest runs: id, status, dates, tickers done, chunk size, elapsed, peak RSS, error.
  --limit N                      how many (default 50)`,
  results: `usage: vecbt results <run-id> [--combos | --combo K | --walk-forward | --skipped] [--format table|csv|json] [--sort COLUMN] [--asc] [--limit N]

A run's per-ticker results; for a sweep its combinations ranked (--combos, the default) or one combination's
tickers (--combo K); for a walk-forward or split run its windows (--walk-forward, the default); --skipped lists
the tickers a run skipped, with the reason.
  --format table|csv|json        table (default) shows the main columns; csv and json carry every column
  --sort COLUMN                  e.g. total_return_pct, win_rate_pct, max_drawdown_pct (descending)
  --asc                          ascending instead
  --limit N                      the first N rows`,
  db: `usage: vecbt db migrate
       vecbt db load <ohlcv.csv>
       vecbt db synth --tickers N --days D [--seed S] [--end YYYY-MM-DD]

  migrate                        apply the numbered SQL migrations (idempotent)
  load <ohlcv.csv>               upsert a long CSV (ticker,date,open,high,low,close,volume), one transaction;
                                 new tickers are created active; a bad line rejects the file with file:line
  synth                          a deterministic synthetic universe S00001... of N tickers x D business days
                                 ending at --end (default 2024-12-31), seed --seed (default 42)
${DB}`,
  worker: `usage: vecbt worker [--concurrency N] [--name NAME] [--maintenance-seconds S] [--poll-ms MS]

Takes chunk jobs of distributed runs (vecbt run --distributed) until stopped; SIGTERM finishes the chunk
in progress, then exits 0.
  --concurrency N                N worker processes on this machine (default 1)
  --name NAME                    this worker's name in vecbt_chunks (default: $DYNO or host, then :pid)
  --maintenance-seconds S        how often lost jobs are looked for and retried (default 10)
  --poll-ms MS                   how often to look for jobs (default 500)
Needs DATABASE_URL (the run's database). How long a chunk may take before it is retried elsewhere is set
when the run is queued: VECBT_CHUNK_TIMEOUT_SECONDS for vecbt run --distributed.`,
};

/**
 * The help of `name`, or undefined for an unknown command. With `--strategy NAME` among `args` (a built-in), the
 * settings flags shown are that strategy's.
 */
export function commandHelp(name: string, args: readonly string[] = []): string | undefined {
  if (HELP[name] === undefined) return undefined;
  const i = args.indexOf('--strategy');
  const ref = i >= 0 ? args[i + 1] : args.find((a) => a.startsWith('--strategy='))?.slice('--strategy='.length);
  const text = ref && isBuiltin(ref) ? HELP[name].replace(strategyFlagsHelp(), strategyFlagsHelp(getStrategy(ref))) : HELP[name];
  return text + '\n';
}

/** The built-ins' names, for messages. */
export const BUILTIN_NAMES = Object.keys(strategies);
