/**
 * Bad bars through the real batch runner on a real PostgreSQL: every ticker gets exactly one vecbt_results
 * row, bad tickers are skipped with a reason naming the first offending date and the fix, odd-but-usable
 * tickers are simulated with a warning in `reason`, and every simulated ticker's numbers and trades equal
 * the in-memory engine's on the same data.
 *
 * Needs the runner to hand the chunk's bars to chunkRows (its optional last argument `data`); without it
 * no bar is validated and the first two tests fail on the bad tickers.
 *
 * Only the fields a run reads are validated: rvol_atr with close-only stops does not read the open, so a NaN
 * open changes none of its numbers and NAN_OPEN is simulated; with `stop_prices: ohlc` the open is read and
 * NAN_OPEN is skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';
import { pivotOhlcv } from '../../src/data/pivot';
import { BatchRunner, STAT_COLUMN, type ChunkDoneEvent } from '../../src/batch';
import { runStrategy } from '../../src/strategy';
import { strategies } from '../../src/strategies';
import { STAT_NAMES } from '../../src/portfolio/metrics';

let db: TestDatabase;
const END = '2024-06-28';
let d: string[] = []; // the business days of the universe
const FIX = (t: string) => `; fix or delete those rows of ${t} in daily_market_data, or set tickers.active = false for ${t}`;
const num = (x: number) => String(Number(x.toPrecision(4)));
let splitFrom = 0;
let splitTo = 0;

/** Copies S00001's bars to a new active ticker, then applies `sql` (with $1 = the ticker, $2.. = params). */
async function variant(ticker: string, sql?: string, params: unknown[] = []) {
  await db.pool.query('INSERT INTO tickers (symbol) VALUES ($1)', [ticker]);
  await db.pool.query(`INSERT INTO daily_market_data SELECT $1, date, open, high, low, close, volume FROM daily_market_data WHERE ticker = 'S00001'`, [ticker]);
  if (sql) await db.pool.query(sql, [ticker, ...params]);
}

beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 6, days: 160, seed: 5, end: END });
  d = (await db.pool.query(`SELECT to_char(date, 'YYYY-MM-DD') AS d FROM daily_market_data WHERE ticker = 'S00001' ORDER BY date`)).rows.map((r) => r.d);
  const set = (assign: string) => `UPDATE daily_market_data SET ${assign} WHERE ticker = $1 AND date = $2`;
  await variant('ZERO_CLOSE', `UPDATE daily_market_data SET close = CASE WHEN date = $2 THEN 0 ELSE -1 END WHERE ticker = $1 AND date IN ($2, $3)`, [d[40], d[90]]);
  await variant('NAN_OPEN', set(`open = 'NaN'`), [d[70]]);
  await variant('NULL_LOW', set('low = NULL'), [d[71]]);
  await variant('HIGH_LT_LOW', set('high = low * 0.9'), [d[100]]);
  await variant('CLOSE_OUTSIDE', set('close = high * 1.01'), [d[30]]);
  await variant('NEG_VOLUME', set('volume = -100'), [d[150]]);
  await variant('ZERO_VOLUME', `UPDATE daily_market_data SET volume = 0 WHERE ticker = $1 AND date BETWEEN $2 AND $3`, [d[50], d[60]]);
  await variant('STOPS_EARLY', `DELETE FROM daily_market_data WHERE ticker = $1 AND date > $2`, [d[120]]);
  await variant('SPLIT_X20', `UPDATE daily_market_data SET open = open * 20, high = high * 20, low = low * 20, close = close * 20 WHERE ticker = $1 AND date < $2`, [d[80]]);
  const c = await db.pool.query(`SELECT close FROM daily_market_data WHERE ticker = 'SPLIT_X20' AND date IN ($1, $2) ORDER BY date`, [d[79], d[80]]);
  [splitFrom, splitTo] = c.rows.map((r) => r.close);
  await variant('SHORT', `DELETE FROM daily_market_data WHERE ticker = $1 AND date < $2`, [d[150]]);
});
afterAll(() => db?.drop());

const EXPECTED: Record<string, { status: 'ok' | 'skipped'; reason: () => string | null }> = {
  ZERO_CLOSE: { status: 'skipped', reason: () => `close <= 0 on ${d[40]} (and 1 more bar with a price missing or <= 0)` + FIX('ZERO_CLOSE') },
  NAN_OPEN: { status: 'ok', reason: () => null },
  NULL_LOW: { status: 'skipped', reason: () => `low is missing (NULL or NaN) on ${d[71]}` + FIX('NULL_LOW') },
  HIGH_LT_LOW: { status: 'skipped', reason: () => `high < low on ${d[100]}` + FIX('HIGH_LT_LOW') },
  CLOSE_OUTSIDE: { status: 'skipped', reason: () => `close outside [low, high] on ${d[30]}` + FIX('CLOSE_OUTSIDE') },
  NEG_VOLUME: { status: 'skipped', reason: () => `volume < 0 on ${d[150]}` + FIX('NEG_VOLUME') },
  SHORT: { status: 'skipped', reason: () => `10 bars between ${d[0]} and ${d[159]}, fewer than the 21-bar indicator warm-up` },
  ZERO_VOLUME: { status: 'ok', reason: () => null },
  STOPS_EARLY: {
    status: 'ok',
    reason: () => `data stops on ${d[120]}, 39 dates before the run's last date ${d[159]}: simulated as is, an open position valued at the last close`,
  },
  SPLIT_X20: {
    status: 'ok',
    reason: () => `close jumps x${num(splitTo / splitFrom)} (${num(splitFrom)} -> ${num(splitTo)}) on ${d[80]}: an unadjusted split? load split-adjusted prices`,
  },
};

describe('BatchRunner on a universe with bad bars', () => {
  let runId = 0;
  const skippedEvents: { ticker: string; reason: string }[] = [];

  it('runs to done; chunk:done lists only the skipped tickers', async () => {
    const r = new BatchRunner({ pool: db.pool, target: 'test', from: d[0], to: END, chunkSize: 4, retryBaseMs: 20, memorySampleMs: 50 });
    r.on('chunk:done', (e: ChunkDoneEvent) => skippedEvents.push(...e.skipped));
    const done = await r.start();
    runId = done.runId;
    expect(done.status).toBe('done');
    expect(
      skippedEvents.map((s) => s.ticker).sort(),
      'bad-bar tickers skipped: needs the chunk bars passed on, chunkRows(symbols, run.dateIndex, bars.barsPerCol, result, range, bars.data), in BatchRunner and processChunk',
    ).toEqual(['CLOSE_OUTSIDE', 'HIGH_LT_LOW', 'NEG_VOLUME', 'NULL_LOW', 'SHORT', 'ZERO_CLOSE']);
    for (const s of skippedEvents) expect(s.reason, s.ticker).toBe(EXPECTED[s.ticker].reason());
  });

  it('every ticker has exactly one vecbt_results row with the expected status and reason', async () => {
    const { rows } = await db.pool.query(
      `SELECT ticker, status, reason, count(*) OVER (PARTITION BY ticker)::int AS n, total_return_pct FROM vecbt_results WHERE run_id = $1 ORDER BY ticker COLLATE "C"`,
      [runId],
    );
    expect(rows.length).toBe(6 + Object.keys(EXPECTED).length);
    for (const row of rows) {
      expect(row.n, `${row.ticker}: one row`).toBe(1);
      const want = EXPECTED[row.ticker] ?? { status: 'ok', reason: () => null };
      expect({ status: row.status, reason: row.reason }, row.ticker).toEqual({ status: want.status, reason: want.reason() });
      if (row.status === 'skipped') expect(row.total_return_pct, `${row.ticker}: no stats when skipped`).toBeNull();
    }
    const trades = await db.pool.query(`SELECT DISTINCT ticker FROM vecbt_trades WHERE run_id = $1 AND ticker = ANY($2)`, [runId, skippedEvents.map((s) => s.ticker)]);
    expect(trades.rows, 'no trades of a skipped ticker').toEqual([]);
  });

  it("the simulated tickers' stats and trades equal the in-memory engine's on the same data", async () => {
    const { rows } = await db.pool.query(
      `SELECT ticker, to_char(date, 'YYYY-MM-DD') AS date, open, high, low, close, volume FROM daily_market_data WHERE ticker IN (SELECT symbol FROM tickers WHERE active)`,
    );
    const n = rows.length;
    const col = (k: string) => Float64Array.from(rows, (r) => (r[k] === null ? NaN : r[k]));
    const { index, columns, data } = pivotOhlcv({ length: n, ticker: rows.map((r) => r.ticker), date: rows.map((r) => r.date), open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume'), line: new Int32Array(n) });
    const ref = runStrategy(data, strategies.rvol_atr);
    const stored = new Map((await db.pool.query(`SELECT * FROM vecbt_results WHERE run_id = $1`, [runId])).rows.map((r) => [r.ticker, r]));
    const iso = (x: Date | null) => (x ? x.toISOString().slice(0, 10) : x);
    const okCols = new Set<number>();
    for (let c = 0; c < columns.length; c++) {
      const row = stored.get(columns[c]);
      if (row.status !== 'ok') continue;
      okCols.add(c);
      for (let m = 0; m < STAT_NAMES.length; m++) {
        const v = ref.stats.values[m * columns.length + c];
        const got = m <= 1 ? iso(row[STAT_COLUMN[STAT_NAMES[m]]]) : row[STAT_COLUMN[STAT_NAMES[m]]];
        expect(got, `${columns[c]} ${STAT_NAMES[m]}`).toEqual(m <= 1 ? index[v] : Number.isNaN(v) ? null : v);
      }
    }
    expect([...okCols].map((c) => columns[c]).sort()).toEqual(['NAN_OPEN', 'S00001', 'S00002', 'S00003', 'S00004', 'S00005', 'S00006', 'SPLIT_X20', 'STOPS_EARLY', 'ZERO_VOLUME']);
    const t = ref.sim.trades;
    const want: string[] = [];
    for (let i = 0; i < t.length; i++) if (okCols.has(t.col[i])) want.push(`${columns[t.col[i]]} ${index[t.entryIdx[i]]} ${t.entryPrice[i]} ${Number.isNaN(t.pnl[i]) ? null : t.pnl[i]}`);
    const got = (await db.pool.query(`SELECT ticker, to_char(entry_date, 'YYYY-MM-DD') AS e, entry_price, pnl FROM vecbt_trades WHERE run_id = $1`, [runId])).rows.map((r) => `${r.ticker} ${r.e} ${r.entry_price} ${r.pnl}`);
    expect(got.sort()).toEqual(want.sort());
    expect(want.length, 'the fixture trades').toBeGreaterThan(5);
  });

  it("with stop_prices: ohlc the run reads the open too, and NAN_OPEN is skipped naming its first bad date", async () => {
    const r = new BatchRunner({ pool: db.pool, target: 'test', from: d[0], to: END, chunkSize: 20, settings: { stop_prices: 'ohlc' } });
    const skipped: { ticker: string; reason: string }[] = [];
    r.on('chunk:done', (e: ChunkDoneEvent) => skipped.push(...e.skipped));
    expect((await r.start()).status).toBe('done');
    expect(skipped.find((s) => s.ticker === 'NAN_OPEN')?.reason).toBe(`open is missing (NULL or NaN) on ${d[70]}` + FIX('NAN_OPEN'));
  });
});
