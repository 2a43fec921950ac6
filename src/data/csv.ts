/**
 * OHLCV CSV loading as rows, long format: one row per (ticker, date) with header
 * `ticker,date,open,high,low,close,volume` (columns found by name, any order, case and surrounding spaces ignored).
 *
 * Streaming: `readOhlcvCsvBatches` reads the file in chunks and yields batches of at most `batchSize` parsed rows
 * (struct-of-arrays), so a loader can COPY a 1 GB file with bounded memory. `readOhlcvCsv` concatenates all batches
 * for small files; an in-memory reader that wants the union-index matrix uses `readOhlcvMatrix`, which never makes
 * these rows. Parsing and every message (file:line, column, value, fix) are `csvRecords`'.
 * Values must be finite decimal numbers; a missing bar is a missing row (no `nan`, no empty cells), unless the
 * caller asks for pandas semantics with `missing: 'nan'`: then an empty field or one of pandas' default NA strings
 * (`nan`, `NaN`, `NA`, `NULL`, `#N/A`, ...) is NaN.
 */
import { csvFileChunks } from './csvFileChunks';
import { csvRecords, OHLCV_COLUMNS, OHLCV_NUMERIC, PANDAS_NA_VALUES, type CsvReadOptions } from './csvRecords';

export { OHLCV_COLUMNS, PANDAS_NA_VALUES };
export type { CsvReadOptions };
const NUMERIC = OHLCV_NUMERIC;

/** Parsed long-format rows, struct-of-arrays, in file order. */
export interface OhlcvRows {
  length: number;
  ticker: string[];
  /** `YYYY-MM-DD`, validated */
  date: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** 1-based source line of each row (for later error messages such as duplicates) */
  line: Int32Array;
}

/** One batch of a streamed read; the arrays are owned by the consumer (never reused). */
export type OhlcvBatch = OhlcvRows;

function emptyRows(capacity: number): OhlcvRows {
  return {
    length: 0,
    ticker: [],
    date: [],
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
    line: new Int32Array(capacity),
  };
}

function trimmed(b: OhlcvRows): OhlcvRows {
  const n = b.length;
  if (n === b.line.length) return b;
  return {
    length: n,
    ticker: b.ticker,
    date: b.date,
    open: b.open.slice(0, n),
    high: b.high.slice(0, n),
    low: b.low.slice(0, n),
    close: b.close.slice(0, n),
    volume: b.volume.slice(0, n),
    line: b.line.slice(0, n),
  };
}

/**
 * parseOhlcvCsv(chunks, options): parse a CSV text or byte stream into batches of rows (see `csvRecords` for the
 * parsing rules and messages).
 * @example for await (const batch of parseOhlcvCsv(Readable.from([text]), { source: 'x.csv' })) copy(batch)
 */
export async function* parseOhlcvCsv(chunks: AsyncIterable<string | Uint8Array>, options: CsvReadOptions = {}): AsyncGenerator<OhlcvBatch> {
  const batchSize = options.batchSize ?? 65536;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  let batch = emptyRows(batchSize);
  for await (const r of csvRecords(chunks, { ...options, bounded: true })) {
    const { tickers, dates } = r;
    for (let i = 0; i < r.length; ) {
      const k = batch.length;
      const n = Math.min(r.length - i, batchSize - k);
      for (const c of NUMERIC) batch[c].set(r[c].subarray(i, i + n), k);
      batch.line.set(r.line.subarray(i, i + n), k);
      for (let j = i; j < i + n; j++) {
        batch.ticker.push(tickers[r.ticker[j]]);
        batch.date.push(dates[r.date[j]]);
      }
      batch.length = k + n;
      i += n;
      if (batch.length === batchSize) {
        yield batch;
        batch = emptyRows(batchSize);
      }
    }
  }
  if (batch.length > 0) yield trimmed(batch);
}

/**
 * readOhlcvCsvBatches(path, options): stream a CSV file as batches of parsed rows (bounded memory).
 * @example for await (const b of readOhlcvCsvBatches('prices.csv', { batchSize: 50_000 })) await copyInto(db, b)
 */
export async function* readOhlcvCsvBatches(path: string, options: CsvReadOptions = {}): AsyncGenerator<OhlcvBatch> {
  yield* parseOhlcvCsv(csvFileChunks(path), { ...options, source: options.source ?? path });
}

/** concatRows(batches): one OhlcvRows holding all rows of the batches, in order. */
export function concatRows(batches: readonly OhlcvRows[]): OhlcvRows {
  const n = batches.reduce((s, b) => s + b.length, 0);
  const out = emptyRows(n);
  let k = 0;
  for (const b of batches) {
    for (const c of NUMERIC) out[c].set(b[c].subarray(0, b.length), k);
    out.line.set(b.line.subarray(0, b.length), k);
    for (let i = 0; i < b.length; i++) {
      out.ticker.push(b.ticker[i]);
      out.date.push(b.date[i]);
    }
    k += b.length;
  }
  out.length = n;
  return out;
}

/**
 * readOhlcvCsv(path): the whole file as one OhlcvRows (for small files; use readOhlcvCsvBatches for big ones).
 * @example const rows = await readOhlcvCsv('data-fixtures/golden/r02_goog_2004_2013.ohlcv.csv')
 */
export async function readOhlcvCsv(path: string, options: CsvReadOptions = {}): Promise<OhlcvRows> {
  const batches: OhlcvRows[] = [];
  for await (const b of readOhlcvCsvBatches(path, options)) batches.push(b);
  return batches.length === 1 ? batches[0] : concatRows(batches);
}
