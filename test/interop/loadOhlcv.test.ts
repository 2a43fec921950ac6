import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOhlcv } from '../../src/interop';
import { loadOhlcvCsv } from '../../src/data/loadOhlcvCsv';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const NVDA = 'data-fixtures/real/nvda_backtrader.csv';
const U01 = 'data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv';

describe('loadOhlcv from CSV', () => {
  it('loadOhlcv({ csv, tickers, databaseUrl: null }) keeps only those tickers and names the file as source', async () => {
    const px = await loadOhlcv({ csv: U01, tickers: ['S11003', 'S11001'], databaseUrl: null });
    expect(px.columns).toEqual(['S11001', 'S11003']);
    expect(px.index.length).toBe(300);
    expect(px.data.nCols).toBe(2);
    expect(px.source).toBe(U01);
  });
  it('loadOhlcv({}) without DATABASE_URL or csv says what is missing', async () => {
    await expect(loadOhlcv({ databaseUrl: null })).rejects.toThrow('loadOhlcv: no DATABASE_URL and no csv file given');
  });
});

describe('loadOhlcv from PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadOhlcvCsv(db.pool, NVDA);
  });
  afterAll(() => db?.drop());

  it('loadOhlcv({ databaseUrl, tickers }) reads daily_market_data into the same matrices as the CSV', async () => {
    const fromDb = await loadOhlcv({ databaseUrl: db.url, tickers: ['NVDA'] });
    const fromCsv = await loadOhlcv({ csv: NVDA, databaseUrl: null });
    expect(fromDb.index).toEqual(fromCsv.index);
    expect(fromDb.columns).toEqual(['NVDA']);
    expect(fromDb.data).toEqual(fromCsv.data);
    expect(fromDb.source).toBe(db.url);
  });
  it('loadOhlcv for a ticker the table lacks fails naming it', async () => {
    await expect(loadOhlcv({ databaseUrl: db.url, tickers: ['NOPE'] })).rejects.toThrow(`loadOhlcv: no rows for NOPE in daily_market_data at ${db.url}`);
  });
});
