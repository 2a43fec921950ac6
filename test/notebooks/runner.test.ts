import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNotebooks, type RunResult } from './runNotebooks';

// scripts/run_notebooks.py needs Debian's python3-nbclient + python3-ipykernel (installed by .ci/run).
// One run over both fixtures: smoke.ipynb passes, fails.ipynb has a type error in its second code cell.
let r: RunResult;
beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'vecbt-nb-'));
  try {
    r = await runNotebooks(['--out-dir', out, 'test/notebooks/fixtures/smoke.ipynb', 'test/notebooks/fixtures/fails.ipynb']);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 240_000);

describe('scripts/run_notebooks.py', () => {
  it('run_notebooks.py smoke.ipynb runs the project-local tslab kernel and imports ./src/index', () => {
    expect(r.stdout, r.stderr).toMatch(/^ok {3}test\/notebooks\/fixtures\/smoke\.ipynb \(\d+\.\ds\)$/m);
  });

  it('run_notebooks.py fails.ipynb exits 1 and prints the failing cell, its source and the tslab error', () => {
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^FAIL \S+\/test\/notebooks\/fixtures\/fails\.ipynb \(\d+\.\ds\): CellExecutionError$/m);
    expect(r.stderr).toContain('failing cell: code cell 2 (cell index 2, execution_count 2)');
    expect(r.stderr).toContain("    const n: number = 'not a number';");
    expect(r.stderr, 'the TypeScript diagnostic tslab sends to stderr').toContain("1:7 - Type 'string' is not assignable to type 'number'.");
    expect(r.stdout).toContain('1/2 notebooks ran without error');
  });
});
