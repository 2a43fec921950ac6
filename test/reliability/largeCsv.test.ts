/**
 * `vecbt db load` streams: a ~100 MB CSV (1,084,000 rows, full-precision prices) loads in a child process
 * whose peak RSS is no higher than loading a 10 MB file, give or take GC noise.
 *
 * The bound, measured (2-core box, local PG 15, the command started through its launcher as users start it):
 * peak RSS (process.resourceUsage().maxRSS at exit) 129 MB for 10 MB and 163 MB for 100 MB on Node 20, 148 and
 * 160 MB on Node 24; a 1 GB file, by hand, 165 MB: it plateaus once the reader's 20,000-row batches and the
 * insert parameters reach their steady state. Reading
 * the file whole would add at least its 100 MB (and parsed rows several times that), so
 * `peak(100 MB) < peak(10 MB) + 48 MB` fails for any loader that holds the file, while leaving room for GC
 * timing; `< 320 MB` is an absolute guard under a 512 MB dyno. The tables are UNLOGGED (created before the
 * migration, which keeps an existing user table) only to keep PostgreSQL's share of the time down: ~25 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { migrate } from '../../src/data/migrate';

const dir = mkdtempSync(join(tmpdir(), 'vecbt-bigcsv-'));
let db: TestDatabase;

/** A long-format CSV of at least `mb` MiB: tickers `${prefix}00000`.., 2,000 days each. Returns the rows written. */
function writeCsv(file: string, mb: number, prefix: string): number {
  const fd = openSync(file, 'w');
  writeSync(fd, 'ticker,date,open,high,low,close,volume\n');
  const day0 = Date.UTC(2000, 0, 3);
  const days = Array.from({ length: 2000 }, (_, i) => new Date(day0 + i * 86_400_000).toISOString().slice(0, 10));
  let bytes = 0;
  let rows = 0;
  for (let t = 0; bytes < mb * 1_048_576; t++) {
    const ticker = prefix + String(t).padStart(5, '0');
    let s = '';
    for (let i = 0; i < days.length; i++) {
      const c = 10 + t / 7 + Math.sin(i / 9) * 3;
      s += `${ticker},${days[i]},${c * 0.999},${c * 1.01},${c * 0.98},${c},${1000 + i * 37}\n`;
    }
    rows += days.length;
    bytes += writeSync(fd, s);
  }
  closeSync(fd);
  return rows;
}

/**
 * `vecbt db load file` in a child, started as users start it (bin/vecbt.mjs by its #! line, with the launcher's
 * node flags and allocator settings); its peak RSS in MB read back from a preload that writes it at exit.
 */
function load(file: string): Promise<{ code: number | null; out: string; err: string; peakMb: number }> {
  const rssFile = `${file}.rss`;
  const preload = join(dir, 'rss.cjs');
  writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  return new Promise((resolve) => {
    const c = spawn('bin/vecbt.mjs', ['db', 'load', file], {
      env: { ...process.env, DATABASE_URL: db.url, TZ: 'UTC', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}` },
    });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d.toString()));
    c.stderr.on('data', (d) => (err += d.toString()));
    c.on('close', (code) => resolve({ code, out, err, peakMb: Number(readFileSync(rssFile, 'utf8')) / 1024 }));
  });
}

beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  await db.pool.query(`CREATE UNLOGGED TABLE tickers (symbol text PRIMARY KEY, active boolean NOT NULL DEFAULT true)`);
  await db.pool.query(`CREATE UNLOGGED TABLE daily_market_data (ticker text NOT NULL, date date NOT NULL, open double precision, high double precision,
    low double precision, close double precision, volume double precision, PRIMARY KEY (ticker, date))`);
  await migrate(db.pool);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

describe('vecbt db load of a large CSV', () => {
  it('vecbt db load of 100 MB peaks no higher than of 10 MB (+48 MB GC slack): the file is streamed', async () => {
    const small = join(dir, 'small.csv');
    const big = join(dir, 'big.csv');
    const smallRows = writeCsv(small, 10, 'A');
    const bigRows = writeCsv(big, 100, 'B');
    expect(bigRows).toBe(1_084_000);

    const s = await load(small);
    expect(s.code, s.err).toBe(0);
    const b = await load(big);
    expect(b.code, b.err).toBe(0);
    expect(b.out).toMatch(new RegExp(`^loaded ${bigRows} bars of 542 tickers \\(542 new\\)`));
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM daily_market_data`);
    expect(rows[0].n, 'every row of both files stored').toBe(smallRows + bigRows);

    console.log(`vecbt db load peak RSS: ${s.peakMb.toFixed(0)} MB for 10 MB, ${b.peakMb.toFixed(0)} MB for 100 MB (node ${process.version})`);
    expect(b.peakMb, `peak RSS ${b.peakMb.toFixed(0)} MB for 100 MB vs ${s.peakMb.toFixed(0)} MB for 10 MB`).toBeLessThan(s.peakMb + 48);
    expect(b.peakMb, 'under a 512 MB dyno with room to spare').toBeLessThan(320);
  }, 150_000);
});
