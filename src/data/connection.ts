/**
 * Connection settings: DATABASE_URL -> a node-postgres Pool config, TLS policy, and the masked
 * description of the target used in every message (a password is never printed).
 *
 * TLS: PGSSLMODE `disable` -> off; `no-verify` -> TLS without certificate verification (Heroku
 * Postgres' self-signed certificate); `require`/`verify-*` -> TLS verified; unset -> TLS (no-verify)
 * for non-local hosts, off for localhost / 127.0.0.1 / ::1 / unix sockets.
 */
import type { PoolConfig } from 'pg';
import { UserError } from '../errors';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/** Replaces the password of every `scheme://user:password@host` in `text` with `***`. */
export function maskPassword(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)@/gi, '$1***@').replace(/(password=)([^\s&]+)/gi, '$1***');
}

export interface ConnectionTarget {
  /** host:port/database, never with the password. */
  label: string;
  host: string;
  port: number;
  database: string;
}

export function isLocalHost(host: string): boolean {
  return LOCAL_HOSTS.has(host) || host.startsWith('/');
}

export function sslFor(host: string, mode = process.env.PGSSLMODE): PoolConfig['ssl'] {
  const m = (mode ?? '').toLowerCase();
  if (m === 'disable' || m === 'allow') return false;
  if (m === 'no-verify') return { rejectUnauthorized: false };
  if (m === 'require' || m === 'verify-ca' || m === 'verify-full') return { rejectUnauthorized: true };
  if (m === 'prefer' || m === '') return isLocalHost(host) ? false : { rejectUnauthorized: false };
  throw new UserError(`PGSSLMODE='${mode}' is not recognised; use disable, no-verify, require, verify-ca or verify-full`);
}

/** Parses a postgres:// URL into a Pool config plus its masked label. Throws a UserError on a malformed URL. */
export function poolConfigFromUrl(url: string, extra: PoolConfig = {}): { config: PoolConfig; target: ConnectionTarget } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`DATABASE_URL is not a valid URL ('${maskPassword(url)}'); expected postgres://user:password@host:5432/dbname`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new UserError(`DATABASE_URL must start with postgres:// (got '${u.protocol}//'); expected postgres://user:password@host:5432/dbname`);
  }
  const host = decodeURIComponent(u.hostname || u.searchParams.get('host') || 'localhost');
  const port = Number(u.port || 5432);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
  const sslmode = u.searchParams.get('sslmode') ?? undefined;
  const config: PoolConfig = {
    host,
    port,
    database,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    ssl: sslFor(host, sslmode ?? process.env.PGSSLMODE),
    application_name: 'vecbt',
    ...extra,
  };
  return { config, target: { label: `${host}:${port}/${database}`, host, port, database } };
}
