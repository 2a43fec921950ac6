/**
 * Opening the database the commands work on: DATABASE_URL when set, else the embedded default
 * (`./.vecbt/pg`, shared by the vecbt processes of that directory). One Pool per process; `close()` ends the
 * pool and leaves the embedded server (stopping it when this process is its last user).
 */
import pg from 'pg';
import { UserError } from '../errors';
import { maskPassword, parseConnectionString } from './connection';
import { startEmbedded, type EmbeddedDb } from './embedded';

export { isConnectionError } from './isConnectionError';

/** VECBT_LOCK_TIMEOUT's default, in seconds: longer than any lock vecbt itself holds on a table a read waits for. */
export const DEFAULT_LOCK_TIMEOUT_SECONDS = 10;

/**
 * VECBT_LOCK_TIMEOUT (seconds, decimals allowed; 0 = wait for ever; default 10): how long a statement waits
 * for a table lock held by another session (a user's ALTER TABLE or LOCK TABLE, a long index build) before
 * it fails with a message naming this setting, instead of hanging without a word.
 */
export function lockTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.VECBT_LOCK_TIMEOUT;
  if (v === undefined || v.trim() === '') return DEFAULT_LOCK_TIMEOUT_SECONDS;
  const n = /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : NaN;
  if (!(n >= 0 && n <= 86_400)) throw new UserError(`VECBT_LOCK_TIMEOUT must be a number of seconds from 0 (no limit) to 86400, got ${JSON.stringify(v)}`);
  return n;
}

export interface Database {
  pool: pg.Pool;
  /** host:port/db or "embedded (127.0.0.1:PORT/vecbt)": safe to print. */
  target: string;
  embedded: boolean;
  /** The role we connect as (for messages such as which role to GRANT to). */
  role?: string;
  /** lock_timeout of every session of the pool, in seconds (0: none): VECBT_LOCK_TIMEOUT. */
  lockTimeoutSeconds?: number;
  close(): Promise<void>;
  /**
   * On a stop signal, without waiting for the pool's clients (a query in flight): leaves the embedded server
   * (stopping it when this process is its last user, which ends our own sessions too). A no-op on DATABASE_URL.
   */
  abandon?(): Promise<void>;
}

function describeConnectError(err: unknown, target: string, url: string): UserError {
  const e = err as { code?: string; message?: string };
  const why = e?.code === 'ECONNREFUSED' ? 'connection refused: is PostgreSQL running there?'
    : e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN' ? 'host not found: check the host name in DATABASE_URL'
    : e?.code === '28P01' ? 'password authentication failed: check the user and password in DATABASE_URL'
    : e?.code === '3D000' ? 'database does not exist: create it or fix the database name in DATABASE_URL'
    : maskPassword(e?.message ?? String(err), [url]);
  return new UserError(`cannot connect to PostgreSQL at ${target} (${why})`, 1);
}

export async function openDatabase(opts: { url?: string; embeddedDir?: string; max?: number } = {}): Promise<Database> {
  const url = opts.url ?? process.env.DATABASE_URL;
  const lockTimeoutSeconds = lockTimeoutFromEnv();
  let embedded: EmbeddedDb | undefined;
  let connUrl: string;
  let label: string;
  if (url) {
    connUrl = url;
    label = parseConnectionString(url).target.label;
  } else {
    embedded = await startEmbedded({ dir: opts.embeddedDir, log: (line) => process.stderr.write(line + '\n') });
    connUrl = embedded.url;
    label = embedded.label;
  }
  const { config } = parseConnectionString(connUrl, {
    max: opts.max ?? 4,
    connectionTimeoutMillis: 10_000,
    // Every session waits at most VECBT_LOCK_TIMEOUT for a table lock. A SET when the client connects (before
    // the pool hands it out) rather than a startup parameter, which poolers such as PgBouncer refuse.
    onConnect: async (client) => {
      await client.query("SELECT set_config('lock_timeout', $1, false)", [`${Math.round(lockTimeoutSeconds * 1000)}ms`]);
    },
  });
  // node-postgres' own default when the URL names no user
  const role = config.user ?? process.env.PGUSER ?? (process.platform === 'win32' ? process.env.USERNAME : process.env.USER) ?? 'postgres';
  const pool = new pg.Pool(config);
  // An idle client dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // Same for a checked-out client (e.g. pg_terminate_backend while it is held): the failing query reports it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const close = async () => {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
  };
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await close();
    throw describeConnectError(err, label, connUrl);
  }
  return { pool, target: label, embedded: !!embedded, role, lockTimeoutSeconds, close, abandon: async () => embedded?.stop() };
}
