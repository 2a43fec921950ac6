/**
 * PostgreSQL's binary COPY format, written from column arrays: `encodeCopyBinary(columns, n)` -> one Buffer
 * for `COPY table (...) FROM STDIN (FORMAT binary)`. Why binary for our own tables: text COPY formatted
 * every float in JS (String(number), the shortest round-trip form) and parsed it back on the server
 * (float8in), ~0.9 M values per 6,000-ticker run; binary writes the IEEE bits both ends already hold.
 * The types must be the columns' own (int4 into an int8 column is an error): only our vecbt_ tables,
 * whose types the migrations fix, are written this way.
 *
 * Format: "PGCOPY\n\377\r\n\0", int32 flags 0, int32 header extension 0; per row int16 field count,
 * per field int32 byte length (-1: NULL) and the bytes, big-endian; int16 -1 at the end.
 */
import { isoToDay } from './queryable';

export type CopyBinaryType = 'text' | 'jsonb' | 'int4' | 'int8' | 'date' | 'float8' | 'float8[]' | 'int4[]';

type Value = string | number | Float64Array | Int32Array | null | undefined;

/**
 * One value per row (`values`), or the same on every row (`value`); null/undefined is NULL. date: 'YYYY-MM-DD';
 * int8: a safe integer; jsonb: JSON text; float8[] / int4[]: a Float64Array / Int32Array (a 1-D array, no NULLs).
 */
export type CopyBinaryColumn = { type: CopyBinaryType; values: readonly Value[] } | { type: CopyBinaryType; value: Value };

/** Column k's value on row r. */
const at = (c: CopyBinaryColumn, r: number): Value => ('values' in c ? c.values[r] : c.value);

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const FIXED: Record<Exclude<CopyBinaryType, 'text' | 'jsonb' | 'float8[]' | 'int4[]'>, number> = { int4: 4, int8: 8, date: 4, float8: 8 };

/** A run has a few hundred distinct dates and tens of thousands of date cells. */
const DAYS = new Map<string, number>();
function dayOf(iso: string): number {
  let d = DAYS.get(iso);
  if (d === undefined) {
    d = isoToDay(iso);
    if (!Number.isFinite(d)) throw new RangeError(`copyBinary: ${JSON.stringify(iso)} is not a YYYY-MM-DD date`);
    DAYS.set(iso, d);
  }
  return d;
}

/** Array header: ndim, has-null flag, element oid, then (size, lower bound) of the one dimension. */
const ARRAY_HEADER = 20;
const OID = { 'float8[]': 701, 'int4[]': 23 } as const;

function checkValue(type: CopyBinaryType, v: Exclude<Value, null | undefined>, row: number, k: number): void {
  const ok =
    type === 'text' || type === 'jsonb' ? typeof v === 'string'
    : type === 'date' ? typeof v === 'string'
    : type === 'float8' ? typeof v === 'number'
    : type === 'float8[]' ? v instanceof Float64Array
    : type === 'int4[]' ? v instanceof Int32Array
    : Number.isSafeInteger(v);
  if (!ok || (type === 'int4' && ((v as number) > 2147483647 || (v as number) < -2147483648))) {
    throw new RangeError(`copyBinary: column ${k} (${type}) row ${row}: ${JSON.stringify(v)} is not a ${type}`);
  }
}

/**
 * encodeCopyBinary(columns, n): the whole COPY stream for `n` rows of `columns` (in the COPY's column order).
 * @example encodeCopyBinary([{ type: 'int8', value: 7 }, { type: 'float8', values: [1.5, null] }], 2)
 */
export function encodeCopyBinary(columns: readonly CopyBinaryColumn[], n: number): Buffer {
  const nf = columns.length;
  let size = SIGNATURE.length + 8 + 2 + n * (2 + 4 * nf);
  for (let k = 0; k < nf; k++) {
    const c = columns[k];
    const { type } = c;
    if ('values' in c && c.values.length < n) throw new RangeError(`copyBinary: column ${k} has ${c.values.length} values, expected ${n}`);
    for (let r = 0; r < n; r++) {
      const v = at(c, r);
      if (v === null || v === undefined) continue;
      checkValue(type, v, r, k);
      // jsonb's binary form is a version byte (1) and the JSON text; an array's, a header and (length, bytes) per element.
      size +=
        type === 'text' ? Buffer.byteLength(v as string, 'utf8')
        : type === 'jsonb' ? 1 + Buffer.byteLength(v as string, 'utf8')
        : type === 'float8[]' ? ((v as Float64Array).length ? ARRAY_HEADER + 12 * (v as Float64Array).length : 12)
        : type === 'int4[]' ? ((v as Int32Array).length ? ARRAY_HEADER + 8 * (v as Int32Array).length : 12)
        : FIXED[type];
    }
  }
  const buf = Buffer.allocUnsafe(size);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  SIGNATURE.copy(buf, 0);
  let o = SIGNATURE.length;
  dv.setInt32(o, 0);
  dv.setInt32(o + 4, 0);
  o += 8;
  for (let r = 0; r < n; r++) {
    dv.setInt16(o, nf);
    o += 2;
    for (let k = 0; k < nf; k++) {
      const c = columns[k];
      const type = c.type;
      const v = at(c, r);
      if (v === null || v === undefined) {
        dv.setInt32(o, -1);
        o += 4;
      } else if (type === 'float8') {
        dv.setInt32(o, 8);
        dv.setFloat64(o + 4, v as number);
        o += 12;
      } else if (type === 'int4') {
        dv.setInt32(o, 4);
        dv.setInt32(o + 4, v as number);
        o += 8;
      } else if (type === 'date') {
        dv.setInt32(o, 4);
        dv.setInt32(o + 4, dayOf(v as string));
        o += 8;
      } else if (type === 'int8') {
        dv.setInt32(o, 8);
        dv.setBigInt64(o + 4, BigInt(v as number));
        o += 12;
      } else if (type === 'float8[]' || type === 'int4[]') {
        const a = v as Float64Array | Int32Array;
        const elem = type === 'float8[]' ? 8 : 4;
        if (a.length === 0) {
          // An empty array has no dimension at all (ndim 0).
          dv.setInt32(o, 12);
          dv.setInt32(o + 4, 0);
          dv.setInt32(o + 8, 0);
          dv.setInt32(o + 12, OID[type]);
          o += 16;
          continue;
        }
        dv.setInt32(o, ARRAY_HEADER + (4 + elem) * a.length);
        dv.setInt32(o + 4, 1);
        dv.setInt32(o + 8, 0);
        dv.setInt32(o + 12, OID[type]);
        dv.setInt32(o + 16, a.length);
        dv.setInt32(o + 20, 1);
        o += 4 + ARRAY_HEADER;
        for (let e = 0; e < a.length; e++) {
          dv.setInt32(o, elem);
          if (elem === 8) dv.setFloat64(o + 4, a[e]);
          else dv.setInt32(o + 4, a[e]);
          o += 4 + elem;
        }
      } else if (type === 'jsonb') {
        buf[o + 4] = 1;
        const len = buf.write(v as string, o + 5, 'utf8');
        dv.setInt32(o, len + 1);
        o += 5 + len;
      } else {
        const len = buf.write(v as string, o + 4, 'utf8');
        dv.setInt32(o, len);
        o += 4 + len;
      }
    }
  }
  dv.setInt16(o, -1);
  o += 2;
  if (o !== size) throw new Error(`copyBinary: wrote ${o} bytes, expected ${size}`);
  return buf;
}
