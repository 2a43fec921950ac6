import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { readOhlcvCsv, type CsvReadOptions } from '../../src/data/csv';
import { pivotOhlcv, type PivotedOhlcv } from '../../src/data/pivot';
import { readOhlcvMatrix } from '../../src/data/readOhlcvMatrix';

const HEADER = 'ticker,date,open,high,low,close,volume';
const dir = mkdtempSync(join(tmpdir(), 'vecbt-matrix-'));
let fileNo = 0;
function file(text: string | Buffer): string {
  const p = join(dir, `f${fileNo++}.csv`);
  writeFileSync(p, text);
  return p;
}

const bytes = (a: Float64Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Bit-for-bit equality of two pivots: labels, shape, every field's bytes (NaN payloads included) and `present`. */
function expectSame(got: PivotedOhlcv, want: PivotedOhlcv, what: string): void {
  expect(got.index, `${what}: index`).toEqual(want.index);
  expect(got.columns, `${what}: columns`).toEqual(want.columns);
  expect([got.data.nRows, got.data.nCols], `${what}: shape`).toEqual([want.data.nRows, want.data.nCols]);
  for (const f of ['open', 'high', 'low', 'close', 'volume'] as const) {
    expect(bytes(got.data[f]).equals(bytes(want.data[f])), `${what}: ${f} bit-identical`).toBe(true);
  }
  expect(bytes(got.data.present!).equals(bytes(want.data.present!)), `${what}: present bit-identical`).toBe(true);
}

async function both(path: string, options: CsvReadOptions = {}): Promise<void> {
  const want = pivotOhlcv(await readOhlcvCsv(path, options), { source: path });
  expectSame(await readOhlcvMatrix(path, options), want, path);
}

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e, 'a UserError').toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  return 'no error';
}

/** mulberry32, for reproducible messy files. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

describe('readOhlcvMatrix(path) = pivotOhlcv(readOhlcvCsv(path)), bit for bit', () => {
  it('readOhlcvMatrix of every golden and real CSV equals rows-then-pivot', async () => {
    const golden = readdirSync('data-fixtures/golden').filter((f) => f.endsWith('.ohlcv.csv')).map((f) => join('data-fixtures/golden', f));
    const strategies = readdirSync('data-fixtures/golden/strategies').filter((f) => f.endsWith('.ohlcv.csv')).map((f) => join('data-fixtures/golden/strategies', f));
    const real = readdirSync('data-fixtures/real').filter((f) => f.endsWith('.csv')).map((f) => join('data-fixtures/real', f));
    expect(golden.length + strategies.length + real.length, 'the fixtures are there').toBeGreaterThan(4);
    for (const f of [...golden, ...strategies]) await both(f, { missing: 'nan' });
    for (const f of real) await both(f);
  });

  it('readOhlcvMatrix of shuffled rows, late listings, gaps and 150 tickers (three column blocks) equals rows-then-pivot', async () => {
    const r = rng(7);
    const lines: string[] = [];
    for (let t = 0; t < 150; t++) {
      const first = Math.floor(r() * 40); // late listings: a ticker starts on a later date
      for (let d = first; d < 120; d++) {
        if (r() < 0.1) continue; // gaps
        const c = (1 + r() * 100).toFixed(4);
        lines.push(`T${String(149 - t).padStart(3, '0')},${day(d)},${c},${c},${c},${c},${Math.floor(r() * 1e6)}`);
      }
    }
    const shuffled = [...lines];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    await both(file(`${HEADER}\n${lines.join('\n')}\n`));
    await both(file(`${HEADER}\n${shuffled.join('\n')}\n`));
    await both(file(`${HEADER}\n${[...lines].reverse().join('\n')}\n`));
  });

  it('readOhlcvMatrix of a file in date order (every block grows) equals rows-then-pivot', async () => {
    const lines: string[] = [];
    for (let d = 0; d < 300; d++) for (let t = 0; t < 70; t++) if ((d + t) % 7 !== 0) lines.push(`X${t},${day(d)},${d + 1},${d + 2},${d},${d + 1.5},${t}`);
    await both(file(`${HEADER}\n${lines.join('\n')}\n`));
  });

  it('readOhlcvMatrix with a BOM, CRLF, quoted fields, columns out of order, blank lines and NaN values equals rows-then-pivot', async () => {
    const text = `\uFEFF"close",Ticker, date ,open,high,low,volume\r\n1.5,"A,1",2020-01-02,1,2,0.5,10\r\n\r\n"2.5","B ""q""",2020-01-01,2,3,1,20\r\n,A,2020-01-01,nan,NaN,,\r\n3,"multi line",2020-01-03,1,4,1,"5\n"\r\n`;
    const p = file(text);
    await both(p, { missing: 'nan' });
    const m = await readOhlcvMatrix(p, { missing: 'nan' });
    expect(m.columns).toEqual(['A', 'A,1', 'B "q"', 'multi line']);
    expect(Array.from(m.data.present!), 'the all-NaN row of A on 01-01 is present (pandas keeps it)').toEqual([1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('readOhlcvMatrix(a single row) is 1x1', async () => {
    const m = await readOhlcvMatrix(file(`${HEADER}\nA,2020-01-01,1,2,0.5,1.5,9\n`));
    expect([m.index, m.columns, Array.from(m.data.close), Array.from(m.data.present!)]).toEqual([['2020-01-01'], ['A'], [1.5], [1]]);
  });
});

describe('readOhlcvMatrix errors', () => {
  it('readOhlcvMatrix rejects a duplicate (ticker, date) naming both lines, as pivotOhlcv does', async () => {
    const p = file(`${HEADER}\nA,2020-01-01,1,1,1,1,1\nB,2020-01-01,1,1,1,1,1\nA,2020-01-02,1,1,1,1,1\nA,2020-01-01,2,2,2,2,2\n`);
    const old = await errorOf(readOhlcvCsv(p).then((rows) => pivotOhlcv(rows, { source: p })));
    expect(await errorOf(readOhlcvMatrix(p))).toBe(`duplicate row for ticker A on 2020-01-01 (${p}:2 and ${p}:5); keep one row per ticker and date`);
    expect(await errorOf(readOhlcvMatrix(p)), 'the message of rows-then-pivot').toBe(old);
  });

  it('readOhlcvMatrix reports a bad line after a duplicate first, as rows-then-pivot did (the file parses before the pivot)', async () => {
    const p = file(`${HEADER}\nA,2020-01-01,1,1,1,1,1\nA,2020-01-01,1,1,1,1,1\nA,2020-01-02,1,1,1,x,1\n`);
    expect(await errorOf(readOhlcvMatrix(p))).toBe(
      `${p}:4: column "close" value "x" is not a finite decimal number (ticker A, date 2020-01-02); write a number such as 12.5, or delete the row if the bar is missing`,
    );
  });

  it('readOhlcvMatrix keeps every bad-line message of the reader (file:line, column, value, fix)', async () => {
    const p = file(`${HEADER}\nAAA,2020-01-02,1,,0.5,1,100\n`);
    expect(await errorOf(readOhlcvMatrix(p))).toBe(`${p}:2: column "high" is empty (ticker AAA, date 2020-01-02); write a number such as 12.5, or delete the row if the bar is missing`);
    expect(await errorOf(readOhlcvMatrix(file(`${HEADER}\nA,2021-02-29,1,2,0.5,1,100\n`)))).toMatch(/:2: column "date" value "2021-02-29" is not a real date \(ticker A\)/);
    expect(await errorOf(readOhlcvMatrix(join(dir, 'nope.csv')))).toMatch(/nope\.csv: no such file/);
  });

  it('readOhlcvMatrix(a header only) is a UserError: no data rows after the header', async () => {
    const p = file(`${HEADER}\n`);
    expect(await errorOf(readOhlcvMatrix(p))).toBe(`${p}: no data rows after the header; add one row per ticker and date (ticker,date,open,high,low,close,volume)`);
  });

  it('readOhlcvMatrix refuses a matrix beyond maxBytes, naming its shape, before allocating it', async () => {
    const lines = Array.from({ length: 200 }, (_, t) => `T${t},${day(t)},1,1,1,1,1`);
    const msg = await errorOf(readOhlcvMatrix(file(`${HEADER}\n${lines.join('\n')}\n`), { maxBytes: 1 << 20 }));
    expect(msg).toMatch(/: \d+ tickers x \d+ dates need [\d.]+ GiB in memory \(more than 0\.0 GiB\): the tickers share few dates/);
  });
});

describe('readOhlcvMatrix options', () => {
  it('readOhlcvMatrix(path, { tickers }) keeps only those columns, the union index of theirs', async () => {
    const p = file(`${HEADER}\nA,2020-01-01,1,1,1,1,1\nB,2020-01-02,2,2,2,2,2\nC,2020-01-03,3,3,3,3,3\nA,2020-01-03,4,4,4,4,4\n`);
    const m = await readOhlcvMatrix(p, { tickers: ['C', 'A'] });
    expect(m.columns).toEqual(['A', 'C']);
    expect(m.index).toEqual(['2020-01-01', '2020-01-03']);
    expect(Array.from(m.data.close)).toEqual([1, 4, NaN, 3]);
  });

  it('readOhlcvMatrix reads a FIFO (a pipe has no positions: the reader never seeks)', async () => {
    const fifo = join(dir, 'fifo.csv');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('cp', ['data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv', fifo]);
    const written = new Promise((r) => writer.on('close', r));
    const m = await readOhlcvMatrix(fifo, { missing: 'nan' });
    expect(await written, 'cp exit code').toBe(0);
    expectSame(m, await readOhlcvMatrix('data-fixtures/golden/u01_synthetic_30x300.ohlcv.csv', { missing: 'nan' }), 'fifo');
  });

  it('readOhlcvMatrix([a, b]) reads both files as one table; a duplicate across them names each file', async () => {
    const a = file(`${HEADER}\nA,2020-01-01,1,1,1,1,1\n`);
    const b = file(`${HEADER}\nB,2020-01-01,2,2,2,2,2\n\nA,2020-01-02,3,3,3,3,3\n`);
    const m = await readOhlcvMatrix([a, b]);
    expect([m.columns, Array.from(m.data.close)]).toEqual([['A', 'B'], [1, 3, 2, NaN]]);
    const c = file(`${HEADER}\n\n\nA,2020-01-02,3,3,3,3,3\n`);
    expect(await errorOf(readOhlcvMatrix([a, b, c]))).toBe(`duplicate row for ticker A on 2020-01-02 (${b}:4 and ${c}:4); keep one row per ticker and date`);
  });
});
