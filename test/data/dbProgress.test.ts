/**
 * `vecbt db load` and `vecbt db synth` show progress (issue 16 item 4): with stderr not a terminal, a plain line per
 * tenth of the input with rows/s and a line per server phase, on stderr; one summary line on stdout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let db: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), 'vecbt-progress-'));
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

/** `vecbt args`; quiet 0: every tenth prints however fast this machine is (by default a step's first second is quiet) */
function vecbt(args: string[], quietMs = '0') {
  const r = spawnSync(process.execPath, ['bin/vecbt.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: db.url, TZ: 'UTC', VECBT_PROGRESS_QUIET_MS: quietMs },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('progress of vecbt db load and db synth (stderr not a terminal)', () => {
  it('vecbt db load of a 12 MB file prints a line per tenth with rows/s on stderr, one summary line on stdout', () => {
    const f = join(dir, 'p.csv');
    const rows = Array.from({ length: 360_000 }, (_, i) => `P${Math.floor(i / 300)},${new Date(Date.UTC(2001, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10)},1.25,2.5,1,2,${i}`);
    writeFileSync(f, `ticker,date,open,high,low,close,volume\n${rows.join('\n')}\n`);
    const r = vecbt(['db', 'load', f]);
    expect(r.code, r.err).toBe(0);
    const lines = r.err.trim().split('\n');
    const tenths = lines.filter((l) => /^load +\d+%  [\d.]+ MB\/[\d.]+ MB  [\d,]+ rows  [\d,]+ rows\/s  /.test(l));
    expect(tenths.length, r.err).toBeGreaterThanOrEqual(8);
    expect(tenths[tenths.length - 1]).toMatch(/^load  100%  .* 360,000 rows /);
    expect(r.out).toMatch(new RegExp(`^loaded 360000 bars of 1200 tickers \\(1200 new\\) from ${f} into .* in \\d+ ms \\([\\d,]+ rows/s\\)\\n$`));
  });

  it('vecbt db synth prints tickers done with bars/s and its phases on stderr, one summary line on stdout', () => {
    const r = vecbt(['db', 'synth', '--tickers', '2000', '--days', '504']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^synth 100%  2,000\/2,000 tickers  1,008,000 bars  [\d,]+ bars\/s  /m);
    expect(r.err, 'the index is rebuilt: 1,008,000 bars into a table of 360,000').toMatch(/^synth rebuilding the date index vecbt_daily_market_data_date$/m);
    expect(r.err).toMatch(/^synth VACUUM \(ANALYZE\) daily_market_data$/m);
    expect(r.out).toMatch(/^synthesised 2000 tickers x 504 days \(1008000 bars, seed 42\) into .* in \d+ ms \([\d,]+ bars\/s\)\n$/);
  });

  it('vecbt db load of a small file prints no progress by default: its summary is the whole story', () => {
    const f = join(dir, 'small.csv');
    writeFileSync(f, 'ticker,date,open,high,low,close,volume\nQ,2020-01-02,1,2,0.5,1.5,10\n');
    const r = vecbt(['db', 'load', f], '1000');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(/^loaded 1 bars of 1 tickers \(1 new\) from /);
  });
});

