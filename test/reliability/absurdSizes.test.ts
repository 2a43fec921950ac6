/**
 * Absurd sizes are refused up front, in one line, before the database is touched (DATABASE_URL points at a closed
 * port: had the command tried to connect, it would print the connection error, exit 1) and before any memory is
 * committed: `db synth --tickers 100000000` grew to 5 GB.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

const DEAD_DB = 'postgres://bob:s3cret@127.0.0.1:1/prod';

function vecbt(args: readonly string[]) {
  const r = spawnSync(process.execPath, ['bin/vecbt.mjs', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: DEAD_DB, TZ: 'UTC' } });
  return { code: r.status, err: r.stderr.trim(), out: r.stdout };
}

describe('vecbt db synth beyond the size limit', () => {
  it('vecbt db synth --tickers 100000000 --days 504 is refused naming the size and the limit, exit 2, no connection', () => {
    const r = vecbt(['db', 'synth', '--tickers', '100000000', '--days', '504']);
    expect({ code: r.code, err: r.err }).toEqual({
      code: 2,
      err: 'vecbt db: --tickers 100000000 x --days 504 is 50,400,000,000 bars, more than the 200,000,000 that db synth makes (about 20 GB in PostgreSQL); ask for fewer tickers or days',
    });
    expect(r.out).toBe('');
  });

  it('vecbt db synth --tickers 2000000 (under the bar limit with few days) is refused: at most 1,000,000 tickers', () => {
    const r = vecbt(['db', 'synth', '--tickers', '2000000', '--days', '10']);
    expect({ code: r.code, err: r.err }).toEqual({ code: 2, err: 'vecbt db: --tickers 2000000 is more than the 1,000,000 tickers db synth makes; ask for fewer' });
  });

  it('vecbt db synth --days 200000 is refused: at most 100,000 business days (about 380 years)', () => {
    const r = vecbt(['db', 'synth', '--tickers', '1', '--days', '200000']);
    expect({ code: r.code, err: r.err }).toEqual({ code: 2, err: 'vecbt db: --days 200000 is more than the 100,000 business days (about 380 years) db synth makes; ask for fewer' });
  });
});
