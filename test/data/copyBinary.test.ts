import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { copyIn } from '../../src/data/copy';
import { encodeCopyBinary } from '../../src/data/copyBinary';

let db: TestDatabase;
let client: PoolClient;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  client = await db.pool.connect();
  await client.query('CREATE TABLE t (k int8, i int4, s text, d date, x float8)');
});
afterAll(async () => {
  client?.release();
  await db?.drop();
});

describe('encodeCopyBinary', () => {
  it('encodeCopyBinary(columns, 4) round-trips through COPY t FROM STDIN (FORMAT binary): NULLs, +-inf, -0, text that text COPY escapes', async () => {
    const text = ['AAPL', 'tab\tnew\nline\\back', 'Société Générale €', null];
    const buf = encodeCopyBinary(
      [
        { type: 'int8', value: 9007199254740991 },
        { type: 'int4', values: [0, -2147483648, 2147483647, null] },
        { type: 'text', values: text },
        { type: 'date', values: ['2000-01-01', '1999-12-31', '2024-02-29', null] },
        { type: 'float8', values: [0.1 + 0.2, Infinity, -0, null] },
      ],
      4,
    );
    expect(await copyIn(client, 'COPY t (k, i, s, d, x) FROM STDIN (FORMAT binary)', () => [buf])).toBe(4);
    const { rows } = await client.query(`SELECT k::text, i, s, to_char(d, 'YYYY-MM-DD') AS d, x, x::text AS xt FROM t ORDER BY i NULLS LAST`);
    expect(rows).toEqual([
      { k: '9007199254740991', i: -2147483648, s: text[1], d: '1999-12-31', x: Infinity, xt: 'Infinity' },
      { k: '9007199254740991', i: 0, s: 'AAPL', d: '2000-01-01', x: 0.30000000000000004, xt: '0.30000000000000004' },
      { k: '9007199254740991', i: 2147483647, s: text[2], d: '2024-02-29', x: -0, xt: '-0' },
      { k: '9007199254740991', i: null, s: null, d: null, x: null, xt: null },
    ]);
  });

  it('encodeCopyBinary(jsonb, float8[], int4[]) round-trips: NaN and -0 in arrays, an empty array, a NULL array', async () => {
    await client.query('CREATE TABLE arr (j jsonb, f float8[], i int4[])');
    const buf = encodeCopyBinary(
      [
        { type: 'jsonb', values: ['{"stale_exits":2}', '[1,"é"]', null] },
        { type: 'float8[]', values: [Float64Array.of(1.5, NaN, -0, Infinity), new Float64Array(0), null] },
        { type: 'int4[]', values: [Int32Array.of(3, -4), Int32Array.of(7), null] },
      ],
      3,
    );
    expect(await copyIn(client, 'COPY arr (j, f, i) FROM STDIN (FORMAT binary)', () => [buf])).toBe(3);
    const { rows } = await client.query(`SELECT j, f::text AS f, i FROM arr ORDER BY i[1] NULLS LAST`);
    expect(rows).toEqual([
      { j: { stale_exits: 2 }, f: '{1.5,NaN,-0,Infinity}', i: [3, -4] },
      { j: [1, 'é'], f: '{}', i: [7] },
      { j: null, f: null, i: null },
    ]);
  });

  it('encodeCopyBinary([], 0) is the header and the trailer only', () => {
    expect(encodeCopyBinary([], 0).toString('hex')).toBe('5047434f50590aff0d0a00' + '00000000' + '00000000' + 'ffff');
  });

  it('encodeCopyBinary refuses a value its type cannot carry, naming the column and row', () => {
    expect(() => encodeCopyBinary([{ type: 'int4', values: [1, 2147483648] }], 2)).toThrow('copyBinary: column 0 (int4) row 1: 2147483648 is not a int4');
    expect(() => encodeCopyBinary([{ type: 'int4', values: [1.5] }], 1)).toThrow('column 0 (int4) row 0: 1.5');
    expect(() => encodeCopyBinary([{ type: 'date', values: ['2024-13-45'] }], 1)).toThrow('"2024-13-45" is not a YYYY-MM-DD date');
    expect(() => encodeCopyBinary([{ type: 'float8', values: ['1.5'] }], 1)).toThrow('column 0 (float8) row 0: "1.5"');
    expect(() => encodeCopyBinary([{ type: 'text', values: ['a'] }], 2)).toThrow('column 0 has 1 values, expected 2');
  });
});
