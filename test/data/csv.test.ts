import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors';
import { parseOhlcvCsv, readOhlcvCsv, readOhlcvCsvBatches, type OhlcvBatch } from '../../src/data/csv';

const HEADER = 'ticker,date,open,high,low,close,volume';

async function parse(text: string | string[], batchSize?: number): Promise<OhlcvBatch[]> {
  const out: OhlcvBatch[] = [];
  for await (const b of parseOhlcvCsv(Readable.from(Array.isArray(text) ? text : [text]), { source: 'p.csv', batchSize })) out.push(b);
  return out;
}

async function parseError(text: string): Promise<string> {
  try {
    await parse(text);
  } catch (e) {
    expect(e, 'parse problems are UserErrors').toBeInstanceOf(UserError);
    const msg = (e as Error).message;
    expect(msg.includes('\n'), 'one-line message').toBe(false);
    return msg;
  }
  throw new Error('expected a UserError');
}

describe('parseOhlcvCsv', () => {
  it('parseOhlcvCsv reads rows in file order with their source lines', async () => {
    const [b] = await parse(`${HEADER}\nAAA,2020-01-02,1,2,0.5,1.5,100\nBBB,2020-01-01,10,11,9,10.5,2e3\n`);
    expect(b.length).toBe(2);
    expect(b.ticker).toEqual(['AAA', 'BBB']);
    expect(b.date).toEqual(['2020-01-02', '2020-01-01']);
    expect(Array.from(b.open)).toEqual([1, 10]);
    expect(Array.from(b.high)).toEqual([2, 11]);
    expect(Array.from(b.low)).toEqual([0.5, 9]);
    expect(Array.from(b.close)).toEqual([1.5, 10.5]);
    expect(Array.from(b.volume)).toEqual([100, 2000]);
    expect(Array.from(b.line), 'header is line 1').toEqual([2, 3]);
  });
  it('parseOhlcvCsv finds columns by name in any order, ignoring case and spaces', async () => {
    const [b] = await parse(' Volume ,CLOSE,date,ticker,low,high,open\n100,1.5,2020-01-02,AAA,0.5,2,1');
    expect(b.ticker).toEqual(['AAA']);
    expect([b.open[0], b.high[0], b.low[0], b.close[0], b.volume[0]]).toEqual([1, 2, 0.5, 1.5, 100]);
  });
  it('parseOhlcvCsv strips a UTF-8 BOM and accepts CRLF line ends', async () => {
    const [b] = await parse(`\uFEFF${HEADER}\r\nAAA,2020-01-02,1,2,0.5,1.5,100\r\n`);
    expect(b.ticker).toEqual(['AAA']);
    expect(b.volume[0]).toBe(100);
  });
  it('parseOhlcvCsv strips a BOM that arrives as bytes, and multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from(`\uFEFF${HEADER}\nÄÖ€,2020-01-02,1,2,0.5,1.5,100\n`, 'utf8');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const out: OhlcvBatch[] = [];
    for await (const b of parseOhlcvCsv(Readable.from(chunks), { source: 'p.csv' })) out.push(b);
    expect(out[0].ticker).toEqual(['ÄÖ€']);
  });
  it('parseOhlcvCsv reads quoted fields, doubled quotes and a quoted newline (line = where the record starts)', async () => {
    const [b] = await parse(`"ticker","date",open,high,low,close,volume\n"A,""B""",2020-01-02,1,2,0.5,1.5,100\nX,2020-01-03,1,2,0.5,1.5,"7\n"\nZ,2020-01-04,1,2,1,1,1`);
    expect(b.ticker).toEqual(['A,"B"', 'X', 'Z']);
    expect(b.volume[1], 'Number("7\\n") is 7, as with any surrounding space').toBe(7);
    expect(Array.from(b.line)).toEqual([2, 3, 5]);
    expect(await parseError(`${HEADER}\nA,2020-01-02,1,2,0.5,1.5,100\n"X\nY",2020-01-03,1,2,0.5,1.5,7\n`), 'a newline in a ticker is a control character').toBe(
      'p.csv:3: ticker "X\\u000aY" contains the control character U+000A (newline); tickers are printable text: remove it',
    );
  });
  it('parseOhlcvCsv skips blank lines but keeps counting them', async () => {
    const [b] = await parse(`${HEADER}\n\nAAA,2020-01-02,1,2,0.5,1.5,100\n\n`);
    expect(Array.from(b.line)).toEqual([3]);
  });
  it('parseOhlcvCsv handles records split across arbitrary chunk boundaries', async () => {
    const text = `${HEADER}\r\n` + Array.from({ length: 50 }, (_, i) => `T${i % 3},2020-01-${String((i % 28) + 1).padStart(2, '0')},${i},${i + 1},${i - 1},${i}.5,${i * 10}`).join('\r\n');
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 7) chunks.push(text.slice(i, i + 7));
    const [b] = await parse(chunks);
    expect(b.length).toBe(50);
    expect(b.close[49]).toBe(49.5);
    expect(b.line[49]).toBe(51);
  });
  it('parseOhlcvCsv(..., { batchSize: 2 }) yields batches of at most 2 rows', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => `A,2020-01-0${i + 1},1,1,1,1,${i}`).join('\n');
    const batches = await parse(`${HEADER}\n${rows}`, 2);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batches.map((b) => b.volume.length), 'last batch trimmed to its length').toEqual([2, 2, 1]);
    expect(Array.from(batches[2].volume)).toEqual([4]);
  });
  it('parseOhlcvCsv mixes fast (unquoted) and quoted lines, tickers changing every row', async () => {
    const [b] = await parse(`${HEADER}\nA,2020-01-01,1,2,0.5,1.5,10\n"B",2020-01-01,1,2,0.5,1.5,20\nA,2020-01-02,1,2,0.5,1.5,30\nC,2020-01-02,1,2,0.5,1.5,40\nA,2020-01-03,1,2,0.5,1.5,50\n`);
    expect(b.ticker).toEqual(['A', 'B', 'A', 'C', 'A']);
    expect(b.date).toEqual(['2020-01-01', '2020-01-01', '2020-01-02', '2020-01-02', '2020-01-03']);
    expect(Array.from(b.volume)).toEqual([10, 20, 30, 40, 50]);
  });
  it('parseOhlcvCsv reads numbers beyond the fast path exactly like Number (17 digits, big exponents, spaces)', async () => {
    const [b] = await parse(`${HEADER}\nA,2020-01-01,0.12345678901234567,1e300, 3 ,1.5e-30,9007199254740993\n`);
    expect([b.open[0], b.high[0], b.low[0], b.close[0], b.volume[0]]).toEqual([0.12345678901234567, 1e300, 3, 1.5e-30, 9007199254740993]);
  });
  it('parseOhlcvCsv reads every number bit-identically to Number (the one-pass fast path and the text path alike)', async () => {
    const edge = ['0', '-0', '+7', '12.5', '100.0', '.5', '5.', '1e5', '1E5', '2.5E-3', '-3.25e+2', '0.000123', '0e50', '1e22', '1e23', '1e-22',
      '12345e-25', '9007199254740991', '9007199254740992', '9007199254740993', '900719925474099.3', '9007199254740993e-5', '90071992547.40993', '9007199254740995e-3', '123456789012345678e-5', '0.1', '0.3',
      '1648717.0', '12.8969', '00012.50', '1.7976931348623157e308', '4.9e-324'];
    const r = (() => {
      let a = 99;
      return () => (a = (a * 16807) % 2147483647) / 2147483647;
    })();
    const random = Array.from({ length: 20_000 }, (_, i) => {
      const digits = 1 + Math.floor(r() * 18);
      let m = String(Math.floor(r() * 10 ** Math.min(digits, 15))).padStart(digits, String(i % 10));
      const dot = Math.floor(r() * (m.length + 1));
      m = dot < m.length ? `${m.slice(0, dot)}.${m.slice(dot)}` : m;
      return (r() < 0.2 ? '-' : '') + m + (r() < 0.2 ? `e${Math.floor(r() * 50) - 25}` : '');
    });
    const values = [...edge, ...random];
    const rows = Array.from({ length: Math.ceil(values.length / 5) }, (_, i) => {
      const v = Array.from({ length: 5 }, (_, j) => values[(5 * i + j) % values.length]);
      return `A,${new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${v.join(',')}`;
    });
    const batches = await parse(`${HEADER}\n${rows.join('\n')}\n`);
    const got: number[] = [];
    for (const b of batches) for (let i = 0; i < b.length; i++) got.push(b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]);
    for (let k = 0; k < values.length; k++) expect(Object.is(got[k], Number(values[k])), `${values[k]} -> ${got[k]}`).toBe(true);
  });
  it('parseOhlcvCsv accepts dates and tickers with surrounding spaces (text path)', async () => {
    const [b] = await parse(`${HEADER}\n AAA , 2020-01-01 ,1,2,0.5,1.5,10\n`);
    expect([b.ticker[0], b.date[0]]).toEqual(['AAA', '2020-01-01']);
  });
  it('parseOhlcvCsv strips a BOM split across byte chunks', async () => {
    const bytes = Buffer.from(`\uFEFF${HEADER}\nA,2020-01-01,1,2,0.5,1.5,10\n`, 'utf8');
    const out: OhlcvBatch[] = [];
    for await (const b of parseOhlcvCsv(Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)]), { source: 'p.csv' })) out.push(b);
    expect(out[0].ticker).toEqual(['A']);
  });
  it('parseOhlcvCsv of a header only yields no batch', async () => {
    expect(await parse(`${HEADER}\n`)).toEqual([]);
  });
  it('parseOhlcvCsv streams a million rows in bounded batches', async () => {
    const N = 1_000_000;
    async function* gen(): AsyncGenerator<string> {
      yield HEADER + '\n';
      let s = '';
      for (let i = 0; i < N; i++) {
        s += `T${i % 1000},2020-01-${String((i % 28) + 1).padStart(2, '0')},1.5,2,1,1.25,${i}\n`;
        if (s.length > 1 << 16) {
          yield s;
          s = '';
        }
      }
      yield s;
    }
    let rows = 0;
    let maxBatch = 0;
    let last = 0;
    for await (const b of parseOhlcvCsv(gen(), { batchSize: 50_000 })) {
      rows += b.length;
      maxBatch = Math.max(maxBatch, b.length);
      last = b.volume[b.length - 1];
    }
    expect(rows).toBe(N);
    expect(maxBatch).toBe(50_000);
    expect(last).toBe(N - 1);
  });
});

describe('parseOhlcvCsv errors (UserError: file:line, column, value, fix)', () => {
  it('an empty file', async () => {
    expect(await parseError('')).toMatch(/^p\.csv: the file is empty; expected the header ticker,date,open,high,low,close,volume/);
    expect(await parseError('\uFEFF\r\n\n')).toMatch(/the file is empty/);
  });
  it('a missing column', async () => {
    expect(await parseError('ticker,date,open,high,low,close\nA,2020-01-01,1,1,1,1')).toBe(
      'p.csv:1: missing column volume in the header; expected the header ticker,date,open,high,low,close,volume (any order)',
    );
  });
  it('a misnamed column', async () => {
    expect(await parseError('ticker,day,open,high,low,close,volume\n')).toMatch(/^p\.csv:1: unknown column "day" in the header; expected the header .*, rename or remove it$/);
  });
  it('an extra column', async () => {
    expect(await parseError(`${HEADER},adj_close\n`)).toMatch(/^p\.csv:1: unknown column "adj_close"/);
  });
  it('a duplicated column', async () => {
    expect(await parseError('ticker,date,open,high,low,close,close\n')).toMatch(/^p\.csv:1: column "close" appears twice/);
  });
  it('a row with too few or too many fields', async () => {
    expect(await parseError(`${HEADER}\nA,2020-01-01,1,1,1,1\n`)).toMatch(/^p\.csv:2: expected 7 fields, found 6;/);
    expect(await parseError(`${HEADER}\nA,2020-01-01,1,1,1,1,1\nB,2020-01-01,1,1,1,1,1,1\n`)).toMatch(/^p\.csv:3: expected 7 fields, found 8;/);
    expect(await parseError(`${HEADER}\nA,2020-01-01,1,1,1,1,1,1,1,1\n`)).toMatch(/^p\.csv:2: expected 7 fields, found 10;/);
    expect(await parseError(`${HEADER}\n"A",2020-01-01,1,1,1,1\n`), 'quoted line').toMatch(/^p\.csv:2: expected 7 fields, found 6;/);
  });
  it('a non-numeric value', async () => {
    expect(await parseError(`${HEADER}\nAAA,2020-01-02,1,2,0.5,abc,100`)).toBe(
      'p.csv:2: column "close" value "abc" is not a finite decimal number (ticker AAA, date 2020-01-02); write a number such as 12.5, or delete the row if the bar is missing',
    );
  });
  it('nan, inf and hex literals are not accepted as numbers', async () => {
    expect(await parseError(`${HEADER}\nAAA,2020-01-02,1,2,0.5,nan,100`)).toMatch(/column "close" value "nan"/);
    expect(await parseError(`${HEADER}\nAAA,2020-01-02,1,2,0.5,1,inf`)).toMatch(/column "volume" value "inf"/);
    expect(await parseError(`${HEADER}\nAAA,2020-01-02,0x10,2,0.5,1,1`)).toMatch(/column "open" value "0x10"/);
  });
  it('an empty value', async () => {
    expect(await parseError(`${HEADER}\nAAA,2020-01-02,1,,0.5,1,100`)).toBe(
      'p.csv:2: column "high" is empty (ticker AAA, date 2020-01-02); write a number such as 12.5, or delete the row if the bar is missing',
    );
  });
  it('an empty ticker', async () => {
    expect(await parseError(`${HEADER}\n ,2020-01-02,1,2,0.5,1,100`)).toMatch(/^p\.csv:2: column "ticker" is empty/);
  });
  it('a date in the wrong form', async () => {
    expect(await parseError(`${HEADER}\nAAA,01/02/2020,1,2,0.5,1,100`)).toBe(
      'p.csv:2: column "date" value "01/02/2020" is not a date in YYYY-MM-DD form (ticker AAA); write the date as YYYY-MM-DD, e.g. 2020-01-31',
    );
  });
  it('a date that does not exist, after real dates (the date cache never maps it onto one)', async () => {
    expect(await parseError(`${HEADER}\nA,2021-01-01,1,2,0.5,1,100\nA,2020-17-01,1,2,0.5,1,100`)).toMatch(/^p\.csv:3: column "date" value "2020-17-01" is not a real date/);
    expect(await parseError(`${HEADER}\nA,2021-03-04,1,2,0.5,1,100\nA,2021-00-100,1,2,0.5,1,100`)).toMatch(/^p\.csv:3: column "date" value "2021-00-100" is not a date in YYYY-MM-DD form/);
  });
  it('a date that does not exist', async () => {
    expect(await parseError(`${HEADER}\nAAA,2021-02-29,1,2,0.5,1,100`)).toMatch(/^p\.csv:2: column "date" value "2021-02-29" is not a real date \(ticker AAA\)/);
    expect(await parseError(`${HEADER}\nAAA,2020-13-01,1,2,0.5,1,100`)).toMatch(/is not a real date/);
  });
  it('an empty date', async () => {
    expect(await parseError(`${HEADER}\nAAA,,1,2,0.5,1,100`)).toMatch(/^p\.csv:2: column "date" value "" is empty/);
  });
  it('an unterminated quote', async () => {
    expect(await parseError(`${HEADER}\n"AAA,2020-01-02,1,2,0.5,1,100\n`)).toMatch(/^p\.csv:2: unterminated quoted field/);
  });
  it('text after a closing quote', async () => {
    expect(await parseError(`${HEADER}\n"AA"A,2020-01-02,1,2,0.5,1,100\n`)).toMatch(/^p\.csv:2: unexpected character 'A' after a closing quote/);
  });
});

describe("parseOhlcvCsv(..., { missing: 'nan' }): pandas read_csv semantics for vecbt strategy", () => {
  async function parseNaN(text: string): Promise<OhlcvBatch> {
    const out: OhlcvBatch[] = [];
    for await (const b of parseOhlcvCsv(Readable.from([text]), { source: 'p.csv', missing: 'nan' })) out.push(b);
    return out[0];
  }
  it("parseOhlcvCsv(missing 'nan') reads empty fields and pandas' NA strings as NaN, numbers unchanged", async () => {
    const b = await parseNaN(`${HEADER}\nA,2020-01-01,,nan,NaN,1.5,NA\nA,2020-01-02,"",NULL,#N/A, n/a ,-nan\nA,2020-01-03,1,2,0.5,1,100\n`);
    expect(Array.from(b.open)).toEqual([NaN, NaN, 1]);
    expect(Array.from(b.high)).toEqual([NaN, NaN, 2]);
    expect(Array.from(b.low)).toEqual([NaN, NaN, 0.5]);
    expect(Array.from(b.close)).toEqual([1.5, NaN, 1]);
    expect(Array.from(b.volume)).toEqual([NaN, NaN, 100]);
    expect(b.length, 'a row with NaN values is still a row').toBe(3);
  });
  it("parseOhlcvCsv(missing 'nan') still rejects text that is neither a number nor an NA string (inf, abc)", async () => {
    const err = async (text: string) => {
      try {
        await parseNaN(text);
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(await err(`${HEADER}\nA,2020-01-01,1,2,0.5,abc,1`)).toMatch(/^p\.csv:2: column "close" value "abc" is not a finite decimal number/);
    expect(await err(`${HEADER}\nA,2020-01-01,1,2,0.5,1,inf`)).toMatch(/^p\.csv:2: column "volume" value "inf"/);
  });
  it('parseOhlcvCsv without the option (vecbt db load) keeps rejecting an empty field', async () => {
    expect(await parseError(`${HEADER}\nAAA,2020-01-02,1,2,0.5,,100`)).toMatch(/^p\.csv:2: column "close" is empty/);
  });
});

describe('readOhlcvCsv / readOhlcvCsvBatches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vecbt-csv-'));
  it('readOhlcvCsv(path) reads the whole file and names the file in errors', async () => {
    const p = join(dir, 'ok.csv');
    writeFileSync(p, `${HEADER}\nA,2020-01-01,1,2,0.5,1.5,10\nA,2020-01-02,1,2,0.5,1.5,20\n`);
    const rows = await readOhlcvCsv(p);
    expect(rows.length).toBe(2);
    expect(Array.from(rows.volume)).toEqual([10, 20]);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${HEADER}\nA,2020-01-01,1,2,0.5,x,10\n`);
    await expect(readOhlcvCsv(bad)).rejects.toThrow(`${bad}:2: column "close" value "x"`);
  });
  it('readOhlcvCsv concatenates several batches', async () => {
    const p = join(dir, 'many.csv');
    writeFileSync(p, `${HEADER}\n` + Array.from({ length: 7 }, (_, i) => `A,2020-01-0${i + 1},1,1,1,1,${i}`).join('\n'));
    const rows = await readOhlcvCsv(p, { batchSize: 3 });
    expect(rows.length).toBe(7);
    expect(Array.from(rows.volume)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(rows.date[6]).toBe('2020-01-07');
    expect(rows.line[6]).toBe(8);
  });
  it('readOhlcvCsvBatches(missing file) is a UserError naming the path', async () => {
    const p = join(dir, 'nope.csv');
    const run = async () => {
      for await (const _ of readOhlcvCsvBatches(p)) void _;
    };
    await expect(run()).rejects.toThrow(`${p}: no such file; check the path`);
    await expect(run()).rejects.toBeInstanceOf(UserError);
  });
});
