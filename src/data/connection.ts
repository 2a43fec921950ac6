/**
 * Connection settings: DATABASE_URL -> a node-postgres Pool config, TLS policy, and the masked
 * description of the target used in every message (a password is never printed).
 *
 * DATABASE_URL is a `postgres://` / `postgresql://` URL (user, password, host, port, database, and libpq's
 * `?user= &password= &dbname= &host= &port= &sslmode=` in the query) or libpq's keyword form
 * (`host=h port=5432 dbname=d user=u password='p w'`, spaces around `=`, single-quoted values with `\'` and
 * `\\`). Passwords are masked by parsing what was given: we know the password, and where it is, so no message
 * ever quotes a malformed string, and `maskPassword` removes that exact password (in every encoding) from a
 * message; no pattern guesses where a password might be.
 *
 * TLS: PGSSLMODE `disable` -> off; `no-verify` -> TLS without certificate verification (Heroku
 * Postgres' self-signed certificate); `require`/`verify-*` -> TLS verified; unset -> TLS (no-verify)
 * for non-local hosts, off for localhost / 127.0.0.1 / ::1 / unix sockets.
 */
import type { PoolConfig } from 'pg';
import { UserError } from '../errors';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);
const NOT_SHOWN = 'not shown: it may hold a password';
const ENCODE_HINT = 'encode special characters as %XX in the user and password (@ as %40, : as %3A, / as %2F, % as %25, a space as %20)';
const EXPECTED = 'expected postgres://user:password@host:5432/dbname or host=... port=... dbname=... user=... password=...';
/**
 * Shorter passwords are not searched for in messages: masking every "ab" would garble ordinary words, and
 * no message of ours quotes a password anyway (this is the safety net).
 */
const MIN_SECRET = 3;

export interface ConnectionTarget {
  /** host:port/database, never with the password. */
  label: string;
  host: string;
  port: number;
  database: string;
}

export interface ConnectionSettings {
  config: PoolConfig;
  target: ConnectionTarget;
  /** The password in every form it may take in a message: as given, decoded, URL-encoded. */
  secrets: string[];
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

/** A password's forms: each value and its URL encoding, plus each form as written (`raw`: escapes, %XX left as given). */
const secretForms = (values: (string | undefined)[], raw: (string | undefined)[] = []): string[] => {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    out.add(v);
    out.add(encodeURIComponent(v));
  }
  for (const r of raw) if (r) out.add(r);
  return [...out].filter((s) => s.length >= MIN_SECRET);
};

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
const isKeywords = (s: string) => /^[a-z_]+\s*=/i.test(s);

interface Fields {
  host?: string;
  port?: string;
  database?: string;
  user?: string;
  password?: string;
  sslmode?: string;
  applicationName?: string;
  connectTimeout?: string;
}

function settingsOf(f: Fields, extra: PoolConfig, secrets: string[], name: string): ConnectionSettings {
  const host = f.host || 'localhost';
  const port = f.port === undefined || f.port === '' ? 5432 : Number(f.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UserError(`${name}: the port must be a number from 1 to 65535, got '${f.port}'`);
  const database = f.database || f.user || 'postgres';
  const timeout = f.connectTimeout ? Number(f.connectTimeout) : NaN;
  const config: PoolConfig = {
    host,
    port,
    database,
    user: f.user || undefined,
    password: f.password || undefined,
    ssl: sslFor(host, f.sslmode ?? process.env.PGSSLMODE),
    application_name: f.applicationName || 'vecbt',
    ...(timeout > 0 ? { connectionTimeoutMillis: timeout * 1000 } : {}),
    ...extra,
  };
  return { config, target: { label: `${host}:${port}/${database}`, host, port, database }, secrets };
}

class Malformed extends Error {}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new Malformed('a % not followed by two hex digits');
  }
}

function fromUrl(given: string, extra: PoolConfig, name: string): ConnectionSettings {
  const scheme = given.slice(0, given.indexOf('://')).toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    throw new UserError(`${name} must start with postgres:// (got '${scheme}://'); ${EXPECTED}`);
  }
  let u: URL;
  try {
    u = new URL(given);
  } catch {
    throw new UserError(`${name} is not a valid URL (${NOT_SHOWN}); check the host and port, and ${ENCODE_HINT}; ${EXPECTED}`);
  }
  try {
    const q = u.searchParams;
    const password = u.password ? decode(u.password) : (q.get('password') ?? undefined);
    const fields: Fields = {
      host: decode(u.hostname) || q.get('host') || undefined,
      port: u.port || q.get('port') || undefined,
      database: decode(u.pathname.replace(/^\//, '')) || q.get('dbname') || undefined,
      user: decode(u.username) || q.get('user') || undefined,
      password,
      sslmode: q.get('sslmode') ?? undefined,
      applicationName: q.get('application_name') ?? undefined,
      connectTimeout: q.get('connect_timeout') ?? undefined,
    };
    return settingsOf(fields, extra, secretForms([password], [u.password]), name);
  } catch (err) {
    if (err instanceof Malformed) throw new UserError(`${name} is malformed (${NOT_SHOWN}): ${err.message}; ${ENCODE_HINT}`);
    throw err;
  }
}

/** The keywords of libpq's form that vecbt reads, and the field each sets. */
const KEYWORDS: Record<string, keyof Fields> = {
  host: 'host',
  hostaddr: 'host',
  port: 'port',
  dbname: 'database',
  user: 'user',
  password: 'password',
  sslmode: 'sslmode',
  application_name: 'applicationName',
  connect_timeout: 'connectTimeout',
};

/** Levenshtein distance <= 2 to a keyword: a typo worth naming back (anything else might be a piece of a password). */
function typoOf(word: string): string | undefined {
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    return d[a.length][b.length];
  };
  return Object.keys(KEYWORDS).find((k) => dist(word, k) <= 2);
}

interface KeywordPair {
  key: string;
  value: string;
  /** The value as written (inside the quotes, escapes included). */
  raw: string;
}

/**
 * libpq's `key = value` pairs. `tolerant`: never throw (an unclosed quote runs to the end), for finding
 * the password of a string we are about to refuse.
 */
function keywordPairs(s: string, tolerant = false): KeywordPair[] {
  const pairs: KeywordPair[] = [];
  let i = 0;
  const n = s.length;
  const ws = () => {
    while (i < n && /\s/.test(s[i])) i++;
  };
  for (;;) {
    ws();
    if (i >= n) return pairs;
    const k0 = i;
    while (i < n && !/[\s=]/.test(s[i])) i++;
    const key = s.slice(k0, i);
    ws();
    if (s[i] !== '=') {
      if (tolerant) return pairs;
      throw new Malformed('a keyword without "= value"');
    }
    i++;
    ws();
    let value = '';
    let raw: string;
    if (s[i] === "'") {
      const r0 = ++i;
      let closed = false;
      while (i < n) {
        if (s[i] === '\\' && i + 1 < n) {
          value += s[i + 1];
          i += 2;
        } else if (s[i] === "'") {
          closed = true;
          break;
        } else value += s[i++];
      }
      raw = s.slice(r0, i);
      if (!closed && !tolerant) throw new Malformed('a quoted value is not closed');
      i++;
    } else {
      const r0 = i;
      while (i < n && !/\s/.test(s[i])) {
        if (s[i] === '\\' && i + 1 < n) i++;
        value += s[i++];
      }
      raw = s.slice(r0, i);
    }
    pairs.push({ key, value, raw });
  }
}

function fromKeywords(given: string, extra: PoolConfig, name: string): ConnectionSettings {
  let pairs: KeywordPair[];
  try {
    pairs = keywordPairs(given);
  } catch (err) {
    if (err instanceof Malformed) throw new UserError(`${name} is malformed (${NOT_SHOWN}): ${err.message}; quote a value with spaces as password='a b' (\\' for a quote); ${EXPECTED}`);
    throw err;
  }
  const fields: Fields = {};
  const secrets: string[] = [];
  for (const { key, value, raw } of pairs) {
    const field = KEYWORDS[key];
    if (!field) {
      const typo = typoOf(key.toLowerCase());
      throw new UserError(
        `${name}: ${typo ? `unknown keyword "${key}" (did you mean ${typo}?)` : `an unknown keyword (${NOT_SHOWN})`}; vecbt reads ${Object.keys(KEYWORDS).join(', ')}`,
      );
    }
    fields[field] = value;
    if (field === 'password') secrets.push(...secretForms([value], [raw]));
  }
  return settingsOf(fields, extra, secrets, name);
}

/**
 * Parses DATABASE_URL (a URL or libpq keywords) into a Pool config, its masked label and its secrets.
 * Throws a one-line UserError that never quotes the string.
 * @example parseConnectionString("host=db.example.com dbname=prod password='p w'").target.label // 'db.example.com:5432/prod'
 */
export function parseConnectionString(given: string, extra: PoolConfig = {}, name = 'DATABASE_URL'): ConnectionSettings {
  const s = given.trim();
  if (isUrl(s)) return fromUrl(s, extra, name);
  if (isKeywords(s)) return fromKeywords(s, extra, name);
  throw new UserError(`${name} is neither a postgres:// URL nor keyword=value pairs (${NOT_SHOWN}); ${EXPECTED}`);
}

/** Parses a connection string into a Pool config plus its masked label. Throws a UserError on a malformed one. */
export function poolConfigFromUrl(url: string, extra: PoolConfig = {}): { config: PoolConfig; target: ConnectionTarget } {
  const { config, target } = parseConnectionString(url, extra);
  return { config, target };
}

/** The likely password of a connection string we cannot parse: what sits where a password would. */
function likelySecrets(given: string): string[] {
  const s = given.trim();
  if (isUrl(s)) {
    const rest = s.slice(s.indexOf('://') + 3);
    const at = rest.lastIndexOf('@');
    const colon = rest.indexOf(':');
    if (at < 0 || colon < 0 || colon > at) return [];
    const raw = rest.slice(colon + 1, at);
    let decoded: string | undefined;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      decoded = undefined;
    }
    return secretForms([decoded], [raw, ...raw.split('@')]);
  }
  return keywordPairs(s, true).filter((p) => p.key === 'password').flatMap((p) => secretForms([p.value], [p.raw]));
}

/** The passwords this process was given: DATABASE_URL's (parsed, or found where it would be) and PGPASSWORD. */
export function connectionSecrets(env: NodeJS.ProcessEnv = process.env, given: readonly string[] = [env.DATABASE_URL ?? '']): string[] {
  const out = new Set<string>();
  for (const g of given) {
    if (!g) continue;
    let secrets: string[];
    try {
      secrets = parseConnectionString(g).secrets;
    } catch {
      secrets = likelySecrets(g);
    }
    for (const s of secrets) out.add(s);
  }
  for (const s of secretForms([env.PGPASSWORD])) out.add(s);
  return [...out];
}

function maskedConnectionString(given: string): string {
  const s = given.trim();
  try {
    if (isUrl(s)) {
      parseConnectionString(s);
      const u = new URL(s);
      if (u.password) u.password = 'xxxmaskedxxx';
      if (u.searchParams.has('password')) u.searchParams.set('password', 'xxxmaskedxxx');
      return u.toString().replaceAll('xxxmaskedxxx', '***');
    }
    const pairs = keywordPairs(s);
    parseConnectionString(s);
    return pairs.map((p) => `${p.key}=${p.key === 'password' ? '***' : /[\s'\\]/.test(p.value) || p.value === '' ? `'${p.value.replace(/['\\]/g, '\\$&')}'` : p.value}`).join(' ');
  } catch {
    return '(a malformed connection string, not shown)';
  }
}

/**
 * maskPassword(text): `text` without the password. A connection string itself comes back with `***` for its
 * password (nothing of a malformed one); any other text has every form of the passwords of `given` (default:
 * DATABASE_URL) and of PGPASSWORD replaced by `***`.
 * @example maskPassword('postgres://u:pw42@h/db') // 'postgres://u:***@h/db'
 */
export function maskPassword(text: string, given: readonly string[] = [process.env.DATABASE_URL ?? '']): string {
  const t = text.trim();
  if (!t.includes('\n') && (isUrl(t) || isKeywords(t))) return maskedConnectionString(t);
  let out = text;
  // Longest first: the encoded form contains no shorter form's ***, and a password containing another is masked whole.
  for (const secret of connectionSecrets(process.env, given).sort((a, b) => b.length - a.length)) out = out.replaceAll(secret, '***');
  return out;
}

