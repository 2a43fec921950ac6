/**
 * OHLCV CSV loading, long format: one row per (ticker, date) with header
 * `ticker,date,open,high,low,close,volume` (columns found by name, any order, case and surrounding spaces ignored).
 *
 * Streaming: `readOhlcvCsvBatches` reads the file in chunks and yields batches of at most `batchSize` parsed rows
 * (struct-of-arrays), so a loader can COPY a 1 GB file with bounded memory. `readOhlcvCsv` concatenates all batches
 * for small files. Every problem is a `UserError` naming file:line (header = line 1), column, value and the fix.
 * Values must be finite decimal numbers; a missing bar is a missing row (no `nan`, no empty cells).
 */
import { createReadStream } from 'node:fs';
import { UserError } from '../errors';
import { csvRecords } from './csvRecords';
import { isIsoDate, parseDecimal } from './csvValues';

export const OHLCV_COLUMNS = ['ticker', 'date', 'open', 'high', 'low', 'close', 'volume'] as const;
const NUMERIC = ['open', 'high', 'low', 'close', 'volume'] as const;
type NumericColumn = (typeof NUMERIC)[number];

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

export interface CsvReadOptions {
  /** rows per batch (default 65536) */
  batchSize?: number;
  /** how the input is named in messages (default: the path, or `<input>`) */
  source?: string;
}

const HEADER_HINT = `expected the header ${OHLCV_COLUMNS.join(',')} (any order)`;

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

function show(value: string): string {
  return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '...' : value);
}

/** headerPositions(fields): field index of each OHLCV column, or a UserError for missing/extra/duplicate names. */
function headerPositions(fields: string[], where: string): Record<(typeof OHLCV_COLUMNS)[number], number> {
  const pos: Record<string, number> = {};
  fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === '') throw new UserError(`${where}: header column ${i + 1} is empty; ${HEADER_HINT}`);
    if (!(OHLCV_COLUMNS as readonly string[]).includes(name)) {
      throw new UserError(`${where}: unknown column ${show(raw)} in the header; ${HEADER_HINT}, rename or remove it`);
    }
    if (name in pos) throw new UserError(`${where}: column ${show(name)} appears twice in the header; ${HEADER_HINT}`);
    pos[name] = i;
  });
  const missing = OHLCV_COLUMNS.filter((c) => !(c in pos));
  if (missing.length > 0) {
    throw new UserError(`${where}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(',')} in the header; ${HEADER_HINT}`);
  }
  return pos as Record<(typeof OHLCV_COLUMNS)[number], number>;
}

/**
 * parseOhlcvCsv(chunks, options): parse a CSV text stream into batches of rows.
 * @example for await (const batch of parseOhlcvCsv(Readable.from([text]), { source: 'x.csv' })) copy(batch)
 */
export async function* parseOhlcvCsv(chunks: AsyncIterable<string | Uint8Array>, options: CsvReadOptions = {}): AsyncGenerator<OhlcvBatch> {
  const source = options.source ?? '<input>';
  const batchSize = options.batchSize ?? 65536;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be an integer >= 1, got ${batchSize}`);
  let pos: Record<(typeof OHLCV_COLUMNS)[number], number> | null = null;
  let batch = emptyRows(batchSize);
  // interned copies: batch strings must not pin the whole chunk they were sliced from
  const tickers = new Map<string, string>();
  const dates = new Map<string, string>();
  const numPos: number[] = [];
  const numCols: NumericColumn[] = [...NUMERIC];

  for await (const records of csvRecords(chunks, source)) for (const { fields, line } of records) {
    if (pos === null) {
      pos = headerPositions(fields, `${source}:${line}`);
      for (const c of numCols) numPos.push(pos[c]);
      continue;
    }
    const where = `${source}:${line}`;
    if (fields.length !== OHLCV_COLUMNS.length) {
      throw new UserError(
        `${where}: expected ${OHLCV_COLUMNS.length} fields, found ${fields.length}; every row needs ticker, date, open, high, low, close, volume (quote values that contain commas)`,
      );
    }
    const rawTicker = fields[pos.ticker];
    let ticker = tickers.get(rawTicker);
    if (ticker === undefined) {
      const t = rawTicker.trim();
      if (t === '') throw new UserError(`${where}: column "ticker" is empty; write the ticker symbol`);
      ticker = Buffer.from(t).toString();
      if (tickers.size > 1_000_000) tickers.clear();
      tickers.set(rawTicker, ticker);
    }
    const rawDate = fields[pos.date];
    let date = dates.get(rawDate);
    if (date === undefined) {
      const d = rawDate.trim();
      if (!isIsoDate(d)) {
        const why = d === '' ? 'is empty' : /^\d{4}-\d{2}-\d{2}$/.test(d) ? 'is not a real date' : 'is not a date in YYYY-MM-DD form';
        throw new UserError(`${where}: column "date" value ${show(rawDate)} ${why} (ticker ${ticker}); write the date as YYYY-MM-DD, e.g. 2020-01-31`);
      }
      date = Buffer.from(d).toString();
      if (dates.size > 1_000_000) dates.clear();
      dates.set(rawDate, date);
    }
    const k = batch.length;
    for (let j = 0; j < numCols.length; j++) {
      const raw = fields[numPos[j]];
      const v = parseDecimal(raw);
      if (v !== v) {
        const col = numCols[j];
        const why = raw.trim() === '' ? 'is empty' : `${show(raw)} is not a finite decimal number`;
        throw new UserError(
          `${where}: column "${col}" ${raw.trim() === '' ? why : 'value ' + why} (ticker ${ticker}, date ${date}); write a number such as 12.5, or delete the row if the bar is missing`,
        );
      }
      batch[numCols[j]][k] = v;
    }
    batch.ticker.push(ticker);
    batch.date.push(date);
    batch.line[k] = line;
    batch.length = k + 1;
    if (batch.length === batchSize) {
      yield batch;
      batch = emptyRows(batchSize);
    }
  }
  if (pos === null) throw new UserError(`${source}: the file is empty; ${HEADER_HINT} on line 1, then one row per ticker and date`);
  if (batch.length > 0) yield trimmed(batch);
}

/**
 * readOhlcvCsvBatches(path, options): stream a CSV file as batches of parsed rows (bounded memory).
 * @example for await (const b of readOhlcvCsvBatches('prices.csv', { batchSize: 50_000 })) await copyInto(db, b)
 */
export async function* readOhlcvCsvBatches(path: string, options: CsvReadOptions = {}): AsyncGenerator<OhlcvBatch> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    yield* parseOhlcvCsv(withReadErrors(stream, path), { ...options, source: options.source ?? path });
  } finally {
    stream.destroy();
  }
}

async function* withReadErrors(stream: AsyncIterable<Uint8Array>, path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${path}: no such file; check the path (relative paths start from the current directory)`);
    if (code === 'EISDIR') throw new UserError(`${path}: is a directory, not a CSV file; pass the path of the .csv file`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`${path}: permission denied; make the file readable`);
    throw err;
  }
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
