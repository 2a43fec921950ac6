/**
 * The data records of a long-format OHLCV CSV as numbers, one buffer per input chunk: the ticker and the date of
 * each row are small integer ids into two dictionaries that grow in first-seen order (`tickers[id]`, `dates[id]`),
 * the five values are float64, and each row keeps its 1-based source line (header = line 1). No per-row object or
 * string is made: a reader that wants strings (`parseOhlcvCsv`) looks them up, one that wants a matrix
 * (`readOhlcvMatrix`) uses the ids as coordinates.
 *
 * Header: `ticker,date,open,high,low,close,volume` (columns found by name, any order, case and surrounding spaces
 * ignored). Every problem is a `UserError` naming file:line, column, value and the fix, raised in file order (the
 * first bad line of the file is the one reported). Values must be finite decimal numbers unless `missing: 'nan'`
 * (pandas `read_csv` semantics: an empty field or one of pandas' NA strings is NaN).
 *
 * Lines without a double quote take a byte-level fast path (field ranges, numbers by Clinger's fast path, each
 * distinct ticker and date decoded and validated once); a line with a quote, or a field the fast path cannot
 * decide, goes through the text path, which gives the same values and produces the error messages.
 */
import { UserError } from '../errors';
import { csvLines } from './csvLines';
import { splitQuotedLine, type QuotedRecord } from './csvQuoted';
import { csvShow } from './csvShow';
import { dateKeyBytes, isIsoDate, parseDecimal } from './csvValues';

/** An unfinished quoted record may span at most this many characters before it is reported as unterminated. */
const MAX_RECORD_CHARS = 1 << 20;

export const OHLCV_COLUMNS = ['ticker', 'date', 'open', 'high', 'low', 'close', 'volume'] as const;
export const OHLCV_NUMERIC = ['open', 'high', 'low', 'close', 'volume'] as const;
export type OhlcvNumericColumn = (typeof OHLCV_NUMERIC)[number];

export interface CsvReadOptions {
  /** rows per batch (default 65536; `parseOhlcvCsv` and `readOhlcvCsvBatches` only) */
  batchSize?: number;
  /** how the input is named in messages (default: the path, or `<input>`) */
  source?: string;
  /**
   * 'reject' (default): an empty or NA value is an error naming file:line (the database loader keeps bars clean).
   * 'nan': read it as NaN, as pandas `read_csv` does (the vectorbt-conformance path of `vecbt strategy`).
   */
  missing?: 'reject' | 'nan';
}

/**
 * The rows parsed from one input chunk. The buffers are reused: read them before asking for the next chunk.
 * `tickers` and `dates` are the dictionaries so far: append-only, except that a `bounded` reader replaces them with
 * empty ones when they grow too large (a consumer caching by id checks their identity).
 */
export interface OhlcvRecords {
  length: number;
  /** id into `tickers` */
  ticker: Int32Array;
  /** id into `dates` */
  date: Int32Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** 1-based source line of each row (where its record starts) */
  line: Int32Array;
  /** ticker names by id, trimmed and validated */
  tickers: readonly string[];
  /** `YYYY-MM-DD` by id, validated */
  dates: readonly string[];
}

export interface CsvRecordsOptions extends CsvReadOptions {
  /**
   * Keep the dictionaries bounded (a streaming loader over a hostile file with millions of distinct tickers): they
   * are emptied between chunks once they pass a million entries, so ids are only meaningful within one chunk.
   */
  bounded?: boolean;
}

/**
 * pandas 1.5.3's default `na_values` (`pandas._libs.parsers.STR_NA_VALUES`): fields `read_csv` reads as NaN. Compared
 * after trimming spaces.
 */
export const PANDAS_NA_VALUES: ReadonlySet<string> = new Set([
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'n/a', 'nan', 'null',
]);

export const HEADER_HINT = `expected the header ${OHLCV_COLUMNS.join(',')} (any order)`;

/** 10^0 .. 10^22, all exact in float64. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** A dictionary may hold this many entries before a bounded reader empties it. */
const DICTIONARY_LIMIT = 1_000_000;

const show = csvShow;

/**
 * The longest ticker accepted, in characters (code points). Exchange symbols are under a dozen; 64 leaves room for
 * vendor prefixes and suffixes while keeping every key of ours (vecbt_results, vecbt_trades) far inside a btree
 * entry's ~2,700 bytes (a 2,686-character ticker failed its chunk on every run and resume).
 */
export const MAX_TICKER_CHARS = 64;

const TICKER_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const CONTROL_NAMES: Record<number, string> = { 0x00: 'NUL', 0x09: 'tab', 0x0a: 'newline', 0x0d: 'carriage return', 0x1b: 'ESC', 0x7f: 'DEL' };

/** tickerProblem(t): why `t` (trimmed, not empty) cannot be a ticker, or null. */
function tickerProblem(t: string): string | null {
  if (t.length > MAX_TICKER_CHARS) {
    let chars = 0;
    for (const _ of t) chars++;
    if (chars > MAX_TICKER_CHARS) return `is ${chars} characters long; tickers are at most ${MAX_TICKER_CHARS} characters`;
  }
  const c = TICKER_CONTROL.exec(t);
  if (c !== null) {
    const n = c[0].charCodeAt(0);
    const name = CONTROL_NAMES[n] ? ` (${CONTROL_NAMES[n]})` : '';
    return `contains the control character U+${n.toString(16).toUpperCase().padStart(4, '0')}${name}; tickers are printable text: remove it`;
  }
  return null;
}

/** headerPositions(fields): field index of each OHLCV column, or a UserError for missing/extra/duplicate names. */
function headerPositions(fields: string[], where: string): Record<(typeof OHLCV_COLUMNS)[number], number> {
  const pos: Record<string, number> = {};
  if (!fields.some((f) => (OHLCV_COLUMNS as readonly string[]).includes(f.trim().toLowerCase()))) {
    // not a CSV of ours at all (a strategy case pointing at /etc/shadow): name the file, never echo its content
    throw new UserError(`${where}: not an OHLCV CSV: the first line names none of the columns ${OHLCV_COLUMNS.join(', ')}; ${HEADER_HINT}`);
  }
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

function recordBuffers(capacity: number): OhlcvRecords {
  return {
    length: 0,
    ticker: new Int32Array(capacity),
    date: new Int32Array(capacity),
    open: new Float64Array(capacity),
    high: new Float64Array(capacity),
    low: new Float64Array(capacity),
    close: new Float64Array(capacity),
    volume: new Float64Array(capacity),
    line: new Int32Array(capacity),
    tickers: [],
    dates: [],
  };
}

/**
 * csvRecords(chunks, options): the data rows of a CSV text or byte stream, one `OhlcvRecords` per input chunk
 * that holds at least one complete row.
 * @example for await (const r of csvRecords(createReadStream(path), { source: path })) for (let i = 0; i < r.length; i++) use(r.tickers[r.ticker[i]], r.close[i])
 */
export async function* csvRecords(chunks: AsyncIterable<string | Uint8Array>, options: CsvRecordsOptions = {}): AsyncGenerator<OhlcvRecords> {
  const source = options.source ?? '<input>';
  const missingAsNaN = (options.missing ?? 'reject') === 'nan';
  if (options.missing !== undefined && options.missing !== 'reject' && options.missing !== 'nan') {
    throw new RangeError(`missing must be 'reject' or 'nan', got ${JSON.stringify(options.missing)}`);
  }
  const bounded = options.bounded === true;
  const width = OHLCV_COLUMNS.length;
  let header: Record<(typeof OHLCV_COLUMNS)[number], number> | null = null;
  let out = recordBuffers(1024);
  // Dictionaries. Names are flattened copies (Buffer round trip) so they never pin the chunk they came from.
  let tickers: string[] = [];
  let dates: string[] = [];
  const tickerIdByName = new Map<string, number>();
  const tickerIdByRaw = new Map<string, number>(); // raw text field (text path)
  const tickerIdByBytes = new Map<string, number>(); // raw bytes as a latin1 string (fast path)
  const dateIdByName = new Map<string, number>();
  const dateIdByRaw = new Map<string, number>();
  const dateIdByKey = new Map<number, number>(); // y * 10000 + m * 100 + d of a `DDDD-DD-DD` field
  let prevTickerBytes = new Uint8Array(64);
  let prevTickerLen = -1;
  let prevTicker = -1;
  const numPos: number[] = [];
  const numCols: OhlcvNumericColumn[] = [...OHLCV_NUMERIC];
  const fs = new Int32Array(width + 1);
  const fe = new Int32Array(width + 1);
  /** per field of a line: 0 ticker, 1 date, 2 + j the numeric column numCols[j] */
  const role = new Int8Array(width);
  const vals = new Float64Array(numCols.length);
  const dateIdBySlot = new Int32Array(256 * 512); // 1 + date id, by (year - 1900) * 512 + month * 32 + day
  let pending: QuotedRecord | null = null;
  let pendingLine = 0;
  let pendingChars = 0;

  const tooMany = (line: number, found: number) =>
    new UserError(
      `${source}:${line}: expected ${width} fields, found ${found}; every row needs ticker, date, open, high, low, close, volume (quote values that contain commas)`,
    );

  function forgetAll(): void {
    // new arrays, so a consumer that caches by id sees that the ids start over
    tickers = [];
    dates = [];
    tickerIdByName.clear();
    tickerIdByRaw.clear();
    tickerIdByBytes.clear();
    dateIdByName.clear();
    dateIdByRaw.clear();
    dateIdByKey.clear();
    dateIdBySlot.fill(0);
    prevTickerLen = -1;
    prevTicker = -1;
  }

  function tickerOf(raw: string, line: number): number {
    let id = tickerIdByRaw.get(raw);
    if (id === undefined) {
      const t = raw.trim();
      if (t === '') throw new UserError(`${source}:${line}: column "ticker" is empty; write the ticker symbol`);
      const bad = tickerProblem(t);
      if (bad !== null) throw new UserError(`${source}:${line}: ticker ${show(t)} ${bad}`);
      id = tickerIdByName.get(t);
      if (id === undefined) {
        id = tickers.length;
        tickers.push(Buffer.from(t).toString());
        tickerIdByName.set(tickers[id], id);
      }
      tickerIdByRaw.set(raw, id);
    }
    return id;
  }

  function dateOf(raw: string, line: number, ticker: number): number {
    let id = dateIdByRaw.get(raw);
    if (id === undefined) {
      const d = raw.trim();
      if (!isIsoDate(d)) {
        const why = d === '' ? 'is empty' : /^\d{4}-\d{2}-\d{2}$/.test(d) ? 'is not a real date' : 'is not a date in YYYY-MM-DD form';
        throw new UserError(`${source}:${line}: column "date" value ${show(raw)} ${why} (ticker ${tickers[ticker]}); write the date as YYYY-MM-DD, e.g. 2020-01-31`);
      }
      id = dateIdByName.get(d);
      if (id === undefined) {
        id = dates.length;
        dates.push(Buffer.from(d).toString());
        dateIdByName.set(dates[id], id);
      }
      dateIdByRaw.set(raw, id);
    }
    return id;
  }

  function numberOf(raw: string, j: number, line: number, ticker: number, date: number): number {
    const v = parseDecimal(raw);
    if (v !== v) {
      if (missingAsNaN && PANDAS_NA_VALUES.has(raw.trim())) return NaN;
      const blank = raw.trim() === '';
      throw new UserError(
        `${source}:${line}: column "${numCols[j]}" ${blank ? 'is empty' : `value ${show(raw)} is not a finite decimal number`} (ticker ${tickers[ticker]}, date ${dates[date]}); write a number such as 12.5, or delete the row if the bar is missing`,
      );
    }
    return v;
  }

  function reserve(k: number): void {
    if (k < out.line.length) return;
    const grown = recordBuffers(2 * out.line.length);
    for (const c of ['ticker', 'date', 'open', 'high', 'low', 'close', 'volume', 'line'] as const) grown[c].set(out[c] as never);
    grown.length = out.length;
    out = grown;
  }

  /** a data row given as text fields (quoted lines) */
  function addFields(fields: string[], line: number): void {
    if (fields.length !== width) throw tooMany(line, fields.length);
    const h = header!;
    const ticker = tickerOf(fields[h.ticker], line);
    const date = dateOf(fields[h.date], line, ticker);
    const k = out.length;
    reserve(k);
    for (let j = 0; j < numCols.length; j++) out[numCols[j]][k] = numberOf(fields[numPos[j]], j, line, ticker, date);
    out.ticker[k] = ticker;
    out.date[k] = date;
    out.line[k] = line;
    out.length = k + 1;
  }

  /**
   * A data row given as the bytes b[s..e) of a line without quotes, in one pass: the fields are delimited and
   * the numbers read as the bytes go by. A number is decided here when it is a plain decimal whose digits make an
   * integer below 2^53 and whose decimal exponent is within +-22 (Clinger's fast path: an exact integer times or
   * divided by an exact power of ten, one correctly rounded operation, so bit-identical to `Number`); anything
   * else (more digits, a space, `nan`, an empty field) goes to the text path, which decides it or names it.
   */
  function addBytes(b: Buffer, s: number, e: number, line: number): void {
    let p = s;
    let slow = 0; // bit j: numeric column j is left to the text path
    for (let f = 0; f < width; f++) {
      const r = role[f];
      fs[f] = p;
      if (r >= 2) {
        // the end of the line reads as a comma
        let c = p < e ? b[p] : 44;
        let neg = false;
        if (c === 45 || c === 43) {
          neg = c === 45;
          c = ++p < e ? b[p] : 44;
        }
        let m = 0;
        let exp = 0;
        let any = false;
        while (c >= 48 && c <= 57) {
          m = m * 10 + (c - 48);
          any = true;
          c = ++p < e ? b[p] : 44;
        }
        if (c === 46) {
          c = ++p < e ? b[p] : 44;
          while (c >= 48 && c <= 57) {
            m = m * 10 + (c - 48);
            exp--;
            any = true;
            c = ++p < e ? b[p] : 44;
          }
        }
        if ((c === 101 || c === 69) && any) {
          c = ++p < e ? b[p] : 44;
          let eneg = false;
          if (c === 45 || c === 43) {
            eneg = c === 45;
            c = ++p < e ? b[p] : 44;
          }
          let ev = 0;
          let ed = 0;
          while (c >= 48 && c <= 57) {
            ev = ev * 10 + (c - 48);
            ed++;
            c = ++p < e ? b[p] : 44;
          }
          if (ed === 0 || ed > 4) any = false;
          exp += eneg ? -ev : ev;
        }
        let v = NaN;
        // m < 2^53: every partial sum was exact (they only grow), and so is m
        if (c === 44 && any && m < 9007199254740992) {
          if (m === 0) v = 0;
          else if (exp === 0) v = m;
          else if (exp > 0 && exp <= 22) v = m * POW10[exp];
          else if (exp < 0 && exp >= -22) v = m / POW10[-exp];
        }
        if (v !== v) {
          slow |= 1 << (r - 2);
          while (p < e && b[p] !== 44) p++;
        }
        vals[r - 2] = neg ? -v : v;
      } else {
        while (p < e && b[p] !== 44) p++;
      }
      fe[f] = p;
      if (f < width - 1) {
        if (p >= e) throw tooMany(line, f + 1);
        p++;
      }
    }
    if (p < e) throw tooMany(line, b.subarray(s, e).toString().split(',').length);
    const h = header!;
    // ticker: rows usually come grouped by ticker, so compare with the previous row's bytes first, then look the
    // raw bytes up (as a one-byte latin1 string, cheap to make) before decoding UTF-8
    const ts = fs[h.ticker];
    const tl = fe[h.ticker] - ts;
    let same = tl === prevTickerLen;
    for (let i = 0; same && i < tl; i++) same = b[ts + i] === prevTickerBytes[i];
    let ticker = prevTicker;
    if (!same) {
      const rawKey = b.toString('latin1', ts, ts + tl);
      let t = tickerIdByBytes.get(rawKey);
      if (t === undefined) {
        t = tickerOf(b.toString('utf8', ts, ts + tl), line);
        tickerIdByBytes.set(rawKey, t);
      }
      ticker = t;
      if (tl > prevTickerBytes.length) prevTickerBytes = new Uint8Array(2 * tl);
      for (let i = 0; i < tl; i++) prevTickerBytes[i] = b[ts + i];
      prevTickerLen = tl;
      prevTicker = ticker;
    }
    const key = dateKeyBytes(b, fs[h.date], fe[h.date]);
    // dates of 1900-2155 through a flat table (a Map lookup per row was a tenth of the parse), others by Map
    // (month and day checked to be slot-sized, or "2020-17-01" would land on 2021-01-01's slot)
    const mm = ((key / 100) | 0) % 100;
    const dd = key % 100;
    const slot = key >= 19000000 && key < 21560000 && mm <= 12 && dd <= 31 ? ((key / 10000) | 0) * 512 - 1900 * 512 + mm * 32 + dd : -1;
    let date = slot >= 0 ? dateIdBySlot[slot] - 1 : key >= 0 ? (dateIdByKey.get(key) ?? -1) : -1;
    if (date < 0) {
      date = dateOf(b.toString('utf8', fs[h.date], fe[h.date]), line, ticker);
      if (slot >= 0) dateIdBySlot[slot] = date + 1;
      else if (key >= 0) dateIdByKey.set(key, date);
    }
    if (slow !== 0) {
      for (let j = 0; j < numCols.length; j++) {
        if ((slow & (1 << j)) === 0) continue;
        const f = numPos[j];
        vals[j] = numberOf(b.toString('utf8', fs[f], fe[f]), j, line, ticker, date);
      }
    }
    const k = out.length;
    reserve(k);
    out.open[k] = vals[0];
    out.high[k] = vals[1];
    out.low[k] = vals[2];
    out.close[k] = vals[3];
    out.volume[k] = vals[4];
    out.ticker[k] = ticker;
    out.date[k] = date;
    out.line[k] = line;
    out.length = k + 1;
  }

  function addRecord(fields: string[], line: number): void {
    if (header === null) {
      header = headerPositions(fields, `${source}:${line}`);
      for (const c of numCols) numPos.push(header[c]);
      role[header.ticker] = 0;
      role[header.date] = 1;
      numCols.forEach((c, j) => (role[header![c]] = 2 + j));
    } else addFields(fields, line);
  }

  for await (const chunk of csvLines(chunks, source)) {
    const { buf, start, end, count, firstLine } = chunk;
    if (bounded && (tickers.length > DICTIONARY_LIMIT || dates.length > DICTIONARY_LIMIT || tickerIdByRaw.size > DICTIONARY_LIMIT || dateIdByRaw.size > DICTIONARY_LIMIT)) forgetAll();
    out.length = 0;
    let nextQuote = buf.indexOf(34, count > 0 ? start[0] : 0);
    for (let k = 0; k < count; k++) {
      const s = start[k];
      const e = end[k];
      const line = firstLine + k;
      if (nextQuote >= 0 && nextQuote < s) nextQuote = buf.indexOf(34, s);
      const quoted = nextQuote >= 0 && nextQuote < e;
      if (pending === null && !quoted) {
        if (s === e) continue; // blank line
        if (header !== null) addBytes(buf, s, e, line);
        else addRecord(buf.toString('utf8', s, e).split(','), line);
      } else {
        const text = buf.toString('utf8', s, e);
        const at = pending === null ? line : pendingLine;
        const record: QuotedRecord = pending ?? { fields: [], open: false, value: '' };
        const fields = splitQuotedLine(text, () => `${source}:${at}`, record);
        if (fields === null) {
          if (pending === null) {
            pendingLine = line;
            pendingChars = 0;
          }
          pendingChars += text.length + 1;
          if (pendingChars > MAX_RECORD_CHARS) {
            throw new UserError(`${source}:${pendingLine}: unterminated quoted field (no closing quote within ${MAX_RECORD_CHARS >> 20} MB); close the quote or remove it`);
          }
          pending = record;
          continue;
        }
        pending = null;
        addRecord(fields, at);
      }
    }
    if (out.length > 0) {
      out.tickers = tickers;
      out.dates = dates;
      yield out;
    }
  }
  if (pending !== null) {
    throw new UserError(`${source}:${pendingLine}: unterminated quoted field (the file ends inside quotes); close the quote or remove it`);
  }
  if (header === null) throw new UserError(`${source}: the file is empty; ${HEADER_HINT} on line 1, then one row per ticker and date`);
}
