/**
 * Issue 17, locks and statement_timeout: a table locked by another session gives a one-line message after
 * VECBT_LOCK_TIMEOUT seconds instead of a silent hang; a statement_timeout cancellation names the setting to
 * raise; SIGTERM ends a run blocked on a lock well within Heroku's 30 s.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { cliEnv, VECBT_BIN, type CliResult } from '../helpers/vecbtCli';
import { synthUniverse } from '../../src/data/synth';
import { lockTimeoutFromEnv } from '../../src/data/openDatabase';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await synthUniverse(db.pool, { tickers: 4, days: 80, seed: 4 });
});
afterAll(() => db?.drop());

/** Holds `LOCK TABLE <table> IN ACCESS EXCLUSIVE MODE` in an open transaction until released. */
async function lockTable(table: string): Promise<() => Promise<void>> {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query('BEGIN');
  await c.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return async () => {
    await c.query('ROLLBACK');
    await c.end();
  };
}

/** vecbt in a child process, killed (SIGKILL) after `limitMs`; `signal` sends SIGTERM after `signalAfterMs`. */
function vecbtTimed(args: string[], env: NodeJS.ProcessEnv, limitMs: number, signalAfterMs?: number): Promise<CliResult & { ms: number }> {
  return new Promise((res) => {
    const t0 = Date.now();
    const c = spawn(process.execPath, [VECBT_BIN, ...args], { env: cliEnv(db.url, env) });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d.toString()));
    c.stderr.on('data', (d) => (err += d.toString()));
    const kill = setTimeout(() => c.kill('SIGKILL'), limitMs);
    const term = signalAfterMs === undefined ? undefined : setTimeout(() => c.kill('SIGTERM'), signalAfterMs);
    c.on('close', (code) => {
      clearTimeout(kill);
      if (term) clearTimeout(term);
      res({ code, out, err, ms: Date.now() - t0 });
    });
  });
}

const LOCKED = (s: number) =>
  `is locked by another session, still after ${s} s (VECBT_LOCK_TIMEOUT); wait for that session to commit (see pg_stat_activity, wait_event_type = Lock, and pg_blocking_pids), or raise VECBT_LOCK_TIMEOUT (seconds; 0 waits for ever)`;

describe('a table locked by another session', () => {
  it('vecbt run with VECBT_LOCK_TIMEOUT=1 on a locked daily_market_data: one line after ~1 s, exit 2, no run created', async () => {
    const release = await lockTable('daily_market_data');
    try {
      const r = await vecbtTimed(['run', '--no-tui'], { VECBT_LOCK_TIMEOUT: '1' }, 20_000);
      expect({ code: r.code, err: r.err.trim() }).toEqual({ code: 2, err: `vecbt run: a table vecbt needs on 127.0.0.1:5432/${db.name} ${LOCKED(1)}` });
      expect(r.ms, 'no silent hang').toBeLessThan(10_000);
    } finally {
      await release();
    }
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM vecbt_runs');
    expect(rows[0].n).toBe(0);
  });

  it('vecbt runs with VECBT_LOCK_TIMEOUT=1 on a locked vecbt_runs: the same line, exit 2', async () => {
    const release = await lockTable('vecbt_runs');
    try {
      const r = await vecbtTimed(['runs'], { VECBT_LOCK_TIMEOUT: '1' }, 20_000);
      expect({ code: r.code, err: r.err.trim() }).toEqual({ code: 2, err: `vecbt runs: a table vecbt needs on 127.0.0.1:5432/${db.name} ${LOCKED(1)}` });
    } finally {
      await release();
    }
  });

  it('vecbt run blocked on a locked table (default VECBT_LOCK_TIMEOUT) gets SIGTERM: it exits well within 30 s', async () => {
    const release = await lockTable('daily_market_data');
    try {
      const r = await vecbtTimed(['run', '--no-tui'], { VECBT_LOCK_TIMEOUT: '' }, 40_000, 3_000);
      expect(r.code, r.err).not.toBeNull();
      expect(r.ms).toBeLessThan(20_000);
    } finally {
      await release();
    }
  });
});

describe('statement_timeout', () => {
  it("vecbt runs cancelled by the database's statement_timeout: one line naming the setting to raise, exit 2", async () => {
    await db.pool.query(`ALTER DATABASE ${db.name} SET statement_timeout = '500ms'`);
    const release = await lockTable('vecbt_runs'); // the read waits past the statement timeout (no lock timeout)
    try {
      const r = await vecbtTimed(['runs'], { VECBT_LOCK_TIMEOUT: '0' }, 20_000);
      expect({ code: r.code, err: r.err.trim() }).toEqual({
        code: 2,
        err: `vecbt runs: a query on 127.0.0.1:5432/${db.name} ran longer than the server's statement_timeout and was cancelled; raise it for vecbt: ALTER ROLE postgres SET statement_timeout = '30min' (0 = no limit), or PGOPTIONS='-c statement_timeout=0' in vecbt's environment`,
      });
    } finally {
      await release();
      await db.pool.query(`ALTER DATABASE ${db.name} RESET statement_timeout`);
    }
  });
});

describe('lockTimeoutFromEnv', () => {
  it('lockTimeoutFromEnv: 10 s when unset or empty, seconds as given (0 = none), a one-line UserError otherwise', () => {
    expect([lockTimeoutFromEnv({}), lockTimeoutFromEnv({ VECBT_LOCK_TIMEOUT: '' }), lockTimeoutFromEnv({ VECBT_LOCK_TIMEOUT: '0' }), lockTimeoutFromEnv({ VECBT_LOCK_TIMEOUT: '2.5' })]).toEqual([10, 10, 0, 2.5]);
    for (const v of ['abc', '-1', '1e9', '5s']) {
      expect(() => lockTimeoutFromEnv({ VECBT_LOCK_TIMEOUT: v }), v).toThrow(`VECBT_LOCK_TIMEOUT must be a number of seconds from 0 (no limit) to 86400, got ${JSON.stringify(v)}`);
    }
  });
});
