/**
 * The password of DATABASE_URL never shows: not in what `vecbt run` (plain log), `vecbt runs` and
 * `vecbt results` print, not in a connection error, not in any column of vecbt_runs / vecbt_chunks.
 * The test cluster trusts local connections, so a URL with a password connects and the password is inert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { synthUniverse } from '../../src/data/synth';

const PASSWORD = 'pw_s3cret_42';
let db: TestDatabase;
let url = '';
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 6, days: 120, seed: 2 });
  const u = new URL(db.url);
  u.username = 'postgres';
  u.password = PASSWORD;
  url = u.toString();
});
afterAll(() => db?.drop());

const vecbt = (args: string[], databaseUrl = url) =>
  spawnSync(process.execPath, ['bin/vecbt.mjs', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, TZ: 'UTC' }, encoding: 'utf8' });

describe('the database password', () => {
  it('vecbt run / runs / results print the target without the password', () => {
    const run = vecbt(['run', '--no-tui', '--chunk-size', '2']);
    expect(run.status, run.stderr).toBe(0);
    const target = `${new URL(db.url).host}/${db.name}`;
    expect(run.stdout).toContain(`on ${target}`);
    const runId = /run (\d+)/.exec(run.stdout)![1];
    const runs = vecbt(['runs']);
    const results = vecbt(['results', runId, '--format', 'json']);
    for (const r of [run, runs, results]) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    }
  });

  it('a connection error (no such database) names host and database, masks the password, one line', () => {
    const u = new URL(url);
    u.pathname = '/no_such_db_for_vecbt';
    const r = vecbt(['runs'], u.toString());
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(`vecbt runs: cannot connect to PostgreSQL at ${u.host}/no_such_db_for_vecbt (database does not exist: create it or fix the database name in DATABASE_URL)`);
  });

  it('no column of vecbt_runs or vecbt_chunks holds it', async () => {
    const { rows } = await db.pool.query(`SELECT (SELECT string_agg(r::text, ' ') FROM vecbt_runs r) || (SELECT string_agg(c::text, ' ') FROM vecbt_chunks c) AS all`);
    expect(rows[0].all.length, 'the run was recorded').toBeGreaterThan(100);
    expect(rows[0].all).not.toContain(PASSWORD);
  });
});
