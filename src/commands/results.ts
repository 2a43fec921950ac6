/**
 * `vecbt results <run-id> [--combos | --combo K | --walk-forward | --skipped] [--format table|csv|json]
 * [--sort COLUMN] [--asc] [--limit N]`: what a run found.
 * - a plain run: its per-ticker results (every stat; csv/json carry every column of vecbt_results);
 * - a sweep: `--combos` (the default) ranks the combinations by the run's select metric, with robustness, and
 *   names the best with its deflated Sharpe ratio; `--combo K` lists the tickers of one combination;
 * - a walk-forward or split run: `--walk-forward` (the default) prints each window (dates, the combination chosen
 *   in-sample, its in- and out-of-sample scores, the in-sample rank of the out-of-sample best) and the summary:
 *   out-of-sample vs in-sample, how often the choice changed, the stitched out-of-sample equity;
 * - `--skipped`: the tickers a run skipped, with the reason.
 * `--sort` sorts descending (best first) unless `--asc`. The table aligns each column to fixed decimals and shows
 * a value vectorbt leaves infinite or undefined (a Sharpe of a ticker that never traded) as `-`; csv and json keep
 * vectorbt's values ("inf" in json, Infinity in csv).
 */
import type { CommandIo } from './CommandIo';
import { UserError } from '../errors';
import { intFlag, parseFlags, runIdArg } from './flags';
import { withDatabase } from './withDatabase';
import { getRun, type RunRow } from '../data/getRun';
import { readResults, RESULT_FIELDS } from '../data/readResults';
import { COMBO_STAT_FIELDS, hasComboStats, readComboStats } from '../data/readComboStats';
import { readEwSeries } from '../data/readEwSeries';
import { readWindows } from '../data/readWindows';
import { listCombos } from '../data/listCombos';
import { finalizeRunStats } from '../batch/finalizeRunStats';
import { table } from './runs';
import { getStrategy, isBuiltin } from '../strategies';
import { formatValue, fromJson, type ParamSpec, type ParamValue } from '../strategy/paramSpec';
import { PORTFOLIO_SPECS } from '../strategy/portfolioSettings';
import { ewStats } from '../sweep/comboStats';
import { SELECT_METRICS } from '../sweep/selectMetrics';
import type { Pool } from 'pg';

const TICKER_COLUMNS = ['ticker', 'status', 'bars', 'total_return_pct', 'win_rate_pct', 'max_drawdown_pct', 'total_trades', 'sharpe_ratio', 'profit_factor', 'end_value', 'reason'];
const COMBO_COLUMNS = ['rank', 'combo_no', 'score', 'robustness', 'tickers', 'median_return_pct', 'mean_return_pct', 'pct_profitable', 'mean_win_rate_pct', 'total_trades', 'median_sharpe', 'worst_drawdown_pct', 'ew_return_pct', 'ew_sharpe'];
/** Columns shown without decimals. */
const INTEGER = new Set(['bars', 'total_trades', 'tickers', 'rank', 'combo_no', 'ew_bars', 'window', 'chosen', 'oos_best', 'oos_best_is_rank']);

/** A table cell: integers as such, other numbers with 2 decimals, infinite or undefined as '-'. */
function cell(col: string, v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'number') return !Number.isFinite(v) ? '-' : INTEGER.has(col) ? String(v) : v.toFixed(2);
  return String(v);
}

const isNumericColumn = (rows: Record<string, unknown>[], c: string) => rows.some((r) => typeof r[c] === 'number') || INTEGER.has(c);

/**
 * The stored settings as `name=value` words, spelled by their specs where known (a built-in's parameters and the
 * portfolio settings: null is `off` or `all`); a strategy file's own parameters as stored (its code is not run
 * by a read command).
 */
function paramsLine(strategy: string, params: Record<string, unknown>, only?: readonly string[]): string {
  const own = isBuiltin(strategy) ? getStrategy(strategy).params : {};
  const specs: Record<string, ParamSpec> = { ...own, ...PORTFOLIO_SPECS };
  // The strategy's parameters first (a built-in's in spec order), then the portfolio's, as --help lists them.
  const keys = [...Object.keys(own), ...Object.keys(params).filter((k) => !(k in specs)), ...Object.keys(PORTFOLIO_SPECS)].filter((k) => k in params && (!only || only.includes(k)));
  return keys.map((k) => `${k}=${specs[k] ? formatValue(specs[k], fromJson(specs[k], params[k]) as ParamValue) : JSON.stringify(params[k])}`).join(' ');
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function write(io: CommandIo, format: string, columns: readonly string[], rows: Record<string, unknown>[], head: string[]): void {
  if (format === 'json') io.stdout.write(JSON.stringify(rows, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? (v !== v ? null : v > 0 ? 'inf' : '-inf') : v), 2) + '\n');
  else if (format === 'csv') io.stdout.write([columns.join(','), ...rows.map((row) => columns.map((f) => csvCell(row[f])).join(','))].join('\n') + '\n');
  else {
    for (const line of head) io.stdout.write(line + '\n');
    io.stdout.write(table([...columns], rows.map((row) => columns.map((c) => cell(c, row[c]))), (i) => isNumericColumn(rows, columns[i])));
  }
}

function strategyLine(r: RunRow): string {
  return `run ${r.id}: strategy ${r.strategyFile ? `${r.strategy} (${r.strategyFile}, SHA-256 ${r.strategySha256?.slice(0, 12)})` : r.strategy} ${paramsLine(r.strategy, r.params)}`;
}

/** The settings a sweep varies (keys whose value differs between combinations). */
function sweptKeys(rows: { params: Record<string, unknown> | null }[]): string[] {
  if (rows.length < 2) return [];
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.params ?? {})))];
  return keys.filter((k) => new Set(rows.map((r) => JSON.stringify(r.params?.[k]))).size > 1);
}

/** The combination figures of a done run, computed now if its finisher did not (a crash in between). */
async function ensureComboStats(pool: Pool, run: RunRow): Promise<void> {
  if (run.status !== 'done' || (await hasComboStats(pool, run.id))) return;
  await finalizeRunStats(pool, run.id).catch((e: unknown) => {
    throw new UserError(`run ${run.id} has no combination figures yet and they cannot be stored here (${(e as Error).message}); run vecbt results ${run.id} once with a role that may write`);
  });
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const { flags, positional } = parseFlags('vecbt results', args, {
    '--format': true, '--sort': true, '--asc': false, '--limit': true, '--combos': false, '--combo': true, '--walk-forward': false, '--skipped': false,
  });
  const usage = 'usage: vecbt results <run-id> [--combos | --combo K | --walk-forward | --skipped] [--format table|csv|json] [--sort COLUMN] [--asc] [--limit N]';
  if (positional.length !== 1) throw new UserError(`expected one run id; ${usage}`);
  const runId = runIdArg(positional[0]);
  const format = (flags.get('--format') as string | undefined) ?? 'table';
  if (!['table', 'csv', 'json'].includes(format)) throw new UserError(`--format must be table, csv or json, got '${format}'`);
  const views = ['--combos', '--combo', '--walk-forward', '--skipped'].filter((v) => flags.has(v));
  if (views.length > 1) throw new UserError(`${views.join(' and ')} are different views; give one`);
  const sort = flags.get('--sort') as string | undefined;
  const limit = intFlag(flags, '--limit', 1);
  const combo = intFlag(flags, '--combo', 0);
  return withDatabase(async (db) => {
    const r = await getRun(db.pool, runId);
    if (!r) throw new UserError(`run ${runId} does not exist; list runs with: npx vecbt runs`);
    const windowed = r.kind === 'walk-forward' || r.kind === 'split';
    const view = views[0] ?? (windowed ? '--walk-forward' : r.kind === 'sweep' ? '--combos' : 'tickers');
    const head = [strategyLine(r)];
    if (r.lookahead && r.lookahead !== 'passed' && r.lookahead !== 'skipped') head.push(`warning: ${r.lookahead}`);
    if (r.status !== 'done') head.push(`run ${runId} is ${r.status} (${r.tickersDone}/${r.tickersTotal} tickers); resume with: npx vecbt run --resume ${runId}`);

    if (view === '--walk-forward') {
      if (!windowed) throw new UserError(`run ${runId} is a ${r.kind} run, not a walk-forward or split; see vecbt results ${runId}${r.kind === 'sweep' ? ' --combos' : ''}`);
      await ensureComboStats(db.pool, r);
      const windows = await readWindows(db.pool, runId);
      const swept = sweptKeys(await listCombos(db.pool, runId));
      const rows = windows.map((w) => ({
        window: w.windowNo, train: `${w.trainFrom}..${w.trainTo}`, test: `${w.testFrom}..${w.testTo}`, chosen: w.chosenCombo,
        settings: w.params ? paramsLine(r.strategy, w.params, swept) : null,
        is_score: w.isScore, oos_score: w.oosScore, oos_best: w.oosBestCombo, oos_best_is_rank: w.oosBestIsRank,
      }));
      // The stitched out-of-sample equity: the chosen combination's equal-weight returns in each test window, in order.
      const series = await readEwSeries(db.pool, runId);
      const sums: number[] = [];
      const ns: number[] = [];
      for (const w of windows) {
        const s = w.chosenCombo === null ? undefined : series.get(`${w.windowNo}|test|${w.chosenCombo}`);
        if (s) for (let i = 0; i < s.sum.length; i++) (sums.push(s.sum[i]), ns.push(s.n[i]));
      }
      const stitched = ewStats(sums, ns);
      const isMean = mean(windows.map((w) => w.isScore));
      const oosMean = mean(windows.map((w) => w.oosScore));
      const changes = windows.slice(1).filter((w, i) => w.chosenCombo !== windows[i].chosenCombo).length;
      const metric = r.selectMetric ?? 'median_sharpe';
      head.push(
        `${r.kind} over ${r.combosTotal} combinations, selected by ${metric} (${SELECT_METRICS[metric].doc}); ${windows.length} window(s)`,
      );
      write(io, format, ['window', 'train', 'test', 'chosen', 'settings', 'is_score', 'oos_score', 'oos_best', 'oos_best_is_rank'], rows, head);
      if (format === 'table') {
        io.stdout.write(
          `out-of-sample / in-sample ${metric}: ${cell('x', oosMean)} / ${cell('x', isMean)} = ${cell('x', oosMean / isMean)}; ` +
            `the chosen combination changed ${changes} time(s) in ${Math.max(0, windows.length - 1)}; ` +
            `stitched out-of-sample equal-weight equity: ${cell('x', stitched.ewReturnPct)} % over ${stitched.ewBars} bars, Sharpe ${cell('x', stitched.ewSharpe)}\n`,
        );
      }
      return 0;
    }

    if (view === '--combos') {
      await ensureComboStats(db.pool, r);
      if (sort !== undefined && !(COMBO_STAT_FIELDS as readonly string[]).includes(sort)) throw new UserError(`--sort: unknown column '${sort}'; columns: ${COMBO_STAT_FIELDS.join(', ')}`);
      const rows = await readComboStats(db.pool, runId, { sort, descending: sort !== undefined && sort !== 'rank' && !flags.has('--asc'), limit });
      const swept = sweptKeys(await listCombos(db.pool, runId));
      // Swept values as the user spells them (off, all), by their specs where known.
      const shown = (params: Record<string, unknown> | null, k: string) => (params && k in params ? paramsLine(r.strategy, params, [k]).slice(k.length + 1) : null);
      const out = rows.map(({ params, ...x }) => ({ ...x, ...Object.fromEntries(swept.map((k) => [k, shown(params, k)])) }));
      const metric = r.selectMetric ?? 'median_sharpe';
      head.push(`${r.combosTotal} combinations${r.grid && typeof r.grid.skipped === 'number' && r.grid.skipped ? ` (${r.grid.skipped} skipped: they break a rule of the strategy)` : ''}, ranked by ${metric} (score: ${SELECT_METRICS[metric].doc}); robustness = neighbours' mean score / score`);
      if (r.bestCombo !== null) head.push(`best: combination ${r.bestCombo}; deflated Sharpe ratio ${cell('x', r.deflatedSharpe)} (the probability its Sharpe is real, given ${r.combosTotal} tried)`);
      write(io, format, [...COMBO_COLUMNS.slice(0, 2), ...swept, ...COMBO_COLUMNS.slice(2)], out, head);
      return 0;
    }

    const fields = r.kind === 'sweep' ? RESULT_FIELDS : RESULT_FIELDS.filter((f) => f !== 'combo_no');
    if (sort !== undefined && !fields.includes(sort)) throw new UserError(`--sort: unknown column '${sort}'; columns: ${fields.join(', ')}`);
    if (combo !== undefined && combo >= r.combosTotal) throw new UserError(`run ${runId} has combinations 0..${r.combosTotal - 1}; see them with vecbt results ${runId} --combos`);
    const rows = await readResults(db.pool, runId, { combo: combo ?? 0, skippedOnly: view === '--skipped', sort, descending: sort !== undefined && !flags.has('--asc'), limit });
    if (view === '--skipped') {
      head.push(`${rows.length} ticker(s) skipped`);
      write(io, format, ['ticker', 'bars', 'reason'], rows, head);
      return 0;
    }
    if (combo !== undefined && r.kind === 'sweep') head.push(`combination ${combo}: the sweep stores its compact stats per ticker (the others are blank)`);
    write(io, format, format === 'table' ? TICKER_COLUMNS : fields, rows, head);
    return 0;
  }, { readOnly: true });
}

function mean(xs: (number | null)[]): number {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
}
