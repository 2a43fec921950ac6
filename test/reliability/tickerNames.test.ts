/**
 * Hostile ticker names (quotes, spaces, unicode, SQL, backslashes, a tab, array-literal syntax) loaded by CSV
 * (`loadOhlcvCsv`, what `vecbt db load` calls) and by plain SQL inserts, run through the batch runner and
 * read back by `vecbt results` in a child process: every name round-trips byte for byte, and the tables the
 * names try to drop still exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { loadOhlcvCsv } from '../../src/data/loadOhlcvCsv';
import { BatchRunner } from '../../src/batch';

const VIA_CSV = [`'; drop table tickers; --`, `O'Reilly`, 'BRK B', '日本', '"Q", Inc.'];
const VIA_SQL = [`x'); DROP TABLE daily_market_data; --`, 'back\\slash', 'tab\tand,comma', '{a,"b"}', 'NULL', 'Ünïcödé 🚀', '$1'];
const ALL = [...VIA_CSV, ...VIA_SQL];
const byCodeUnits = (a: string, b: string) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1);

let db: TestDatabase;
let runId = 0;
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 1, days: 160, seed: 5, end: '2024-06-28' });
  const { rows } = await db.pool.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, open, high, low, close, volume FROM daily_market_data WHERE ticker = 'S00001' ORDER BY date`);
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const csv = ['ticker,date,open,high,low,close,volume', ...VIA_CSV.flatMap((t) => rows.map((r) => [q(t), r.date, r.open, r.high, r.low, r.close, r.volume].join(',')))].join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'vecbt-names-')), 'names.csv');
  writeFileSync(file, csv + '\n');
  await loadOhlcvCsv(db.pool, file);
  for (const t of VIA_SQL) {
    await db.pool.query('INSERT INTO tickers (symbol) VALUES ($1)', [t]);
    await db.pool.query(`INSERT INTO daily_market_data SELECT $1, date, open, high, low, close, volume FROM daily_market_data WHERE ticker = 'S00001'`, [t]);
  }
  await db.pool.query(`DELETE FROM daily_market_data WHERE ticker = 'S00001'`);
  await db.pool.query(`DELETE FROM tickers WHERE symbol = 'S00001'`);
  const done = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 5, retryBaseMs: 20, memorySampleMs: 50 }).start();
  expect(done.status).toBe('done');
  runId = done.runId;
});
afterAll(() => db?.drop());

describe('hostile ticker names', () => {
  it('loadOhlcvCsv and SQL inserts store every name untouched; tickers and daily_market_data still exist', async () => {
    const t = await db.pool.query(`SELECT symbol FROM tickers ORDER BY symbol COLLATE "C"`);
    expect(t.rows.map((r) => r.symbol)).toEqual([...ALL].sort(byCodeUnits));
    const n = await db.pool.query(`SELECT count(*)::int AS n FROM daily_market_data`);
    expect(n.rows[0].n).toBe(ALL.length * 160);
  });

  it('the batch run writes one ok result per name, with the same numbers for the same bars', async () => {
    const { rows } = await db.pool.query(`SELECT ticker, status, total_return_pct, total_trades FROM vecbt_results WHERE run_id = $1 ORDER BY ticker COLLATE "C"`, [runId]);
    expect(rows.map((r) => r.ticker)).toEqual([...ALL].sort(byCodeUnits));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['ok']));
    expect(new Set(rows.map((r) => `${r.total_return_pct} ${r.total_trades}`)).size, 'identical bars give identical stats').toBe(1);
    expect(rows[0].total_trades, 'the fixture trades').toBeGreaterThan(0);
  });

  it('vecbt_trades carries every name untouched', async () => {
    const { rows } = await db.pool.query(`SELECT DISTINCT ticker FROM vecbt_trades WHERE run_id = $1`, [runId]);
    expect(rows.map((r) => r.ticker).sort(byCodeUnits)).toEqual([...ALL].sort(byCodeUnits));
  });

  it('vecbt results <id> --format json and --format csv print every name untouched', () => {
    const env = { ...process.env, DATABASE_URL: db.url, TZ: 'UTC' };
    const json = spawnSync(process.execPath, ['bin/vecbt.mjs', 'results', String(runId), '--format', 'json'], { env, encoding: 'utf8' });
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).map((r: { ticker: string }) => r.ticker)).toEqual([...ALL].sort(byCodeUnits));
    const csv = spawnSync(process.execPath, ['bin/vecbt.mjs', 'results', String(runId), '--format', 'csv'], { env, encoding: 'utf8' });
    expect(csv.status, csv.stderr).toBe(0);
    for (const t of ALL) {
      const cell = /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
      expect(csv.stdout, t).toContain(`\n${cell},ok,`);
    }
  });
});
