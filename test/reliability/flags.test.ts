/**
 * Bad parameters are rejected in one line, exit 2, before the database is touched. DATABASE_URL points at a
 * closed port with a password: had any command tried to connect, it would print the connection error
 * (exit 1) instead of the flag's message. test/runner/sigterm.test.ts covers the same for a live database.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';

const DEAD_DB = 'postgres://bob:s3cret@127.0.0.1:1/prod';

function vecbt(args: readonly string[]) {
  return new Promise<{ code: number | null; err: string; out: string }>((resolve) => {
    const c = spawn(process.execPath, ['bin/vecbt.mjs', ...args], { env: { ...process.env, DATABASE_URL: DEAD_DB, TZ: 'UTC' } });
    let err = '';
    let out = '';
    c.stderr.on('data', (d) => (err += d.toString()));
    c.stdout.on('data', (d) => (out += d.toString()));
    c.on('close', (code) => resolve({ code, err, out }));
  });
}

const CASES: [string[], string][] = [
  [['run', '--sl-stop', '-0.03'], 'vecbt run: flags: --sl-stop must be a number >= 0, or off, got -0.03'],
  [['run', '--tp-stop', '-1'], 'vecbt run: flags: --tp-stop must be a number >= 0, or off, got -1'],
  [['run', '--hold-bars', '0'], 'vecbt run: flags: --hold-bars must be an integer >= 1, got 0'],
  [['run', '--chunk-size', '0'], 'vecbt run: --chunk-size must be an integer >= 1 and <= 2147483647, got "0"'],
  [['run', '--chunk-size', '-5'], 'vecbt run: --chunk-size must be an integer >= 1 and <= 2147483647, got "-5"'],
  [['run', '--from', '2024-02-01', '--to', '2024-01-01'], 'vecbt run: --from 2024-02-01 is after --to 2024-01-01; swap them'],
  [['run', '--from', '2024-02-30'], 'vecbt run: --from must be a date YYYY-MM-DD, got "2024-02-30" (2024-02 has 29 days)'],
  [['run', '--memory-budget', '0'], 'vecbt run: --memory-budget must be an integer >= 1 and <= 2147483647, got "0"'],
  [['run', '--sl-stop'], 'vecbt run: --sl-stop needs a value (default 0.03)'],
  [['run', '--strategy', 'nope'], 'vecbt run: unknown strategy "nope"; built-ins: rvol_atr, ma_cross, rsi_reversion, bb_breakout, macd_cross, donchian_breakout (or give the path of a strategy file, e.g. ./my-strategy.ts)'],
  [['run', '--strategy', './missing-strategy.ts'], 'vecbt run: ./missing-strategy.ts: cannot read the strategy file (no such file); give a built-in name (vecbt strategies lists them) or the path of a .ts/.js/.mjs file'],
  [['db', 'load', '--frobnicate', 'x.csv'], 'vecbt db: unknown flag --frobnicate; vecbt db load takes no flags'],
  [['results', '0'], "vecbt results: run id must be a positive integer, got '0'; list runs with: npx vecbt runs"],
  // Issue 16 item 2: impossible dates in every date flag, and integers beyond what the database (or a timer) holds.
  [['run', '--from', '2024-13-01'], 'vecbt run: --from must be a date YYYY-MM-DD, got "2024-13-01" (there is no month 13)'],
  [['run', '--to', '2024-00-10'], 'vecbt run: --to must be a date YYYY-MM-DD, got "2024-00-10" (there is no month 00)'],
  [['run', '--from', '0000-01-01'], 'vecbt run: --from must be a date YYYY-MM-DD, got "0000-01-01" (there is no year 0000: years run from 0001 to 9999)'],
  [['run', '--to', '2023-02-29'], 'vecbt run: --to must be a date YYYY-MM-DD, got "2023-02-29" (2023-02 has 28 days)'],
  [['run', '--from', '2024-04-31'], 'vecbt run: --from must be a date YYYY-MM-DD, got "2024-04-31" (2024-04 has 30 days)'],
  [['run', '--from', '2024-01-00'], 'vecbt run: --from must be a date YYYY-MM-DD, got "2024-01-00" (there is no day 00)'],
  [['run', '--from', '20240101'], 'vecbt run: --from must be a date YYYY-MM-DD, got "20240101"'],
  [['db', 'synth', '--tickers', '2', '--days', '10', '--end', '2024-13-01'], 'vecbt db: --end must be a date YYYY-MM-DD, got "2024-13-01" (there is no month 13)'],
  [['run', '--chunk-size', '3000000000'], 'vecbt run: --chunk-size must be an integer >= 1 and <= 2147483647, got "3000000000"'],
  [['run', '--resume', '1e20'], 'vecbt run: --resume must be an integer >= 1 and <= 2147483647, got "1e20"'],
  [['run', '--memory-budget', '99999999999'], 'vecbt run: --memory-budget must be an integer >= 1 and <= 2147483647, got "99999999999"'],
  [['runs', '--limit', '1e20'], 'vecbt runs: --limit must be an integer >= 1 and <= 2147483647, got "1e20"'],
  [['results', '1', '--limit', '1e20'], 'vecbt results: --limit must be an integer >= 1 and <= 2147483647, got "1e20"'],
  [['results', '99999999999999999999'], "vecbt results: run id must be a positive integer up to 9007199254740991, got '99999999999999999999'; list runs with: npx vecbt runs"],
  [['db', 'synth', '--tickers', '2', '--days', '10', '--seed', '-1'], 'vecbt db: --seed must be an integer >= 0 and <= 2147483647, got "-1"'],
  [['worker', '--poll-ms', '9999999999'], 'vecbt worker: --poll-ms must be an integer >= 10 and <= 2147483647, got "9999999999"'],
];

describe('bad parameters, with the database unreachable', () => {
  it('each is one line naming the flag and the fix, exit 2, no connection attempted', async () => {
    const got = await Promise.all(CASES.map(([args]) => vecbt(args)));
    CASES.forEach(([args, msg], i) => {
      const r = got[i];
      expect({ code: r.code, err: r.err.trim() }, args.join(' ')).toEqual({ code: 2, err: msg });
      expect(r.out, 'nothing on stdout').toBe('');
    });
  });

  it('vecbt run --frobnicate: unknown flag, listing the known ones, in one line', async () => {
    const r = await vecbt(['run', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^vecbt run: unknown flag --frobnicate for strategy rvol_atr; known flags: .*--sl-stop .*--chunk-size /);
    expect(r.err).not.toContain('s3cret');
  });
});

describe('an unreachable database, --verbose', () => {
  it('vecbt runs --verbose: the same first line, then the stack; still no password', async () => {
    const r = await vecbt(['runs', '--verbose']);
    expect(r.code).toBe(1);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toBe('vecbt runs: cannot connect to PostgreSQL at 127.0.0.1:1/prod (connection refused: is PostgreSQL running there?)');
    expect(lines.length, 'a stack trace follows').toBeGreaterThan(2);
    expect(lines.slice(1).some((l) => /^\s+at /.test(l))).toBe(true);
    expect(r.err).not.toContain('s3cret');
  });
});
