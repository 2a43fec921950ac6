/**
 * `vecbt db load <ohlcv.csv>`: stream a long-format CSV into `daily_market_data`, upserting on (ticker, date),
 * creating missing tickers as active. One transaction for the whole file: a bad line anywhere (a UserError from
 * the CSV reader naming file:line) leaves the tables untouched. Memory stays bounded whatever the file size.
 *
 * The file is parsed as it streams (every line validated) and sent as binary COPY: the server parses no text and
 * the client formats none. Two paths, in one transaction:
 * 1. Direct (when the table's columns are ours: text, date, five double precision): COPY straight into
 *    daily_market_data, as psql's \copy does, under a savepoint. This is the whole load when the file's rows are
 *    new to the table and distinct, the usual case for a first or a daily load.
 * 2. Upsert (the direct COPY hit a row already in the table, or the file repeats a (ticker, date); or the table
 *    has other column types): back to the savepoint, the file is read again into a temporary stage with each
 *    row's line number, then one `INSERT ... SELECT ... ON CONFLICT DO UPDATE`. PostgreSQL refuses to update one
 *    row twice in one statement, so a repeated (ticker, date), however far apart, fails it; only then is the
 *    stage grouped to name the two lines (the happy path never sorts or groups the file).
 * A load that adds at least a quarter of the table rebuilds our date index once instead of updating it row by
 * row (`deferDateIndex`).
 */
import type { Pool } from 'pg';
import { stat } from 'node:fs/promises';
import { UserError } from '../errors';
import { copyIn } from './copy';
import { csvFileChunks } from './csvFileChunks';
import { csvRecords } from './csvRecords';
import type { OnDataProgress } from './dataProgress';
import { deferDateIndex } from './deferDateIndex';
import { isPlainMarketData } from './isPlainMarketData';
import { COPY_HEADER, COPY_TRAILER, encodeStageCopy, stageCache } from './encodeStageCopy';

const STAGE_COLUMNS = 'line, ticker, date, open, high, low, close, volume';

const STAGE = `CREATE TEMP TABLE vecbt_load_stage (line int4, ticker text, date date, open float8, high float8,
  low float8, close float8, volume float8) ON COMMIT DROP`;

const COPY_STAGE = `COPY vecbt_load_stage (${STAGE_COLUMNS}) FROM STDIN (FORMAT binary)`;

const COPY_DIRECT = `COPY daily_market_data (ticker, date, open, high, low, close, volume) FROM STDIN (FORMAT binary)`;

const FIRST_DUPLICATE = `SELECT ticker, to_char(date, 'YYYY-MM-DD') AS date, min(line) AS first, max(line) AS second, count(*)::int AS n
  FROM vecbt_load_stage GROUP BY ticker, date HAVING count(*) > 1 ORDER BY min(line) LIMIT 1`;

const NEW_TICKERS = `INSERT INTO tickers (symbol) SELECT unnest($1::text[]) ON CONFLICT (symbol) DO NOTHING`;

/** when the file has too many distinct tickers to list on the client (more than DISTINCT_LIMIT) */
const NEW_TICKERS_FROM_STAGE = `INSERT INTO tickers (symbol) SELECT DISTINCT ticker FROM vecbt_load_stage ON CONFLICT (symbol) DO NOTHING`;
const COUNT_TICKERS_IN_STAGE = `SELECT count(DISTINCT ticker)::int AS n FROM vecbt_load_stage`;

const UPSERT = `INSERT INTO daily_market_data (ticker, date, open, high, low, close, volume)
  SELECT ticker, date, open, high, low, close, volume FROM vecbt_load_stage
  ON CONFLICT (ticker, date) DO UPDATE SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low,
    close = EXCLUDED.close, volume = EXCLUDED.volume`;

/** A guess of the rows in a file of `bytes`, for the index decision before the file is read (rows are ~45-75 bytes). */
const BYTES_PER_ROW_GUESS = 60;

/** Distinct tickers kept on the client for the tickers insert; past this the server lists them from the stage. */
const DISTINCT_LIMIT = 200_000;

export interface LoadSummary {
  rows: number;
  tickers: number;
  newTickers: number;
}

export interface LoadOptions {
  /** progress events (`step: 'load'`, input in bytes of the file) */
  onProgress?: OnDataProgress;
}

/** What one pass over the file sent. */
interface Sent {
  rows: number;
  /** the distinct tickers, or null when there were more than DISTINCT_LIMIT */
  names: Set<string> | null;
}

/**
 * loadOhlcvCsv(pool, path, { onProgress }): load the file, all or nothing; returns what was loaded.
 * @example const { rows, tickers, newTickers } = await loadOhlcvCsv(pool, 'prices.csv')
 */
export async function loadOhlcvCsv(pool: Pool, path: string, opts: LoadOptions = {}): Promise<LoadSummary> {
  const t0 = performance.now();
  const ms = () => performance.now() - t0;
  const emit = opts.onProgress ?? (() => undefined);
  const total = await stat(path).then(
    (s) => s.size,
    () => 0, // the reader names a missing or unreadable file
  );
  const client = await pool.connect();

  /** one pass: parse the file and COPY it with `sql` (with the line column for the stage) */
  async function send(sql: string, withLine: boolean): Promise<Sent> {
    let rows = 0;
    let bytes = 0;
    let names: Set<string> | null = new Set<string>();
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const c of csvFileChunks(path)) {
        bytes += c.length;
        yield c;
      }
    }
    await copyIn(client, sql, async function* () {
      const cache = stageCache();
      let seen: readonly string[] | null = null;
      let listed = 0;
      yield COPY_HEADER;
      for await (const r of csvRecords(counted(), { source: path, bounded: true })) {
        if (r.tickers !== seen) {
          seen = r.tickers;
          listed = 0;
        }
        for (; names !== null && listed < r.tickers.length; listed++) {
          names.add(r.tickers[listed]);
          if (names.size > DISTINCT_LIMIT) names = null;
        }
        yield encodeStageCopy(r, cache, withLine);
        rows += r.length;
        // bytes counts the chunk read ahead of the rows parsed: 100% only once every row is in
        emit({ type: 'step:progress', step: 'load', unit: 'bytes', done: Math.min(bytes, total - 1), total, rows, elapsedMs: ms() });
      }
      yield COPY_TRAILER;
      emit({ type: 'step:progress', step: 'load', unit: 'bytes', done: Math.max(total, bytes), total: Math.max(total, bytes), rows, elapsedMs: ms() });
    });
    return { rows, names };
  }

  try {
    await client.query('BEGIN');
    const direct = await isPlainMarketData(client);
    const rebuild = await deferDateIndex(client, Math.floor(total / BYTES_PER_ROW_GUESS));
    let sent: Sent | null = null;
    let newTickers = 0;
    let tickers = 0;
    if (direct) {
      await client.query('SAVEPOINT vecbt_direct');
      try {
        sent = await send(COPY_DIRECT, false);
      } catch (err) {
        // class 23, integrity: a row already in the table (or repeated in the file), a foreign key to tickers
        if (!String((err as { code?: string }).code ?? '').startsWith('23')) throw err;
        await client.query('ROLLBACK TO SAVEPOINT vecbt_direct');
      }
      if (sent && sent.names === null) {
        // more distinct tickers than the client lists (a hostile file): the stage path counts them on the server
        await client.query('ROLLBACK TO SAVEPOINT vecbt_direct');
        sent = null;
      }
      if (sent && sent.names) {
        tickers = sent.names.size;
        newTickers = (await client.query(NEW_TICKERS, [[...sent.names]])).rowCount ?? 0;
      }
    }
    if (sent === null) {
      emit({ type: 'step:phase', step: 'load', phase: 'restage', rows: 0, elapsedMs: ms() });
      await client.query(STAGE);
      sent = await send(COPY_STAGE, true);
      emit({ type: 'step:phase', step: 'load', phase: 'upsert', rows: sent.rows, elapsedMs: ms() });
      if (sent.names) {
        tickers = sent.names.size;
        newTickers = (await client.query(NEW_TICKERS, [[...sent.names]])).rowCount ?? 0;
      } else {
        newTickers = (await client.query(NEW_TICKERS_FROM_STAGE)).rowCount ?? 0;
        tickers = (await client.query<{ n: number }>(COUNT_TICKERS_IN_STAGE)).rows[0].n;
      }
      await client.query('SAVEPOINT vecbt_upsert');
      try {
        await client.query(UPSERT);
      } catch (err) {
        // 21000: "ON CONFLICT DO UPDATE command cannot affect row a second time": the file repeats a (ticker, date)
        if ((err as { code?: string }).code !== '21000') throw err;
        await client.query('ROLLBACK TO SAVEPOINT vecbt_upsert');
        const dup = await client.query<{ ticker: string; date: string; first: number; second: number; n: number }>(FIRST_DUPLICATE);
        if (dup.rows.length === 0) throw err;
        const d = dup.rows[0];
        const more = d.n > 2 ? ` (${d.n} rows in all)` : '';
        throw new UserError(`duplicate row for ticker ${d.ticker} on ${d.date} (${path}:${d.first} and ${path}:${d.second})${more}; keep one row per ticker and date`);
      }
    }
    const rows = sent.rows;
    if (rebuild) {
      emit({ type: 'step:phase', step: 'load', phase: 'index', rows, elapsedMs: ms() });
      await rebuild();
    }
    await client.query('COMMIT');
    // Fresh statistics for the batch's query plans (sampled: cheap even on a large table).
    await client.query('ANALYZE daily_market_data').catch(() => undefined);
    await client.query('ANALYZE tickers').catch(() => undefined);
    emit({ type: 'step:done', step: 'load', rows, tickers, newTickers, elapsedMs: ms() });
    return { rows, tickers, newTickers };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
