/**
 * The batch runner on a real PostgreSQL: results equal the in-memory engine, chunking and resuming change
 * no number, no ticker gets two rows, skips are recorded, connection drops are retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { execFileSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadOhlcvCsv } from '../../src/data/loadOhlcvCsv';
import { synthUniverse } from '../../src/data/synth';
import { pivotOhlcv } from '../../src/data/pivot';
import { BatchRunner, STAT_COLUMN, type BatchOptions } from '../../src/batch';
import { runStrategy } from '../../src/strategy';
import { strategies } from '../../src/strategies';
import { STAT_NAMES } from '../../src/portfolio/metrics';
import { UserError } from '../../src/errors';

let db: TestDatabase;
const FROM = '2013-01-01';
const TO = '2014-12-31';

beforeAll(async () => {
  db = await createTestDatabase();
  for (const f of ['goog_backtesting_py', 'nvda_backtrader', 'orcl_backtrader', 'yhoo_backtrader']) {
    await loadOhlcvCsv(db.pool, `data-fixtures/real/${f}.csv`);
  }
  await synthUniverse(db.pool, { tickers: 30, days: 504, seed: 11, end: TO });
  // A ticker with fewer bars than the 21-bar warm-up, and one with no bar in the window.
  await db.pool.query(`INSERT INTO tickers (symbol) VALUES ('SHORT'), ('STALE')`);
  await db.pool.query(`INSERT INTO daily_market_data SELECT 'SHORT', date, open, high, low, close, volume FROM daily_market_data
                        WHERE ticker = 'S00001' AND date >= '2014-12-10'`);
  await db.pool.query(`INSERT INTO daily_market_data VALUES ('STALE', '2001-01-02', 1, 1, 1, 1, 1)`);
});
afterAll(() => db?.drop());

function runner(extra: Partial<BatchOptions> = {}): BatchRunner {
  return new BatchRunner({ pool: db.pool, target: 'test', from: FROM, to: TO, retryBaseMs: 20, memorySampleMs: 50, ...extra });
}

async function resultsOf(runId: number) {
  const { rows } = await db.pool.query(
    `SELECT * FROM vecbt_results WHERE run_id = $1 ORDER BY ticker COLLATE "C"`,
    [runId],
  );
  const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : d);
  return rows.map(({ run_id: _r, chunk_no: _c, ...rest }) => ({ ...rest, start_date: iso(rest.start_date), end_date: iso(rest.end_date) }));
}

async function tradesOf(runId: number) {
  const { rows } = await db.pool.query(`SELECT * FROM vecbt_trades WHERE run_id = $1 ORDER BY ticker COLLATE "C", trade_no`, [runId]);
  return rows.map(({ run_id: _r, ...rest }) => rest);
}

let baseline = 0;

describe('BatchRunner on fixtures (4 real stocks + 30 synthetic + 2 short)', () => {
  it('runs to done and writes one result row per active ticker', async () => {
    const r = runner({ chunkSize: 500 });
    const events: string[] = [];
    for (const e of ['run:start', 'chunk:start', 'chunk:done', 'run:done'] as const) r.on(e, () => events.push(e));
    const done = await r.start();
    baseline = done.runId;
    expect(done.status).toBe('done');
    expect(done.tickersDone).toBe(36);
    expect(events).toEqual(['run:start', 'chunk:start', 'chunk:done', 'run:done']);
    const { rows } = await db.pool.query(`SELECT status, tickers_done, tickers_total FROM vecbt_runs WHERE id = $1`, [baseline]);
    expect(rows[0]).toEqual({ status: 'done', tickers_done: 36, tickers_total: 36 });
    const chunks = await db.pool.query(`SELECT status, read_ms, rss_mb FROM vecbt_chunks WHERE run_id = $1`, [baseline]);
    expect(chunks.rows[0].status).toBe('done');
    expect(chunks.rows[0].rss_mb, 'memory recorded per chunk').toBeGreaterThan(0);
    expect((await resultsOf(baseline)).length).toBe(36);
  });

  it('records tickers with fewer bars than the warm-up, or none, as skipped with the reason', async () => {
    const rows = (await resultsOf(baseline)).filter((r) => r.status === 'skipped');
    expect(rows.map((r) => r.ticker)).toEqual(['SHORT', 'STALE']);
    expect(rows[0].reason).toBe('16 bars between 2013-01-01 and 2014-12-31, fewer than the 21-bar indicator warm-up');
    expect(rows[0].bars).toBe(16);
    expect(rows[1].reason).toMatch(/no bars/);
    expect(rows[0].total_return_pct, 'no stats for a skipped ticker').toBeNull();
  });

  it('results and trades equal the in-memory engine on the same data', async () => {
    const { rows } = await db.pool.query(
      `SELECT ticker, to_char(date, 'YYYY-MM-DD') AS date, open, high, low, close, volume FROM daily_market_data
        WHERE date BETWEEN $1 AND $2 AND ticker IN (SELECT symbol FROM tickers WHERE active)`,
      [FROM, TO],
    );
    const n = rows.length;
    const col = (k: string) => Float64Array.from(rows, (r) => r[k]);
    const long = { length: n, ticker: rows.map((r) => r.ticker), date: rows.map((r) => r.date), open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume'), line: new Int32Array(n) };
    const { index, columns, data } = pivotOhlcv(long);
    const ref = runStrategy(data, strategies.rvol_atr);
    const stored = new Map((await resultsOf(baseline)).map((r) => [r.ticker, r]));
    let compared = 0;
    for (let c = 0; c < columns.length; c++) {
      const row = stored.get(columns[c])!;
      if (row.status === 'skipped') continue;
      for (let m = 0; m < STAT_NAMES.length; m++) {
        const v = ref.stats.values[m * columns.length + c];
        const name = STAT_NAMES[m];
        const got = row[STAT_COLUMN[name]];
        const want = m <= 1 ? index[v] : Number.isNaN(v) ? null : v;
        expect(got, `${columns[c]} ${name}`).toEqual(want);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30 * 28);
    const t = ref.sim.trades;
    const trades = await tradesOf(baseline);
    expect(trades.length, 'same number of trades').toBe(t.length);
    for (let i = 0; i < t.length; i++) {
      expect(trades[i].ticker).toBe(columns[t.col[i]]);
      expect(trades[i].pnl).toBe(Number.isNaN(t.pnl[i]) ? null : t.pnl[i]);
      expect(trades[i].entry_price).toBe(t.entryPrice[i]);
    }
    expect(trades.length, 'the fixtures trade').toBeGreaterThan(20);
  });

  it('chunk sizes 1, 7 and 500 give identical results and trades', async () => {
    const want = await resultsOf(baseline);
    const wantTrades = await tradesOf(baseline);
    for (const chunkSize of [1, 7]) {
      const done = await runner({ chunkSize }).start();
      expect(done.status).toBe('done');
      expect(await resultsOf(done.runId), `chunk size ${chunkSize}`).toEqual(want);
      expect(await tradesOf(done.runId), `chunk size ${chunkSize}`).toEqual(wantTrades);
    }
  });

  it('abort mid-run then resume gives the uninterrupted results, no duplicates', async () => {
    const r = runner({ chunkSize: 7 });
    r.on('chunk:done', (e) => {
      if (e.chunkNo === 2) r.abort('test abort');
    });
    const first = await r.start();
    expect(first.status).toBe('aborted');
    expect(first.tickersDone).toBe(14);
    expect(first.resumeCommand).toBe(`npx vecbt run --resume ${first.runId}`);
    const { rows } = await db.pool.query(`SELECT status FROM vecbt_runs WHERE id = $1`, [first.runId]);
    expect(rows[0].status).toBe('aborted');
    expect((await resultsOf(first.runId)).length, 'only committed chunks are visible').toBe(14);

    const resumed = runner({ resumeRunId: first.runId });
    let skippedStart: unknown = null;
    resumed.on('run:start', (e) => (skippedStart = { chunksDone: e.chunksDone, tickersDone: e.tickersDone, resumed: e.resumed }));
    const done = await resumed.start();
    expect(skippedStart).toEqual({ chunksDone: 2, tickersDone: 14, resumed: true });
    expect(done.status).toBe('done');
    expect(await resultsOf(first.runId)).toEqual(await resultsOf(baseline));
    expect(await tradesOf(first.runId)).toEqual(await tradesOf(baseline));
    await expect(runner({ resumeRunId: first.runId }).start(), 'a done run cannot be resumed').rejects.toBeInstanceOf(UserError);
  });

  it('a second runner on the same run is refused (advisory lock)', async () => {
    const r = runner({ chunkSize: 7 });
    r.on('chunk:done', (e) => {
      if (e.chunkNo === 1) r.abort('test abort');
    });
    const first = await r.start();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1, $2)', [7_271_002, first.runId]);
      await expect(runner({ resumeRunId: first.runId }).start()).rejects.toThrow(/another process/);
    } finally {
      await holder.end();
    }
    expect((await runner({ resumeRunId: first.runId }).start()).status).toBe('done');
  });

  it('a dropped connection (pg_terminate_backend) mid-chunk is retried and changes nothing', async () => {
    const r = runner({ chunkSize: 7 });
    const errors: { willRetry: boolean; attempt: number }[] = [];
    let killed = false;
    r.on('chunk:phase', (e) => {
      if (e.chunkNo === 3 && e.phase === 'simulating' && !killed) {
        killed = true;
        // Kill every other backend of this database (the chunk's client, the prefetch and the run lock among
        // them) while it simulates; synchronously, so the kill has landed before the chunk writes.
        execFileSync('psql', ['-X', '-q', '-d', db.url, '-c',
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()']);
      }
    });
    r.on('chunk:error', (e) => errors.push({ willRetry: e.willRetry, attempt: e.attempt }));
    const done = await r.start();
    expect(killed).toBe(true);
    expect(done.status).toBe('done');
    expect(errors.length, 'at least one retried error').toBeGreaterThan(0);
    expect(errors.every((e) => e.willRetry)).toBe(true);
    expect(await resultsOf(done.runId)).toEqual(await resultsOf(baseline));
  });

  it('rejects a memory budget a chunk cannot fit, suggesting a chunk size', async () => {
    await expect(runner({ chunkSize: 500, memoryBudgetMb: 1 }).prepare()).rejects.toThrow(/--memory-budget 1 MB/);
  });
});

describe('BatchRunner on an empty universe', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase();
  });
  afterAll(() => empty?.drop());

  it('finishes done with 0 tickers and 0 chunks', async () => {
    const r = new BatchRunner({ pool: empty.pool, target: 'test' });
    let start: { chunksTotal: number; tickersTotal: number } | null = null;
    r.on('run:start', (e) => (start = { chunksTotal: e.chunksTotal, tickersTotal: e.tickersTotal }));
    const done = await r.start();
    expect(done.status).toBe('done');
    expect(start).toEqual({ chunksTotal: 0, tickersTotal: 0 });
    const { rows } = await empty.pool.query('SELECT status, tickers_total FROM vecbt_runs');
    expect(rows).toEqual([{ status: 'done', tickers_total: 0 }]);
  });
});
