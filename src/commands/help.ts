/**
 * `vecbt <command> --help` (or `-h`, or `vecbt help <command>`): each command's usage, flags and defaults,
 * printed without loading the command or touching a database. The strategy flags are generated from the
 * strategy's own defaults, so the help cannot drift from them.
 */
import { DEFAULT_STRATEGY, type StrategyParams } from '../strategy/params';
import { flagName } from '../strategy/flags';

const STRATEGY_FLAG_TEXT: Record<keyof StrategyParams, string> = {
  rvolWindow: 'RVOL window: volume / mean of the previous N volumes',
  rvolMin: 'enter when RVOL > this',
  atrWindow: "ATR window (Wilder's, as TA-Lib)",
  atrPctMin: 'and ATR% (ATR / close * 100) > this',
  holdBars: 'time exit: the entry signal shifted by N bars',
  exitMode: 'shifted-signal (exits = entries.shift(N), as vectorbt users write it) | bars-after-fill',
  slStop: 'stop-loss as a fraction (0.03 = 3%); off to disable',
  slTrail: 'trailing stop-loss (--sl-trail / --no-sl-trail)',
  tpStop: 'take-profit as a fraction; off (the default) to disable',
  fees: 'fees per order as a fraction (0.001 = 0.1%)',
  fixedFees: 'fixed fees per order',
  slippage: 'slippage as a fraction',
  initCash: 'starting cash per ticker',
  size: 'shares per entry; inf = all the cash',
};

const show = (v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? 'off' : typeof v === 'number' && v === Infinity ? 'inf' : String(v));

/** The strategy flags with their defaults, one per line. */
export function strategyFlagsHelp(): string {
  return (Object.keys(DEFAULT_STRATEGY) as (keyof StrategyParams)[])
    .map((k) => `  ${(flagName(k) + ' ' + show(DEFAULT_STRATEGY[k])).padEnd(30)} ${STRATEGY_FLAG_TEXT[k]}`)
    .join('\n');
}

const RUN_FLAGS = `  --chunk-size N                 tickers per chunk, read, simulated and committed together (default 500)
  --from YYYY-MM-DD              first bar date (default: two years before --to)
  --to YYYY-MM-DD                last bar date (default: the last bar date of the active tickers)
  --resume RUN_ID                continue an aborted, failed or crashed run (its own chunks, dates, strategy)
  --no-tui                       plain log lines (always when stdout is not a terminal)
  --no-prefetch                  one chunk of arrays alive instead of two (~20 MB less), slower
  --memory-budget MB             refuse up front, with a suggested --chunk-size, a chunk that cannot fit`;

const DISTRIBUTED_FLAGS = `  --distributed [--detach]       queue the chunks for vecbt worker processes (needs DATABASE_URL) and follow
                                 the run (--detach: return at once). VECBT_CHUNK_TIMEOUT_SECONDS (default 50):
                                 a chunk unfinished this long after a worker took it is retried elsewhere`;

const DB = 'Database: DATABASE_URL (PGSSLMODE=no-verify for Heroku Postgres); without it, vecbt start uses an embedded PostgreSQL in ./.vecbt/pg.';

const HELP: Record<string, string> = {
  simulate: `usage: vecbt simulate <case.json> [--extras]

Runs a vecbt-case/1 file (e.g. data-fixtures/golden/s01_single_trade_nofees.case.json) through the engine and
prints a vecbt-expected/1 document: orders, trades, value, stats and stats_mean, exactly vectorbt's keys.
  --extras                       add each trade's exit_reason`,
  strategy: `usage: vecbt strategy <strategy.json> [--only stats] [--extras] [strategy flags]

Runs the RVOL/ATR% strategy on a strategy case (OHLCV per column) and prints the expected-file keys.
  --only stats                   print only the stats
  --extras                       add each trade's exit_reason and stale_exits per column
Strategy flags override the case's own "strategy" block; the values shown are the defaults for what it omits:
${strategyFlagsHelp()}`,
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
  results: `usage: vecbt results <run-id> [--format table|csv|json] [--sort COLUMN] [--asc] [--limit N]

A run's per-ticker results.
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

/** The help of `name`, or undefined for an unknown command. */
export function commandHelp(name: string): string | undefined {
  return HELP[name] === undefined ? undefined : HELP[name] + '\n';
}
