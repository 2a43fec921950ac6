/**
 * `vecbt results <run-id> [--format table|csv|json] [--sort COLUMN] [--asc] [--limit N]`: a run's
 * per-ticker results. `--sort` sorts descending (best first) unless `--asc`; default order is by ticker.
 * table shows the headline columns; csv and json carry every column of vecbt_results.
 */
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { intFlag, parseFlags, runIdArg } from './flags';
import { withDatabase } from './withDatabase';
import { getRun } from '../data/getRun';
import { readResults, RESULT_FIELDS } from '../data/readResults';
import { table } from './runs';
import { getStrategy, isBuiltin } from '../strategies';
import { formatValue, fromJson, type ParamSpec, type ParamValue } from '../strategy/paramSpec';
import { PORTFOLIO_SPECS } from '../strategy/portfolioSettings';

const TABLE_COLUMNS = ['ticker', 'status', 'bars', 'total_return_pct', 'win_rate_pct', 'max_drawdown_pct', 'total_trades', 'sharpe_ratio', 'profit_factor', 'end_value', 'reason'];

function fmt(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number.isFinite(v) ? v.toFixed(2) : String(v);
  return String(v);
}

/**
 * The stored settings as `name=value` words, spelled by their specs where known (a built-in's parameters and the
 * portfolio settings: null is `off` or `all`); a strategy file's own parameters as stored (its code is not run
 * by a read command).
 */
function paramsLine(strategy: string, params: Record<string, unknown>): string {
  const own = isBuiltin(strategy) ? getStrategy(strategy).params : {};
  const specs: Record<string, ParamSpec> = { ...own, ...PORTFOLIO_SPECS };
  // The strategy's parameters first (a built-in's in spec order), then the portfolio's, as --help lists them.
  const keys = [...Object.keys(own), ...Object.keys(params).filter((k) => !(k in specs)), ...Object.keys(PORTFOLIO_SPECS)].filter((k) => k in params);
  return keys.map((k) => `${k}=${specs[k] ? formatValue(specs[k], fromJson(specs[k], params[k]) as ParamValue) : JSON.stringify(params[k])}`).join(' ');
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const { flags, positional } = parseFlags('vecbt results', args, { '--format': true, '--sort': true, '--asc': false, '--limit': true });
  const usage = 'usage: vecbt results <run-id> [--format table|csv|json] [--sort COLUMN] [--asc] [--limit N]';
  if (positional.length !== 1) throw new UserError(`expected one run id; ${usage}`);
  const runId = runIdArg(positional[0]);
  const format = (flags.get('--format') as string | undefined) ?? 'table';
  if (!['table', 'csv', 'json'].includes(format)) throw new UserError(`--format must be table, csv or json, got '${format}'`);
  const sort = flags.get('--sort') as string | undefined;
  if (sort !== undefined && !RESULT_FIELDS.includes(sort)) throw new UserError(`--sort: unknown column '${sort}'; columns: ${RESULT_FIELDS.join(', ')}`);
  const limit = intFlag(flags, '--limit', 1);
  return withDatabase(async (db) => {
    const r = await getRun(db.pool, runId);
    if (!r) throw new UserError(`run ${runId} does not exist; list runs with: npx vecbt runs`);
    const rows = await readResults(db.pool, runId, { sort, descending: sort !== undefined && !flags.has('--asc'), limit });
    if (format === 'json') {
      io.stdout.write(JSON.stringify(rows, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n');
    } else if (format === 'csv') {
      io.stdout.write([RESULT_FIELDS.join(','), ...rows.map((row) => RESULT_FIELDS.map((f) => csvCell(row[f])).join(','))].join('\n') + '\n');
    } else {
      io.stdout.write(`run ${runId}: strategy ${r.strategyFile ? `${r.strategy} (${r.strategyFile}, SHA-256 ${r.strategySha256?.slice(0, 12)})` : r.strategy} ${paramsLine(r.strategy, r.params)}\n`);
      if (r.lookahead && r.lookahead !== 'passed' && r.lookahead !== 'skipped') io.stdout.write(`warning: ${r.lookahead}\n`);
      if (r.status !== 'done') io.stdout.write(`run ${runId} is ${r.status} (${r.tickersDone}/${r.tickersTotal} tickers); resume with: npx vecbt run --resume ${runId}\n`);
      io.stdout.write(table(TABLE_COLUMNS, rows.map((row) => TABLE_COLUMNS.map((c) => fmt(row[c]))), (i) => i >= 2 && i <= 9));
    }
    return 0;
  }, { readOnly: true });
}
