/**
 * A chunk's bars, read straight into column-major Float64Arrays on the run's date index.
 *
 * Path: binary `COPY (SELECT ticker, array_agg(day), array_agg(o), ... GROUP BY ticker) TO STDOUT`, one CopyData
 * message per ticker, parsed in place; no per-row objects kept. Why this one, measured by
 * `npm run bench:batch -- --compare-read` on 6,000 x 504 (2-core machine, local PG 15), wall (node's CPU):
 * plain rows through node-postgres (a JS object and 7 text values parsed per bar) 5.4 s (6.1 s), `array_agg`
 * per ticker as a normal query (array literals parsed as text) 3.1 s (3.1 s), binary COPY of a row per bar
 * 1.28 s (0.88 s), this binary COPY of a row per ticker 1.33 s (0.33 s). The last two cost the server the same
 * (~80 ms a chunk when the table is laid out by ticker, ~145 ms by date), but a row per bar is 3 M protocol
 * messages (a message object and a Buffer view each) against 6,000: in the pipelined run, where node's CPU
 * competes with the server's for 2 cores, that is ~0.55 s of CPU and half the garbage collection saved
 * (the run under a one-core CPU hog: 3.0 s -> 2.6 s).
 * The day (days since 2000-01-01) comes from the server as int4 and the ticker once per ticker, so no
 * string is decoded per bar. Values are cast to float8 on the server: numeric/real/bigint columns work.
 *
 * COPY takes no bind parameters; the symbols and dates travel as session settings set with `$n`
 * parameters (`set_config`), so no value is ever spliced into SQL text.
 */
import type { PoolClient } from 'pg';
import { emptyOhlcv, type OhlcvMatrix } from '../kernels/ohlcvMatrix';
import { copyOut } from './copy';
import { dayToIso } from './queryable';

export interface ChunkBars {
  data: OhlcvMatrix;
  /** Bars per column (rows of the date index on which the ticker has a bar). */
  barsPerCol: Int32Array;
  /** Total bars read. */
  bars: number;
}

const SQL = `COPY (
  SELECT t.i::int4, (d.date - DATE '2000-01-01')::int4, d.open::float8, d.high::float8, d.low::float8, d.close::float8, d.volume::float8
    FROM unnest(current_setting('vecbt.symbols')::text[]) WITH ORDINALITY AS t(sym, i)
    JOIN daily_market_data d ON d.ticker = t.sym
   WHERE d.date BETWEEN current_setting('vecbt.date_from')::date AND current_setting('vecbt.date_to')::date
) TO STDOUT (FORMAT binary)`;

// `ticker = ANY(...)` rather than a join on unnest(...): the planner then picks, per table layout, an index
// scan (bars stored by ticker) or a bitmap heap scan that reads each page once (bars stored by date, as a
// table grown one day at a time is): ~150 ms a chunk instead of ~175 ms there, the same ~90 ms by ticker.
// Rows come back keyed by ticker (as text: char(n) loses its padding) and are put on their column in JS.
const FIELD_NAMES = ['open', 'high', 'low', 'close', 'volume'] as const;
export type BarField = (typeof FIELD_NAMES)[number];

/** The COPY of the given fields (a subset of our own constant names, never a caller's string), one row per ticker. */
function aggSql(fields: readonly BarField[]): string {
  const cols = fields.map((f) => ', array_agg(d.' + f + '::float8)').join('');
  return `COPY (
  SELECT d.ticker::text, array_agg((d.date - DATE '2000-01-01')::int4)${cols}
    FROM daily_market_data d
   WHERE d.ticker = ANY(current_setting('vecbt.symbols')::text[])
     AND d.date BETWEEN current_setting('vecbt.date_from')::date AND current_setting('vecbt.date_to')::date
   GROUP BY d.ticker
) TO STDOUT (FORMAT binary)`;
}
const AGG_SQL = new Map<string, string>();

/**
 * readChunkBars(client, symbols, dateIndex, mode, only): matrices of nRows = dateIndex.length, nCols =
 * symbols.length, NaN where a ticker has no bar (or a NULL value). `only` (agg mode) reads just those fields
 * (close always): the others are empty arrays (length 0), neither transferred nor allocated.
 * @example const { data, barsPerCol } = await readChunkBars(client, ['AAA', 'BBB'], run.dateIndex)
 */
export async function readChunkBars(
  client: PoolClient,
  symbols: readonly string[],
  dateIndex: Int32Array,
  mode: 'rows' | 'agg' = 'agg',
  only?: readonly BarField[],
): Promise<ChunkBars> {
  const nRows = dateIndex.length;
  const nCols = symbols.length;
  const wanted = mode === 'agg' && only ? FIELD_NAMES.filter((f) => f === 'close' || only.includes(f)) : FIELD_NAMES;
  const data = emptyOhlcv(nRows, nCols, wanted);
  const barsPerCol = new Int32Array(nCols);
  if (nRows === 0 || nCols === 0) return { data, barsPerCol, bars: 0 };
  const day0 = dateIndex[0];
  const rowOfDay = new Int32Array(dateIndex[nRows - 1] - day0 + 1).fill(-1);
  for (let r = 0; r < nRows; r++) rowOfDay[dateIndex[r] - day0] = r;
  const fields = wanted.map((f) => data[f]);
  const nFields = fields.length;

  await client.query(
    `SELECT set_config('vecbt.symbols', $1::text[]::text, false), set_config('vecbt.date_from', $2, false), set_config('vecbt.date_to', $3, false)`,
    [symbols, dayToIso(day0), dayToIso(dateIndex[nRows - 1])],
  );
  let headerSeen = false;
  let bars = 0;
  if (mode === 'agg') {
    const colOf = new Map(symbols.map((sym, c) => [sym, c]));
    let cells = new Int32Array(nRows); // a ticker's destination cells, -1 for a day outside the index
    const key = wanted.join(',');
    let sql = AGG_SQL.get(key);
    if (sql === undefined) AGG_SQL.set(key, (sql = aggSql(wanted)));
    await copyOut(client, sql, (buf) => {
      // DataView reads (TurboFan intrinsics) rather than Buffer#readDoubleBE (byte-by-byte in JS).
      const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      let o = 0;
      if (!headerSeen) {
        // "PGCOPY\n\377\r\n\0" + int32 flags + int32 header-extension length
        o = 19 + dv.getInt32(15);
        headerSeen = true;
      }
      if (dv.getInt16(o) === -1) return; // trailer
      const nameLen = dv.getInt32(o + 2); // after the field count
      o += 6;
      const name = buf.toString('utf8', o, o + nameLen);
      o += nameLen;
      const col = colOf.get(name);
      if (col === undefined) throw new Error(`readChunkBars: the server returned bars of ${JSON.stringify(name)}, not a ticker of this chunk`);
      // Binary array: int32 byte length, then ndim, has-null flag, element oid, (size, lower bound) per
      // dimension, then per element its int32 length (-1: NULL) and bytes. array_agg of >= 1 row: ndim 1.
      const n = dv.getInt32(o + 16);
      o += 4 + 12 + 8;
      if (n > cells.length) cells = new Int32Array(n);
      const base = col * nRows;
      let found = 0;
      for (let k = 0; k < n; k++) {
        // -1: a bar on a date outside the run's index (data added after the run was created): ignored.
        const row = rowOfDay[dv.getInt32(o + 4) - day0] ?? -1;
        o += 8;
        if (row >= 0) {
          cells[k] = base + row;
          found++;
        } else cells[k] = -1;
      }
      barsPerCol[col] += found;
      bars += found;
      for (let f = 0; f < nFields; f++) {
        const field = fields[f];
        o += 4 + 12 + 8;
        for (let k = 0; k < n; k++) {
          if (dv.getInt32(o) === 8) {
            const cell = cells[k];
            if (cell >= 0) field[cell] = dv.getFloat64(o + 4);
            o += 12;
          } else o += 4; // NULL: the cell stays NaN
        }
      }
    });
    return { data, barsPerCol, bars };
  }
  await copyOut(client, SQL, (buf) => {
    // DataView reads (TurboFan intrinsics) rather than Buffer#readDoubleBE (byte-by-byte in JS): about
    // 1 s less per 3 M bars. Each CopyData payload holds whole tuples (PostgreSQL sends one per row).
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let o = 0;
    if (!headerSeen) {
      // "PGCOPY\n\377\r\n\0" + int32 flags + int32 header-extension length
      o = 19 + dv.getInt32(15);
      headerSeen = true;
    }
    const end = buf.byteLength;
    while (o + 2 <= end) {
      const nf = dv.getInt16(o);
      o += 2;
      if (nf === -1) break; // trailer
      const col = dv.getInt32(o + 4) - 1;
      const day = dv.getInt32(o + 12);
      o += 16;
      // -1: a bar on a date outside the run's index (data added after the run was created): ignored.
      const row = rowOfDay[day - day0] ?? -1;
      const cell = row < 0 ? -1 : col * nRows + row;
      for (let k = 0; k < 5; k++) {
        const len = dv.getInt32(o);
        o += 4;
        if (len === 8) {
          if (cell >= 0) fields[k][cell] = dv.getFloat64(o);
          o += 8;
        }
      }
      if (cell < 0) continue;
      barsPerCol[col]++;
      bars++;
    }
  });
  return { data, barsPerCol, bars };
}

