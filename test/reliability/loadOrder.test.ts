/**
 * Row order and duplicates on the way in: a CSV whose dates are unsorted (reversed, interleaved tickers)
 * runs to exactly the numbers of the sorted file; a (ticker, date) given twice in one file is a UserError
 * naming the file and the lines, and nothing of the file is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { loadOhlcvCsv } from '../../src/data/loadOhlcvCsv';
import { BatchRunner } from '../../src/batch';
import { UserError } from '../../src/errors';

const dir = mkdtempSync(join(tmpdir(), 'vecbt-order-'));
const HEADER = 'ticker,date,open,high,low,close,volume';
let db: TestDatabase;
let lines: string[] = []; // S00001's bars as CSV fields after the ticker, in date order

beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 1, days: 160, seed: 5, end: '2024-06-28' });
  const { rows } = await db.pool.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, open, high, low, close, volume FROM daily_market_data WHERE ticker = 'S00001' ORDER BY date`);
  lines = rows.map((r) => [r.date, r.open, r.high, r.low, r.close, r.volume].join(','));
});
afterAll(() => db?.drop());

describe('load order and duplicates', () => {
  it('loadOhlcvCsv(unsorted dates) then a run: the same numbers as the sorted file', async () => {
    const sorted = join(dir, 'sorted.csv');
    const unsorted = join(dir, 'unsorted.csv');
    writeFileSync(sorted, [HEADER, ...lines.map((l) => `SORTED,${l}`)].join('\n') + '\n');
    // reversed, and interleaved with a second copy walking forward from the middle
    const rev = [...lines].reverse().map((l) => `REVERSED,${l}`);
    const mid = lines.map((l, i) => `SHUFFLED,${lines[(i * 37) % lines.length]}`);
    expect(new Set(mid).size, 'a permutation').toBe(lines.length);
    writeFileSync(unsorted, [HEADER, ...rev.flatMap((l, i) => [l, mid[i]])].join('\n') + '\n');
    await loadOhlcvCsv(db.pool, sorted);
    await loadOhlcvCsv(db.pool, unsorted);
    const done = await new BatchRunner({ pool: db.pool, target: 'test', chunkSize: 2, retryBaseMs: 20, memorySampleMs: 50 }).start();
    expect(done.status).toBe('done');
    const { rows } = await db.pool.query(
      `SELECT ticker, status, bars, total_return_pct, sharpe_ratio, total_trades, end_value FROM vecbt_results WHERE run_id = $1 AND ticker <> 'S00001' ORDER BY ticker`,
      [done.runId],
    );
    expect(rows.map((r) => r.ticker)).toEqual(['REVERSED', 'SHUFFLED', 'SORTED']);
    const strip = ({ ticker: _t, ...rest }: Record<string, unknown>) => rest;
    expect(strip(rows[0])).toEqual(strip(rows[2]));
    expect(strip(rows[1])).toEqual(strip(rows[2]));
    expect(rows[2].total_trades, 'the fixture trades').toBeGreaterThan(0);
  });

  it('loadOhlcvCsv(a file with the same ticker and date twice) is a UserError naming the file and lines; nothing written', async () => {
    const f = join(dir, 'dup.csv');
    writeFileSync(f, [HEADER, `DUP,${lines[0]}`, `DUP,${lines[1]}`, `DUP,${lines[0]}`].join('\n') + '\n');
    const err = await loadOhlcvCsv(db.pool, f).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    const date = lines[0].split(',')[0];
    expect(err.message).toBe(`duplicate row for ticker DUP on ${date} (${f}:2 and ${f}:4); keep one row per ticker and date`);
    const n = await db.pool.query(`SELECT (SELECT count(*)::int FROM daily_market_data WHERE ticker = 'DUP') + (SELECT count(*)::int FROM tickers WHERE symbol = 'DUP') AS n`);
    expect(n.rows[0].n, 'no partial write').toBe(0);
  });

  it('loadOhlcvCsv finds a duplicate even when its two rows are megabytes apart (different read chunks and COPY messages)', async () => {
    const f = join(dir, 'dupfar.csv');
    const filler = Array.from({ length: 50_000 }, (_, i) => `FILL${i},${lines[0]}`);
    writeFileSync(f, [HEADER, `FAR,${lines[0]}`, ...filler, `FAR,${lines[1]}`, `FAR,${lines[0]}`].join('\n') + '\n');
    expect(statSync(f).size, 'more than two 1 MB read chunks').toBeGreaterThan(2 * 2 ** 20);
    const err = await loadOhlcvCsv(db.pool, f).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    const date = lines[0].split(',')[0];
    expect(err.message).toBe(`duplicate row for ticker FAR on ${date} (${f}:2 and ${f}:50004); keep one row per ticker and date`);
    const n = await db.pool.query(`SELECT count(*)::int AS n FROM tickers WHERE symbol LIKE 'FILL%' OR symbol = 'FAR'`);
    expect(n.rows[0].n, 'no partial write').toBe(0);
  });
});
