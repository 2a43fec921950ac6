/**
 * SIGTERM in a real child process (`vecbt run --no-tui`): the chunk in progress commits, the run is
 * marked aborted, the process exits 0 and prints how to resume; `--resume` then finishes it exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 120, days: 504, seed: 3 });
});
afterAll(() => db?.drop());

function vecbt(args: string[], onLine?: (line: string, kill: (s: NodeJS.Signals) => void) => void) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/vecbt.mjs', ...args], { env: { ...process.env, DATABASE_URL: db.url, TZ: 'UTC' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      const s = d.toString();
      out += s;
      for (const line of s.split('\n')) onLine?.(line, (sig) => child.kill(sig));
    });
    child.stderr.on('data', (d) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('vecbt run in a child process', () => {
  it('SIGTERM after the first chunk -> run aborted, exit 0, resumable to the same results as a clean run', async () => {
    let sent = false;
    const aborted = await vecbt(['run', '--no-tui', '--chunk-size', '3'], (line, kill) => {
      if (!sent && /^chunk 1\//.test(line)) {
        sent = true;
        kill('SIGTERM');
      }
    });
    expect(aborted.code, aborted.err).toBe(0);
    const runId = Number(/run (\d+)/.exec(aborted.out)![1]);
    expect(aborted.out).toContain(`npx vecbt run --resume ${runId}`);
    const { rows } = await db.pool.query('SELECT status, tickers_done FROM vecbt_runs WHERE id = $1', [runId]);
    expect(rows[0].status).toBe('aborted');
    expect(rows[0].tickers_done, 'stopped early').toBeLessThan(120);
    expect(rows[0].tickers_done % 3, 'only whole chunks committed').toBe(0);

    const resumed = await vecbt(['run', '--no-tui', '--resume', String(runId)]);
    expect(resumed.code, resumed.err).toBe(0);
    const clean = await vecbt(['run', '--no-tui', '--chunk-size', '50']);
    expect(clean.code, clean.err).toBe(0);
    const cleanId = Number(/run (\d+)/.exec(clean.out)![1]);
    const q = `SELECT ticker, status, total_return_pct, sharpe_ratio, total_trades, end_value FROM vecbt_results WHERE run_id = $1 ORDER BY ticker`;
    const a = (await db.pool.query(q, [runId])).rows;
    expect(a.length, 'every ticker exactly once').toBe(120);
    expect(a).toEqual((await db.pool.query(q, [cleanId])).rows);
  });

  it('kill -9 mid-run -> the run stays resumable, --resume completes it with one row per ticker', async () => {
    let sent = false;
    const killed = await vecbt(['run', '--no-tui', '--chunk-size', '4'], (line, kill) => {
      if (!sent && /^chunk 2\//.test(line)) {
        sent = true;
        kill('SIGKILL');
      }
    });
    expect(killed.code).toBe(null);
    const runId = Number(/run (\d+)/.exec(killed.out)![1]);
    const { rows } = await db.pool.query('SELECT status, tickers_done FROM vecbt_runs WHERE id = $1', [runId]);
    expect(rows[0].status, 'a killed process cannot mark its run').toBe('running');
    const resumed = await vecbt(['run', '--no-tui', '--resume', String(runId)]);
    expect(resumed.code, resumed.err).toBe(0);
    const n = await db.pool.query('SELECT count(*)::int AS n, count(DISTINCT ticker)::int AS d FROM vecbt_results WHERE run_id = $1', [runId]);
    expect(n.rows[0]).toEqual({ n: 120, d: 120 });
    const st = await db.pool.query('SELECT status, tickers_done FROM vecbt_runs WHERE id = $1', [runId]);
    expect(st.rows[0]).toEqual({ status: 'done', tickers_done: 120 });
  });

  it('runs lists the runs; results prints table, csv and json, sorted and limited', async () => {
    const runs = await vecbt(['runs']);
    expect(runs.code, runs.err).toBe(0);
    expect(runs.out.split("\n")[0]).toMatch(/^id\s+status\s+strategy\s+created/);
    const { rows } = await db.pool.query(`SELECT id FROM vecbt_runs WHERE status = 'done' ORDER BY id LIMIT 1`);
    const id = String(rows[0].id);
    const best = await db.pool.query(
      `SELECT ticker FROM vecbt_results WHERE run_id = $1 ORDER BY total_return_pct DESC NULLS LAST, ticker LIMIT 3`,
      [rows[0].id],
    );
    const csv = await vecbt(['results', id, '--format', 'csv', '--sort', 'total_return_pct', '--limit', '3']);
    expect(csv.code, csv.err).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines[0].startsWith('ticker,status,reason,bars,')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(best.rows.map((r) => r.ticker));
    const json = await vecbt(['results', id, '--format', 'json', '--limit', '2']);
    const parsed = JSON.parse(json.out);
    expect(parsed.map((r: { ticker: string }) => r.ticker)).toEqual(['S00001', 'S00002']);
    const table = await vecbt(['results', id, '--limit', '1']);
    expect(table.out).toMatch(/^run \d+: strategy rvol_atr rvol_window=20 .*\nticker\s+status\s+bars\s+total_return_pct/);
    const bad = await vecbt(['results', id, '--sort', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--sort: unknown column 'nope'/);
  });

  it('rejects bad flags in one line before touching the database', async () => {
    for (const [args, msg] of [
      [['run', '--chunk-size', '0'], /--chunk-size must be an integer >= 1/],
      [['run', '--from', '2024-02-01', '--to', '2024-01-01'], /--from 2024-02-01 is after --to 2024-01-01/],
      [['run', '--frobnicate'], /unknown flag --frobnicate/],
      [['run', '--hold-bars', '0'], /hold/i],
    ] as const) {
      const r = await vecbt([...args]);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n').length, r.err).toBe(1);
      expect(r.err).toMatch(msg);
    }
  });

  it('a database that is down: one line naming the host, password masked, exit 1', async () => {
    const child = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const c = spawn(process.execPath, ['bin/vecbt.mjs', 'runs'], {
        env: { ...process.env, DATABASE_URL: 'postgres://bob:s3cret@127.0.0.1:1/prod' },
      });
      let err = '';
      c.stderr.on('data', (d) => (err += d.toString()));
      c.on('close', (code) => resolve({ code, err }));
    });
    expect(child.code).toBe(1);
    expect(child.err.trim()).toBe('vecbt runs: cannot connect to PostgreSQL at 127.0.0.1:1/prod (connection refused: is PostgreSQL running there?)');
    expect(child.err).not.toContain('s3cret');
  });
});
