/**
 * Issue 16 item 1: every command exits with the same code on both databases. With no DATABASE_URL the
 * commands run on the embedded server of a temporary directory; with it, on a fresh test database. An input
 * error is exit 2 on both, with the same message.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { embeddedPid, removeHome, tempHome, vecbt, type CliResult } from '../helpers/vecbtCli';

let db: TestDatabase;
let home: string;
let badCsv: string;
beforeAll(async () => {
  db = await createTestDatabase();
  home = tempHome('vecbt-exit-');
  badCsv = join(home, 'bad.csv');
  writeFileSync(badCsv, 'ticker,date,open,high,low,close,volume\nAAA,2020-01-02,1,2,0.5,abc,100\n');
  // Some data on both, so a run gets as far as its memory check.
  for (const databaseUrl of [db.url, null]) {
    const r = await vecbt(['db', 'synth', '--tickers', '3', '--days', '60'], { databaseUrl, cwd: home });
    if (r.code !== 0) throw new Error(`db synth failed: ${r.err}`);
  }
});
afterAll(async () => {
  await db?.drop();
  if (home) await removeHome(home);
});

const CASES: { args: () => string[]; message: RegExp }[] = [
  { args: () => ['db', 'load', badCsv], message: /bad\.csv:2: column "close" value "abc" is not a finite decimal number/ },
  { args: () => ['run', '--no-tui', '--memory-budget', '60'], message: /over --memory-budget N MB/ },
  { args: () => ['results', '99'], message: /run 99 does not exist; list runs with: npx vecbt runs/ },
  { args: () => ['run', '--no-tui', '--resume', '99'], message: /run 99 does not exist; list runs with: npx vecbt runs/ },
];

/** The last line of stderr: the error (the embedded server may print a notice before it on first use); MB figures vary. */
const lastLine = (r: CliResult) => (r.err.trim().split('\n').at(-1) ?? '').replace(/\d+ MB/g, 'N MB');

describe('input errors on the embedded database and on DATABASE_URL', () => {
  it('vecbt db load (bad value), run --memory-budget 60, results 99, run --resume 99 exit 2 on both, with the same message', async () => {
    for (const c of CASES) {
      const args = c.args();
      const external = await vecbt(args, { databaseUrl: db.url });
      const embedded = await vecbt(args, { databaseUrl: null, cwd: home });
      expect(lastLine(external), args.join(' ')).toMatch(c.message);
      expect({ code: embedded.code, err: lastLine(embedded) }, `embedded: ${args.join(' ')}`).toEqual({ code: 2, err: lastLine(external) });
      expect(external.code, `DATABASE_URL: ${args.join(' ')}`).toBe(2);
    }
    expect(embeddedPid(home), 'the embedded server is stopped after the last command').toBeNull();
  });
});
