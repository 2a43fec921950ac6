/**
 * A chunk's bars, read straight into column-major Float64Arrays on the run's date index.
 *
 * Path: binary `COPY (SELECT col, day, o, h, l, c, v ...) TO STDOUT` parsed in place from each CopyData
 * payload, no per-row objects kept. Why this one: measured by `npm run bench:batch -- --compare-read`
 * on 6,000 x 504 (2-core machine, local PG 15), see bench/batch.ts; plain rows through node-postgres
 * build a JS object and parse 7 text values per bar, and `array_agg` per ticker makes the server sort and
 * build arrays and the client parse array literals, both several times slower than the binary stream.
 * The column (ordinal in the chunk) and day (days since 2000-01-01) come from the server as int4, so
 * no string is decoded per bar. Values are cast to float8 on the server: numeric/real/bigint columns work.
 *
 * COPY takes no bind parameters; the symbols and dates travel as session settings set with `$n`
 * parameters (`set_config`), so no value is ever spliced into SQL text.
 */
import type { PoolClient } from 'pg';
import type { OhlcvMatrix } from './pivot';
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

/**
 * readChunkBars(client, symbols, dateIndex): matrices of nRows = dateIndex.length, nCols = symbols.length,
 * NaN where a ticker has no bar (or a NULL value).
 * @example const { data, barsPerCol } = await readChunkBars(client, ['AAA', 'BBB'], run.dateIndex)
 */
export async function readChunkBars(client: PoolClient, symbols: readonly string[], dateIndex: Int32Array): Promise<ChunkBars> {
  const nRows = dateIndex.length;
  const nCols = symbols.length;
  const size = nRows * nCols;
  const data: OhlcvMatrix = {
    nRows,
    nCols,
    open: new Float64Array(size).fill(NaN),
    high: new Float64Array(size).fill(NaN),
    low: new Float64Array(size).fill(NaN),
    close: new Float64Array(size).fill(NaN),
    volume: new Float64Array(size).fill(NaN),
  };
  const barsPerCol = new Int32Array(nCols);
  if (nRows === 0 || nCols === 0) return { data, barsPerCol, bars: 0 };
  const day0 = dateIndex[0];
  const rowOfDay = new Int32Array(dateIndex[nRows - 1] - day0 + 1).fill(-1);
  for (let r = 0; r < nRows; r++) rowOfDay[dateIndex[r] - day0] = r;
  const fields = [data.open, data.high, data.low, data.close, data.volume];

  await client.query(
    `SELECT set_config('vecbt.symbols', $1::text[]::text, false), set_config('vecbt.date_from', $2, false), set_config('vecbt.date_to', $3, false)`,
    [symbols, dayToIso(day0), dayToIso(dateIndex[nRows - 1])],
  );
  let headerSeen = false;
  let bars = 0;
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

