/**
 * A user's strategy file end to end: the same file through `vecbt run` (single process), through
 * `vecbt run --distributed` with 2 `vecbt worker` processes (which get the code from the run, not from a
 * file), and in memory (`runStrategy` on the same bars) gives identical results; the run records the strategy;
 * the look-ahead check runs on the file's first run only; a `--resume` with the file changed is refused.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { pivotOhlcv } from '../../src/data/pivot';
import { BatchRunner, STAT_COLUMN } from '../../src/batch';
import { STAT_NAMES } from '../../src/portfolio/metrics';
import { loadStrategyFile, runStrategy, sha256 } from '../../src/strategy';
import { resultsOf, startWorker, stopWorker, tradesOf } from '../distributed/helpers';

const FILE = `import { defineStrategy } from 'vecbt';

/** Enter when the close makes a new high over the previous \`window\` bars; out after \`hold\` bars or the stop. */
export default defineStrategy({
  name: 'new_high',
  description: 'close above the highest close of the previous window bars',
  fields: ['close'],
  params: {
    window: { type: 'integer', default: 10, min: 1, doc: 'bars to beat' },
    hold: { type: 'integer', default: 5, min: 1, doc: 'bars to hold' },
  },
  warmup: (p) => p.window + 1,
  indicators(d, p) {
    const prevMax = new Float64Array(d.close.length).fill(NaN);
    for (let c = 0; c < d.nCols; c++) {
      const b = c * d.nRows;
      for (let r = p.window; r < d.nRows; r++) {
        let m = -Infinity;
        for (let k = r - p.window; k < r; k++) m = d.close[b + k] > m ? d.close[b + k] : m;
        prevMax[b + r] = m;
      }
    }
    return { prev_max: prevMax };
  },
  signals(d, ind) {
    const entries = new Uint8Array(d.close.length);
    for (let i = 0; i < entries.length; i++) entries[i] = Number(d.close[i] > ind.prev_max[i]);
    return { entries, exits: new Uint8Array(d.close.length) };
  },
  timeExitBars: (p) => p.hold,
});
`;

let db: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'vecbt-user-strategy-'));
const path = join(dir, 'new-high.ts');

function vecbt(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['bin/vecbt.mjs', ...args], { env: { ...process.env, DATABASE_URL: db.url, TZ: 'UTC' } });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('close', (code) => resolve({ code, out, err }));
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 40, days: 260, seed: 11, end: '2024-06-28' });
  writeFileSync(path, FILE);
});
afterAll(() => db?.drop());

describe('a strategy file in every driver', () => {
  let single = 0;
  let distributed = 0;

  it('vecbt run --strategy FILE --param window=15: done; the run records the name, the source and its SHA-256; the first run checks look-ahead', async () => {
    const r = await vecbt(['run', '--strategy', path, '--param', 'window=15', '--hold', '4', '--no-tui', '--chunk-size', '15']);
    expect(r.code, r.err).toBe(0);
    single = Number(/run (\d+)/.exec(r.out)![1]);
    expect(r.out).toMatch(new RegExp(`strategy new_high \\(${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\) --window 15 --hold 4 --init-cash 100`));
    const { rows } = await db.pool.query('SELECT status, strategy, strategy_file, strategy_source, strategy_sha256, lookahead, params FROM vecbt_runs WHERE id = $1', [single]);
    expect(rows[0]).toMatchObject({ status: 'done', strategy: 'new_high', strategy_file: path, strategy_source: FILE, strategy_sha256: sha256(FILE), lookahead: 'passed' });
    expect([rows[0].params.window, rows[0].params.hold, rows[0].params.tp_stop]).toEqual([15, 4, null]);
  });

  it('vecbt run --distributed with 2 workers (no file on their side) gives the same results and trades', async () => {
    const workers = [1, 2].map((i) => startWorker(db.url, 'cli', ['--name', `u${i}`, '--poll-ms', '50']));
    try {
      await Promise.all(workers.map((w) => w.waitFor(/waiting for chunk jobs/)));
      const r = await vecbt(['run', '--distributed', '--strategy', path, '--window', '15', '--hold', '4', '--no-tui', '--chunk-size', '10']);
      expect(r.code, r.err).toBe(0);
      distributed = Number(/run (\d+)/.exec(r.out)![1]);
    } finally {
      await Promise.all(workers.map((w) => stopWorker(w)));
    }
    const { rows } = await db.pool.query(`SELECT count(DISTINCT worker)::int AS workers FROM vecbt_chunks WHERE run_id = $1`, [distributed]);
    expect(rows[0].workers, 'both workers did chunks').toBe(2);
    expect(await resultsOf(db.pool, distributed)).toEqual(await resultsOf(db.pool, single));
    expect(await tradesOf(db.pool, distributed)).toEqual(await tradesOf(db.pool, single));
    const { rows: l } = await db.pool.query('SELECT lookahead FROM vecbt_runs WHERE id = $1', [distributed]);
    expect(l[0].lookahead, 'the verdict of the first run with this text').toBe('passed');
  });

  it('runStrategy in memory on the same bars gives the stored stats of every ticker', async () => {
    const { rows } = await db.pool.query(`SELECT ticker, to_char(date, 'YYYY-MM-DD') AS date, open, high, low, close, volume FROM daily_market_data
       WHERE date BETWEEN (SELECT date_from FROM vecbt_runs WHERE id = $1) AND (SELECT date_to FROM vecbt_runs WHERE id = $1)`, [single]);
    const col = (k: string) => Float64Array.from(rows, (r) => r[k]);
    const { index, columns, data } = pivotOhlcv({ length: rows.length, ticker: rows.map((r) => r.ticker), date: rows.map((r) => r.date), open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume'), line: new Int32Array(rows.length) });
    const { strategy } = await loadStrategyFile(path);
    const r = runStrategy(data, strategy, { window: 15, hold: 4 });
    const stored = new Map((await resultsOf(db.pool, single)).map((x) => [x.ticker, x]));
    for (let c = 0; c < columns.length; c++) {
      const row = stored.get(columns[c])!;
      for (let m = 0; m < STAT_NAMES.length; m++) {
        const v = r.stats.values[m * columns.length + c];
        expect(row[STAT_COLUMN[STAT_NAMES[m]]], `${columns[c]} ${STAT_NAMES[m]}`).toEqual(m <= 1 ? index[v] : Number.isNaN(v) ? null : v);
      }
    }
    expect(r.sim.trades.length, 'same trades').toBe((await tradesOf(db.pool, single)).length);
  });

  it('vecbt runs and vecbt results name the strategy', async () => {
    const runs = await vecbt(['runs']);
    expect(runs.out).toMatch(new RegExp(`^${single} +done +new_high \\(`, 'm'));
    const results = await vecbt(['results', String(single), '--limit', '1']);
    expect(results.out.split('\n')[0]).toBe(`run ${single}: strategy new_high (${path}, SHA-256 ${sha256(FILE).slice(0, 12)}) ` + results.out.split('\n')[0].split(') ')[1]);
    expect(results.out).toMatch(/ hold=4 window=15 init_cash=100 size=all size_type=amount direction=longonly fees=0\.001 fixed_fees=0 slippage=0 sl_stop=0\.03 sl_trail=false tp_stop=off time_exit_bars=0 stop_prices=close\n/);
  });

  it('--resume with the file changed is refused, naming the file and the fix; without --strategy the recorded code resumes it', async () => {
    const runId = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 15, ...(await loadStrategyFile(path).then((l) => ({ strategy: l.strategy, strategySource: l }))) }).prepare();
    writeFileSync(path, FILE.replace('bars to hold', 'bars to hold (edited)'));
    const r = await vecbt(['run', '--resume', String(runId), '--strategy', path, '--no-tui']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(new RegExp(`has changed since run ${runId} was created \\(SHA-256 [0-9a-f]{12}\\.\\.\\. vs [0-9a-f]{12}\\.\\.\\. recorded\\).*resume without --strategy \\(the recorded code runs\\)`));
    const ok = await vecbt(['run', '--resume', String(runId), '--no-tui']);
    expect(ok.code, ok.err).toBe(0);
    const { rows } = await db.pool.query('SELECT status, strategy_source FROM vecbt_runs WHERE id = $1', [runId]);
    expect(rows[0]).toEqual({ status: 'done', strategy_source: FILE });
  });
});
