/**
 * Numbered SQL migrations (`src/data/migrations/NNNN_name.sql`), applied in order, each in its own
 * transaction, recorded in `vecbt_migrations`. Idempotent; concurrent callers (two release phases, a test
 * and a run) serialise on an advisory lock.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Pool } from 'pg';
import type { Queryable } from './queryable';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary constant: the advisory lock key of the migrator. */
const MIGRATE_LOCK = 7_271_001;

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: Number(f.split('_')[0]), name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/**
 * The migrations of this version not recorded in `vecbt_migrations` (all of them when the table is missing).
 * Reads only: a SELECT-only role or a read-only session can ask.
 */
export async function pendingMigrations(db: Queryable): Promise<{ schema: boolean; pending: Migration[] }> {
  const { rows } = await db.query<{ schema: boolean }>(`SELECT to_regclass('vecbt_migrations') IS NOT NULL AS schema`);
  if (!rows[0].schema) return { schema: false, pending: listMigrations() };
  const applied = await db.query<{ id: number }>('SELECT id FROM vecbt_migrations');
  const done = new Set(applied.rows.map((r) => r.id));
  return { schema: true, pending: listMigrations().filter((m) => !done.has(m.id)) };
}

/**
 * Applies the pending migrations; returns the names applied now (empty when up to date). Up to date is
 * found by reading alone, without the lock or any DDL, so a role that may not CREATE can still run.
 */
export async function migrate(pool: Pool): Promise<string[]> {
  if (!(await pendingMigrations(pool)).pending.length) return [];
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    // Another process migrating (an index build on a large table takes a while) is waited for, whatever
    // lock_timeout (VECBT_LOCK_TIMEOUT) the session has; the migrations' own DDL keeps it.
    const { rows: lt } = await client.query<{ t: string }>("SELECT current_setting('lock_timeout') AS t");
    await client.query("SELECT set_config('lock_timeout', '0', false)");
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK]);
    await client.query("SELECT set_config('lock_timeout', $1, false)", [lt[0].t]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS vecbt_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ id: number }>('SELECT id FROM vecbt_migrations');
    const done = new Set(rows.map((r) => r.id));
    for (const m of listMigrations()) {
      if (done.has(m.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO vecbt_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      applied.push(m.name);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
