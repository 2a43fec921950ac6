/**
 * Issue 17 item 7: read commands (`vecbt runs`, `vecbt results`) never write, so a SELECT-only role (a reporting
 * user) and a read-only session (`default_transaction_read_only`, a replica) can use them; writing commands
 * say in one line why they cannot; a missing or older vecbt schema is named with the command that fixes it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_PG_BASE, type TestDatabase } from '../helpers/db';
import { vecbt } from '../helpers/vecbtCli';
import { synthUniverse } from '../../src/data/synth';
import { listMigrations } from '../../src/data/migrate';

const READER = `vecbt_reader_${randomBytes(4).toString('hex')}`;
let db: TestDatabase;
let readOnlyDb: TestDatabase;
let emptyDb: TestDatabase;
let runId = 0;

const asRole = (d: TestDatabase, role: string) => {
  const u = new URL(d.url);
  u.username = role;
  return u.toString();
};
const target = (d: TestDatabase) => `127.0.0.1:5432/${d.name}`;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  [db, readOnlyDb, emptyDb] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase({ migrated: false })]);
  for (const d of [db, readOnlyDb]) {
    await synthUniverse(d.pool, { tickers: 4, days: 80, seed: 9 });
    const r = await vecbt(['run', '--no-tui'], { databaseUrl: d.url });
    if (r.code !== 0) throw new Error(r.err);
    runId = Number(/run (\d+)/.exec(r.out)![1]);
  }
  await admin(`CREATE ROLE ${READER} LOGIN`);
  await db.pool.query(`GRANT USAGE ON SCHEMA public TO ${READER}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${READER}`);
  await emptyDb.pool.query(`GRANT USAGE ON SCHEMA public TO ${READER}`);
  await readOnlyDb.pool.query(`ALTER DATABASE ${readOnlyDb.name} SET default_transaction_read_only = on`);
});
afterAll(async () => {
  await Promise.all([db, readOnlyDb, emptyDb].map((d) => d?.drop()));
  await admin(`DROP ROLE IF EXISTS ${READER}`).catch(() => undefined);
});

describe('a SELECT-only role', () => {
  it('vecbt runs and vecbt results <id> work and change nothing', async () => {
    const url = asRole(db, READER);
    const runs = await vecbt(['runs'], { databaseUrl: url });
    expect({ code: runs.code, err: runs.err }).toEqual({ code: 0, err: '' });
    expect(runs.out).toMatch(new RegExp(`^${runId}\\s+done`, 'm'));
    const results = await vecbt(['results', String(runId), '--format', 'csv'], { databaseUrl: url });
    expect({ code: results.code, err: results.err }).toEqual({ code: 0, err: '' });
    expect(results.out.trim().split('\n')).toHaveLength(1 + 4);
  });

  it('vecbt run: one line saying the role may not write the vecbt tables and what to grant, exit 2', async () => {
    const r = await vecbt(['run', '--no-tui'], { databaseUrl: asRole(db, READER) });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toMatch(
      new RegExp(`^vecbt run: permission denied for table vecbt_runs \\(role ${READER} on ${target(db).replaceAll('.', '\\.')}\\): this command writes; connect as a role that may, or GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${READER}$`),
    );
  });
});

describe('default_transaction_read_only = on', () => {
  it('vecbt runs and vecbt results <id> work', async () => {
    const runs = await vecbt(['runs'], { databaseUrl: readOnlyDb.url });
    expect({ code: runs.code, err: runs.err }).toEqual({ code: 0, err: '' });
    const results = await vecbt(['results', String(runId)], { databaseUrl: readOnlyDb.url });
    expect({ code: results.code, err: results.err }).toEqual({ code: 0, err: '' });
  });

  it('vecbt run and vecbt db load: one line saying the database is read-only, exit 2', async () => {
    for (const args of [['run', '--no-tui'], ['db', 'synth', '--tickers', '1', '--days', '30']]) {
      const r = await vecbt(args, { databaseUrl: readOnlyDb.url });
      expect({ code: r.code, err: r.err.trim() }, args.join(' ')).toEqual({
        code: 2,
        err: `vecbt ${args[0]}: ${target(readOnlyDb)} is read-only (default_transaction_read_only is on, or it is a standby): this command writes; point DATABASE_URL at the primary, or SET default_transaction_read_only = off for this role or database`,
      });
    }
  });
});

describe('a database without the vecbt tables, or with older ones', () => {
  it('vecbt runs / results on a database never migrated: one line naming it and vecbt db migrate, exit 2, nothing created', async () => {
    for (const args of [['runs'], ['results', '1']]) {
      const r = await vecbt(args, { databaseUrl: asRole(emptyDb, READER) });
      expect({ code: r.code, err: r.err.trim() }, args.join(' ')).toEqual({
        code: 2,
        err: `vecbt ${args[0]}: ${target(emptyDb)} has no vecbt tables (no run was ever made there); create them with: npx vecbt db migrate (as a role that may CREATE in the schema), or check that DATABASE_URL names the right database`,
      });
    }
    const { rows } = await emptyDb.pool.query(`SELECT to_regclass('vecbt_migrations') AS t`);
    expect(rows[0].t, 'a read command created nothing').toBeNull();
  });

  it('vecbt runs on a schema older than this vecbt: one line naming the missing migrations and vecbt db migrate; not migrated by it', async () => {
    const last = listMigrations().at(-1)!;
    await db.pool.query('DELETE FROM vecbt_migrations WHERE id = $1', [last.id]);
    try {
      const r = await vecbt(['runs'], { databaseUrl: db.url });
      expect({ code: r.code, err: r.err.trim() }).toEqual({
        code: 2,
        err: `vecbt runs: the vecbt tables of ${target(db)} are older than this vecbt (missing migration ${last.name}); upgrade them with: npx vecbt db migrate (as a role that may CREATE in the schema)`,
      });
      const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM vecbt_migrations WHERE id = $1', [last.id]);
      expect(rows[0].n, 'vecbt runs did not migrate').toBe(0);
    } finally {
      await db.pool.query('INSERT INTO vecbt_migrations (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [last.id, last.name]);
    }
  });
});
