import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { readChunkBars, type ChunkBars } from '../../src/data/readChunkBars';
import { isoToDay } from '../../src/data/queryable';

let db: TestDatabase;
let client: PoolClient;
beforeAll(async () => {
  db = await createTestDatabase();
  client = await db.pool.connect();
  // volume as bigint, as many users' tables have it: the server casts to float8.
  await db.pool.query('ALTER TABLE daily_market_data ALTER COLUMN volume TYPE bigint');
  await db.pool.query(`INSERT INTO tickers (symbol) VALUES ('A'), ('B b''"\\'), ('C'), ('É')`);
  // A: 3 bars, one outside the run's index (2024-01-04) and one with a NULL high. 'B b''"\': 2 bars.
  // C: none in the range (one before it). É: one bar.
  await db.pool.query(`INSERT INTO daily_market_data (ticker, date, open, high, low, close, volume) VALUES
    ('A', '2024-01-02', 10.5, 11.25, 9.75, 10, 1000),
    ('A', '2024-01-04', 99, 99, 99, 99, 99),
    ('A', '2024-01-05', 10, NULL, 9, 9.5, 0),
    ('B b''"\\', '2024-01-05', 20, 21, 19, 20.5, 7),
    ('B b''"\\', '2024-01-08', 21, 22, 20, 21.5, 9007199254740993),
    ('C', '2023-12-29', 5, 5, 5, 5, 5),
    ('É', '2024-01-08', 1.0000000000000002, 2, 0.5, 1.5, 3)`);
});
afterAll(async () => {
  client?.release();
  await db?.drop();
});

const index = Int32Array.from(['2024-01-02', '2024-01-05', '2024-01-08'], isoToDay);
const symbols = ['A', 'B b\'"\\', 'C', 'É'];
const cells = (bars: ChunkBars, field: 'open' | 'high' | 'low' | 'close' | 'volume') => Array.from(bars.data[field]);

describe.each(['agg', 'rows'] as const)('readChunkBars(client, symbols, index, %s)', (mode) => {
  it(`readChunkBars(..., '${mode}') puts each bar on its column and row, NaN where there is none`, async () => {
    const bars = await readChunkBars(client, symbols, index, mode);
    expect([bars.data.nRows, bars.data.nCols]).toEqual([3, 4]);
    expect(cells(bars, 'open')).toEqual([10.5, 10, NaN, NaN, 20, 21, NaN, NaN, NaN, NaN, NaN, 1.0000000000000002]);
    expect(cells(bars, 'high')).toEqual([11.25, NaN, NaN, NaN, 21, 22, NaN, NaN, NaN, NaN, NaN, 2]);
    expect(cells(bars, 'low')).toEqual([9.75, 9, NaN, NaN, 19, 20, NaN, NaN, NaN, NaN, NaN, 0.5]);
    expect(cells(bars, 'close')).toEqual([10, 9.5, NaN, NaN, 20.5, 21.5, NaN, NaN, NaN, NaN, NaN, 1.5]);
    // bigint 2^53 + 1 arrives as the nearest float8, as the server casts it.
    expect(cells(bars, 'volume')).toEqual([1000, 0, NaN, NaN, 7, 9007199254740992, NaN, NaN, NaN, NaN, NaN, 3]);
  });

  it(`readChunkBars(..., '${mode}') counts bars on the index only (the 2024-01-04 bar is ignored)`, async () => {
    const bars = await readChunkBars(client, symbols, index, mode);
    expect(Array.from(bars.barsPerCol)).toEqual([2, 2, 0, 1]);
    expect(bars.bars).toBe(5);
  });

  it(`readChunkBars(..., '${mode}') of one ticker on a one-day index`, async () => {
    const bars = await readChunkBars(client, ['É'], Int32Array.of(isoToDay('2024-01-08')), mode);
    expect([cells(bars, 'open'), cells(bars, 'close'), Array.from(bars.barsPerCol)]).toEqual([[1.0000000000000002], [1.5], [1]]);
  });

  it(`readChunkBars(..., '${mode}') of tickers without bars in the range is all NaN`, async () => {
    const bars = await readChunkBars(client, ['C', 'nobody'], index, mode);
    expect([cells(bars, 'close'), Array.from(bars.barsPerCol), bars.bars]).toEqual([[NaN, NaN, NaN, NaN, NaN, NaN], [0, 0], 0]);
  });
});

it('readChunkBars(client, [], index) and (client, symbols, empty index) read nothing', async () => {
  const none = await readChunkBars(client, [], index);
  const empty = await readChunkBars(client, symbols, new Int32Array(0));
  expect([none.data.nCols, none.bars, empty.data.nRows, empty.bars]).toEqual([0, 0, 0, 0]);
});

it("readChunkBars(client, symbols, index) on a char(12) or varchar ticker column (the user's own types)", async () => {
  const before = await readChunkBars(client, symbols, index);
  for (const type of ['varchar(40)', 'char(12)']) {
    await db.pool.query(`ALTER TABLE daily_market_data ALTER COLUMN ticker TYPE ${type}`);
    const bars = await readChunkBars(client, symbols, index);
    expect([type, Array.from(bars.data.close), Array.from(bars.barsPerCol)]).toEqual([type, Array.from(before.data.close), [2, 2, 0, 1]]);
  }
});
