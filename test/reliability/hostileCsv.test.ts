/**
 * Hostile CSVs (issue 17 items 3, 4, 5 and the CSV weak spots): each is refused in one line naming file:line and
 * the fix, fast (time proportional to the size), in bounded memory, writing nothing, and without echoing a foreign
 * file's content. Through the three readers: the database loader (`loadOhlcvCsv`, what `vecbt db load` runs), the
 * matrix reader (`readOhlcvMatrix`, what `vecbt strategy` and the notebooks run) and `vecbt strategy` itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { loadOhlcvCsv } from '../../src/data/loadOhlcvCsv';
import { readOhlcvMatrix } from '../../src/data/readOhlcvMatrix';
import { UserError } from '../../src/errors';

const HEADER = 'ticker,date,open,high,low,close,volume';
const dir = mkdtempSync(join(tmpdir(), 'vecbt-hostile-'));
let db: TestDatabase;
let n = 0;
function file(content: string | Buffer): string {
  const p = join(dir, `h${n++}.csv`);
  writeFileSync(p, content);
  return p;
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

async function messageOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e, `${(e as Error).message}: a UserError`).toBeInstanceOf(UserError);
    const msg = (e as Error).message;
    expect(msg.includes('\n'), `one line: ${JSON.stringify(msg)}`).toBe(false);
    return msg;
  }
  return 'no error';
}

const bars = async () => (await db.pool.query('SELECT count(*)::int AS n FROM daily_market_data')).rows[0].n as number;
const tickers = async () => (await db.pool.query('SELECT count(*)::int AS n FROM tickers')).rows[0].n as number;

/** loadOhlcvCsv(path) fails with `want` and leaves both tables as they were. */
async function refusedByLoad(path: string, want: string | RegExp): Promise<string> {
  const before = [await bars(), await tickers()];
  const msg = await messageOf(loadOhlcvCsv(db.pool, path));
  if (typeof want === 'string') expect(msg).toBe(want);
  else expect(msg).toMatch(want);
  expect([await bars(), await tickers()], 'nothing written').toEqual(before);
  return msg;
}

describe('a file that is not UTF-8', () => {
  it('loadOhlcvCsv(a Latin-1 file) is refused naming file:line, the byte offset and iconv; nothing written', async () => {
    // ÄX and ÖX in Latin-1: 0xC4 and 0xD6 are not UTF-8 on their own (both became U+FFFD: one ticker)
    const text = Buffer.concat([
      Buffer.from(`${HEADER}\nOK,2020-01-01,1,1,1,1,1\n`),
      Buffer.from([0xc4]),
      Buffer.from('X,2020-01-01,1,1,1,1,1\n'),
      Buffer.from([0xd6]),
      Buffer.from('X,2020-01-01,1,1,1,1,1\n'),
    ]);
    const p = file(text);
    const offset = Buffer.byteLength(`${HEADER}\nOK,2020-01-01,1,1,1,1,1\n`);
    await refusedByLoad(
      p,
      `${p}:3: not UTF-8 (byte 0xC4 at byte offset ${offset}); convert the file, e.g. iconv -f latin1 -t utf-8 ${p} > utf8.csv (or -f cp1252 for a Windows export)`,
    );
  });

  it('readOhlcvMatrix(a Latin-1 file) gives the same message; an earlier bad line is still reported first', async () => {
    const p = file(Buffer.concat([Buffer.from(`${HEADER}\nA,2020-01-01,1,1,1,1,1\n`), Buffer.from([0x41, 0xe9, 0x2c]), Buffer.from('2020-01-02,1,1,1,1,1\n')]));
    expect(await messageOf(readOhlcvMatrix(p))).toMatch(new RegExp(`^${p}:3: not UTF-8 \\(byte 0xE9 at byte offset ${Buffer.byteLength(`${HEADER}\nA,2020-01-01,1,1,1,1,1\nA`)}\\); convert the file, e\\.g\\. iconv -f latin1 -t utf-8 `));
    const q = file(Buffer.concat([Buffer.from(`${HEADER}\nA,2020-01-01,1,x,1,1,1\n`), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(await messageOf(readOhlcvMatrix(q)), 'the first bad line of the file wins').toMatch(/:2: column "high" value "x"/);
  });

  it('a multi-byte character split across read chunks is valid UTF-8 and loads', async () => {
    const line = (i: number) => `ÄÖ€${i % 7},${new Date(Date.UTC(1990, 0, 1) + Math.floor(i / 7) * 86_400_000).toISOString().slice(0, 10)},1,1,1,1,${i}\n`;
    const rows = Array.from({ length: 70_000 }, (_, i) => line(i)); // ~2.3 MB: chunk boundaries fall inside characters
    const p = file(`${HEADER}\n${rows.join('')}`);
    const m = await readOhlcvMatrix(p, { tickers: ['ÄÖ€3'] });
    expect([m.columns, m.data.nRows]).toEqual([['ÄÖ€3'], 10_000]);
  });
});

describe('quotes and long lines stay linear', () => {
  it('an unclosed quote followed by 600,000 short lines fails fast naming the line where the quote opens', async () => {
    const p = file(`${HEADER}\n"A,2020-01-01,1,1,1,1,1\n` + 'x\n'.repeat(600_000));
    const t = performance.now();
    const msg = await messageOf(readOhlcvMatrix(p));
    const ms = performance.now() - t;
    expect(msg).toBe(`${p}:2: unterminated quoted field (no closing quote within 1 MB); close the quote or remove it`);
    // linear: ~1.2 MB of text is milliseconds of work (it was 309 s of CPU: each line rescanned the whole record)
    expect(ms, 'time proportional to the size, not its square').toBeLessThan(10_000);
  }, 30_000);

  it('quoted fields on many lines that each open and close quotes stay linear', async () => {
    // every line toggles a quote inside a record that never ends: a rescanning splitter is quadratic here too
    const p = file(`${HEADER}\n"A` + '\n"",'.repeat(300_000) + '\n');
    const t = performance.now();
    expect(await messageOf(readOhlcvMatrix(p))).toBe(`${p}:2: unterminated quoted field (no closing quote within 1 MB); close the quote or remove it`);
    expect(performance.now() - t).toBeLessThan(10_000);
  }, 30_000);

  it('a line longer than 1 MB is refused at once, naming it, before it is buffered whole', async () => {
    const p = join(dir, 'long-line.csv');
    const fd = openSync(p, 'w');
    writeSync(fd, `${HEADER}\nA,2020-01-01,1,1,1,1,1\n`);
    const block = 'A'.repeat(1 << 20);
    for (let i = 0; i < 70; i++) writeSync(fd, block); // a 70 MB line (it peaked at 500 MB)
    writeSync(fd, ',2020-01-02,1,1,1,1,1\n');
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const msg = await refusedByLoad(p, `${p}:3: line longer than 1 MB; is this a CSV file with one row per line?`);
    expect(msg).not.toContain('AAAA');
    expect(process.memoryUsage().rss - before, 'no more than a few MB held for the line').toBeLessThan(64 * 2 ** 20);
  }, 30_000);

  it('a quoted field longer than 1 MB across lines is refused naming the line where it starts', async () => {
    const p = file(`${HEADER}\nA,2020-01-01,1,1,1,1,1\n"${'B\n'.repeat(600_000)}",2020-01-01,1,1,1,1,1\n`);
    expect(await messageOf(readOhlcvMatrix(p))).toBe(`${p}:3: unterminated quoted field (no closing quote within 1 MB); close the quote or remove it`);
  });
});

describe('tickers', () => {
  it('a ticker longer than 64 characters is refused at load with file:line; nothing written', async () => {
    const long = 'T'.repeat(2686);
    const p = file(`${HEADER}\nOK,2020-01-01,1,1,1,1,1\n${long},2020-01-01,1,1,1,1,1\n`);
    await refusedByLoad(p, `${p}:3: ticker "${'T'.repeat(40)}..." is 2686 characters long; tickers are at most 64 characters`);
  });

  it('64 characters (counted as characters, not bytes) is accepted', async () => {
    const t64 = 'Ü'.repeat(64);
    const m = await readOhlcvMatrix(file(`${HEADER}\n${t64},2020-01-01,1,1,1,1,1\n`));
    expect(m.columns).toEqual([t64]);
  });

  it('a NUL, an escape sequence, a tab, a newline or a C1 control in a ticker is refused with file:line, escaped in the message', async () => {
    const cases: [string, string][] = [
      ['A\u0000B', 'U+0000 (NUL)'],
      ['\u001b]0;pwned\u0007X', 'U+001B (ESC)'],
      ['A\tB', 'U+0009 (tab)'],
      ['"X\nY"', 'U+000A (newline)'],
      ['A\u009bB', 'U+009B'],
      ['A\u007fB', 'U+007F (DEL)'],
    ];
    for (const [ticker, code] of cases) {
      const p = file(`${HEADER}\nOK,2020-01-01,1,1,1,1,1\n${ticker},2020-01-01,1,1,1,1,1\n`);
      const msg = await refusedByLoad(p, new RegExp(`^${p}:3: ticker ".*" contains the control character ${code.replace(/[+()]/g, '\\$&')}; tickers are printable text: remove it`));
      expect(/[\u0000-\u001f\u007f-\u009f]/.test(msg), `the message itself carries no control character: ${JSON.stringify(msg)}`).toBe(false);
    }
  });
});

describe('dates the database cannot store', () => {
  it('year 0000 is a one-line "not a real date" at load, not a database error; nothing written', async () => {
    const p = file(`${HEADER}\nOK,2020-01-01,1,1,1,1,1\nA,0000-01-01,1,1,1,1,1\n`);
    await refusedByLoad(p, `${p}:3: column "date" value "0000-01-01" is not a real date (ticker A); write the date as YYYY-MM-DD, e.g. 2020-01-31`);
  });
});

describe('a foreign file given as data', () => {
  function strategy(data: string): { code: number | null; err: string; out: string } {
    const caseFile = join(dir, `case${n++}.strategy.json`);
    writeFileSync(caseFile, JSON.stringify({ schema: 'vecbt-strategy-case/1', data, strategy: {} }));
    const r = spawnSync(process.execPath, ['bin/vecbt.mjs', 'strategy', caseFile], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    return { code: r.status, err: r.stderr, out: r.stdout };
  }

  it('vecbt strategy with data pointing at a shadow-like file names the file and the header expected, and echoes none of it', async () => {
    const shadow = file('root:$6$saltsalt$Zm9vYmFyaGFzaA:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n');
    const r = strategy(shadow);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(
      `vecbt strategy: ${shadow}:1: not an OHLCV CSV: the first line names none of the columns ticker, date, open, high, low, close, volume; expected the header ticker,date,open,high,low,close,volume (any order)`,
    );
    expect(r.err).not.toContain('saltsalt');
    expect(r.out).toBe('');
  });

  it('vecbt strategy with data pointing at a binary file names the byte offset only', async () => {
    const bin = file(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0xfe, 0x53, 0x45, 0x43, 0x52, 0x45, 0x54, 0x0a]));
    const r = strategy(bin);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(new RegExp(`^vecbt strategy: ${bin}:1: not UTF-8 \\(byte 0xFF at byte offset 8\\); convert the file`));
    expect(r.err).not.toContain('SECRET');
  });

  it('a header with a misnamed column still names that column (the file is a CSV)', async () => {
    const p = file('ticker,day,open,high,low,close,volume\n');
    expect(await messageOf(readOhlcvMatrix(p))).toMatch(/:1: unknown column "day" in the header/);
  });
});
