/**
 * `vecbt db load`'s rows in PostgreSQL's binary COPY format, written straight from a chunk of parsed CSV records
 * (`csvRecords`): `([line int4,] ticker text, date date, open, high, low, close, volume float8)`, the columns of
 * loadOhlcvCsv's stage (with the line) or of daily_market_data itself (without). Binary because both ends already hold the values as int32 and IEEE doubles:
 * text would format 5 floats a row in JS and parse them back on the server; the old `unnest($1::float8[], ...)`
 * parameters did the same through array literals. Each ticker's UTF-8 bytes and each date's day number are
 * made once per dictionary entry.
 *
 * Format: "PGCOPY\n\377\r\n\0", int32 flags 0, int32 header extension 0; per row int16 field count and per field
 * int32 byte length then the big-endian bytes; int16 -1 at the end (`COPY_TRAILER`).
 */
import type { OhlcvRecords } from './csvRecords';
import { isoToDay } from './queryable';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** the start of a binary COPY stream */
export const COPY_HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
/** the end of a binary COPY stream */
export const COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** The per-dictionary caches of one load (reset when the reader replaces its dictionaries). */
export interface StageCache {
  tickers: readonly string[] | null;
  dates: readonly string[] | null;
  tickerBytes: Buffer[];
  days: number[];
}

export function stageCache(): StageCache {
  return { tickers: null, dates: null, tickerBytes: [], days: [] };
}

/**
 * encodeStageCopy(records, cache, withLine): the COPY bytes of the records' rows, each with its source line first
 * when `withLine`. The stream's header and trailer are the caller's (COPY_HEADER once before the first chunk,
 * COPY_TRAILER once after the last).
 * @example yield COPY_HEADER; for await (const r of records) yield encodeStageCopy(r, cache, true); yield COPY_TRAILER
 */
export function encodeStageCopy(r: OhlcvRecords, cache: StageCache, withLine: boolean): Buffer {
  if (cache.tickers !== r.tickers) {
    cache.tickers = r.tickers;
    cache.tickerBytes = [];
  }
  if (cache.dates !== r.dates) {
    cache.dates = r.dates;
    cache.days = [];
  }
  const { tickerBytes, days } = cache;
  for (let i = tickerBytes.length; i < r.tickers.length; i++) tickerBytes.push(Buffer.from(r.tickers[i], 'utf8'));
  for (let i = days.length; i < r.dates.length; i++) days.push(isoToDay(r.dates[i]));
  const n = r.length;
  // per row: field count 2, [line 4+4,] ticker 4+len, date 4+4, five float8 5 * (4+8)
  const fixed = 2 + (withLine ? 8 : 0) + 4 + 8 + 60;
  let size = 0;
  for (let i = 0; i < n; i++) size += fixed + tickerBytes[r.ticker[i]].length;
  const buf = Buffer.allocUnsafe(size);
  let o = 0;
  const { line, ticker, date, open, high, low, close, volume } = r;
  for (let i = 0; i < n; i++) {
    if (withLine) {
      o = buf.writeInt16BE(8, o);
      o = buf.writeInt32BE(4, o);
      o = buf.writeInt32BE(line[i], o);
    } else o = buf.writeInt16BE(7, o);
    const t = tickerBytes[ticker[i]];
    o = buf.writeInt32BE(t.length, o);
    o += t.copy(buf, o);
    o = buf.writeInt32BE(4, o);
    o = buf.writeInt32BE(days[date[i]], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(open[i], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(high[i], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(low[i], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(close[i], o);
    o = buf.writeInt32BE(8, o);
    o = buf.writeDoubleBE(volume[i], o);
  }
  return buf;
}
