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

export interface Database {
  pool: pg.Pool;
  /** host:port/db or "embedded (127.0.0.1:PORT/vecbt)": safe to print. */
  target: string;
  embedded: boolean;
  /** The role we connect as (for messages such as which role to GRANT to). */
  role?: string;
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
  const { config } = parseConnectionString(connUrl, { max: opts.max ?? 4, connectionTimeoutMillis: 10_000 });
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
  return { pool, target: label, embedded: !!embedded, role, close, abandon: async () => embedded?.stop() };
}
