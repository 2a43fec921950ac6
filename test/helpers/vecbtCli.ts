/**
 * Runs the real CLI (`node bin/vecbt.mjs ...`) in a child process, on DATABASE_URL or, with `databaseUrl:
 * null`, on the embedded default of `cwd` (`<cwd>/.vecbt/pg`: each test file uses its own temporary directory,
 * so its embedded server never meets another worktree's or test file's).
 *
 * @example const r = await vecbt(['runs'], { databaseUrl: null, cwd: home });  // r.code, r.out, r.err
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const VECBT_BIN = resolve(__dirname, '../../bin/vecbt.mjs');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

export interface CliOptions {
  /** postgres:// URL, or null for the embedded default of `cwd`. */
  databaseUrl: string | null;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, then closed. */
  input?: string;
}

export function cliEnv(databaseUrl: string | null, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC', ...extra };
  if (databaseUrl === null) delete env.DATABASE_URL;
  else env.DATABASE_URL = databaseUrl;
  return env;
}

export function vecbt(args: readonly string[], opts: CliOptions): Promise<CliResult> {
  return new Promise((res) => {
    const c = spawn(process.execPath, [VECBT_BIN, ...args], { cwd: opts.cwd ?? process.cwd(), env: cliEnv(opts.databaseUrl, opts.env) });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d.toString()));
    c.stderr.on('data', (d) => (err += d.toString()));
    c.stdin.end(opts.input ?? '');
    c.on('close', (code) => res({ code, out, err }));
  });
}

/** A temporary directory to run vecbt in (its embedded server in `<dir>/.vecbt/pg`). */
export function tempHome(prefix = 'vecbt-home-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The pid in `<home>/.vecbt/pg/postmaster.pid`, or null when no embedded server claims the directory. */
export function embeddedPid(home: string): number | null {
  const f = join(home, '.vecbt', 'pg', 'postmaster.pid');
  if (!existsSync(f)) return null;
  const pid = Number(readFileSync(f, 'utf8').split('\n')[0]);
  return pid > 0 ? pid : null;
}

/** Whether `pid` runs (a zombie, exited but not yet reaped by an init that reaps slowly, does not). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): alive as far as we can tell
  }
}

/** Waits until `cond()` holds (polling), or throws after `ms`. */
export async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Stops a server a failed test may have left in `home`, then deletes `home`. */
export async function removeHome(home: string): Promise<void> {
  const pid = embeddedPid(home);
  if (pid && pidAlive(pid)) {
    process.kill(pid, 'SIGINT');
    await waitFor(() => !pidAlive(pid) || embeddedPid(home) === null, 30_000, 'the embedded server to stop').catch(() => undefined);
  }
  rmSync(home, { recursive: true, force: true });
}
