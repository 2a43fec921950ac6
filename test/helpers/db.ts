/**
 * A fresh PostgreSQL database per test file, on the machine's cluster (127.0.0.1:5432, user postgres,
 * trust; override with VECBT_TEST_PG=postgres://user@host:port). Never skips: when the server is
 * missing the suite fails with a message saying how to start it.
 *
 * @example
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await createTestDatabase(); });
 *   afterAll(() => db?.drop());
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { migrate } from '../../src/data/migrate';

export const TEST_PG_BASE = process.env.VECBT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  name: string;
  /** postgres://... of the fresh database. */
  url: string;
  pool: pg.Pool;
  /** Ends the pool and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  try {
    await c.connect();
  } catch (err) {
    throw new Error(
      `test database server ${TEST_PG_BASE} is not reachable (${(err as Error).message}); start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` (or run .ci/run)',
    );
  }
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates `vecbt_test_<random>`; runs the migrations unless `migrated: false`. */
export async function createTestDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `vecbt_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = `${TEST_PG_BASE}/${name}`;
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  if (opts.migrated !== false) await migrate(pool);
  let dropped = false;
  return {
    name,
    url,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end().catch(() => undefined);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
