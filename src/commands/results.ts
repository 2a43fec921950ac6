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

const TABLE_COLUMNS = ['ticker', 'status', 'bars', 'total_return_pct', 'win_rate_pct', 'max_drawdown_pct', 'total_trades', 'sharpe_ratio', 'profit_factor', 'end_value', 'reason'];

function fmt(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number.isFinite(v) ? v.toFixed(2) : String(v);
  return String(v);
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
      if (r.status !== 'done') io.stdout.write(`run ${runId} is ${r.status} (${r.tickersDone}/${r.tickersTotal} tickers); resume with: npx vecbt run --resume ${runId}\n`);
      io.stdout.write(table(TABLE_COLUMNS, rows.map((row) => TABLE_COLUMNS.map((c) => fmt(row[c]))), (i) => i >= 2 && i <= 9));
    }
    return 0;
  }, { readOnly: true });
}
