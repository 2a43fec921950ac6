/** The checks `vecbt run --distributed` and `vecbt worker` make before touching a database. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { assertDistributedTarget, chunkTimeoutFromEnv } from '../../src/commands/executeDistributedRun';
import { onceThenForce } from '../../src/commands/onceThenForce';
import { UserError } from '../../src/errors';

describe('distributed argument checks', () => {
  it('assertDistributedTarget({}) throws a one-line UserError saying DATABASE_URL is needed and why', () => {
    expect(() => assertDistributedTarget({})).toThrow(UserError);
    expect(() => assertDistributedTarget({})).toThrow(/^--distributed needs DATABASE_URL: .*set DATABASE_URL=postgres:\/\//);
    expect(() => assertDistributedTarget({ DATABASE_URL: 'postgres://u@h/db' })).not.toThrow();
  });

  it('chunkTimeoutFromEnv reads VECBT_CHUNK_TIMEOUT_SECONDS: unset -> default, whole seconds 5..86400, else a UserError', () => {
    expect(chunkTimeoutFromEnv({})).toBeUndefined();
    expect(chunkTimeoutFromEnv({ VECBT_CHUNK_TIMEOUT_SECONDS: '120' })).toBe(120);
    for (const bad of ['0', '4', '1.5', 'soon', '999999']) {
      expect(() => chunkTimeoutFromEnv({ VECBT_CHUNK_TIMEOUT_SECONDS: bad }), bad).toThrow(/VECBT_CHUNK_TIMEOUT_SECONDS must be a whole number/);
    }
  });

  it('vecbt worker without DATABASE_URL: one line, exit 2, no embedded server started', () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, ['bin/vecbt.mjs', 'worker'], { env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^vecbt worker: vecbt worker needs DATABASE_URL/);
  });

  it('vecbt worker --concurrency 0 / --frobnicate: one line, exit 2', () => {
    for (const [args, msg] of [
      [['--concurrency', '0'], /--concurrency must be an integer >= 1/],
      [['--frobnicate'], /unknown flag --frobnicate/],
    ] as const) {
      const r = spawnSync(process.execPath, ['bin/vecbt.mjs', 'worker', ...args], { env: { ...process.env, DATABASE_URL: 'postgres://u@127.0.0.1:1/x' }, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('onceThenForce: the first signal stops, a duplicate within 1 s is ignored, a later one forces', async () => {
    const calls: string[] = [];
    const h = onceThenForce((sig) => calls.push(`stop ${sig}`), () => calls.push('force'), 50);
    h('SIGTERM');
    h('SIGTERM');
    expect(calls).toEqual(['stop SIGTERM']);
    await new Promise((r) => setTimeout(r, 80));
    h('SIGINT');
    expect(calls).toEqual(['stop SIGTERM', 'force']);
  });
});
