import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// scripts/run_notebooks.py needs Debian's python3-nbclient + python3-ipykernel (installed by .ci/run).
const run = (...notebooks: string[]) => {
  const out = mkdtempSync(join(tmpdir(), 'vecbt-nb-'));
  try {
    return spawnSync('/usr/bin/python3', ['scripts/run_notebooks.py', '--out-dir', out, ...notebooks], { encoding: 'utf8', timeout: 120_000 });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
};

describe('scripts/run_notebooks.py', () => {
  it('run_notebooks.py smoke.ipynb runs the project-local tslab kernel and imports ./src/index', () => {
    const r = run('test/notebooks/fixtures/smoke.ipynb');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ok {3}test\/notebooks\/fixtures\/smoke\.ipynb \(\d+\.\ds\)$/m);
    expect(r.stdout).toContain('1/1 notebooks ran without error');
  });

  it('run_notebooks.py fails.ipynb exits 1 and prints the failing cell, its source and the tslab error', () => {
    const r = run('test/notebooks/fixtures/fails.ipynb');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('failing cell: code cell 2 (cell index 2, execution_count 2)');
    expect(r.stderr).toContain("    const n: number = 'not a number';");
    expect(r.stderr, 'the TypeScript diagnostic tslab sends to stderr').toContain("1:7 - Type 'string' is not assignable to type 'number'.");
    expect(r.stdout).toContain('0/1 notebooks ran without error');
  });
});
