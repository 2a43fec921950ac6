import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runNotebooks } from './runNotebooks';

// Executes every notebook end to end with the real tslab kernel (scripts/run_notebooks.py, Debian's
// python3-nbclient + python3-ipykernel, installed by .ci/run); executed copies go to notebooks/.executed/.
// DATABASE_URL is removed so the notebooks read the committed fixtures, whatever the test run's database holds.
const NOTEBOOKS = readdirSync('notebooks').filter((f) => f.endsWith('.ipynb')).sort();

interface Cell { cell_type: string; source: string | string[]; outputs?: unknown[]; execution_count?: number | null }

describe('notebooks/', () => {
  it('notebooks/ holds the four research notebooks', () => {
    expect(NOTEBOOKS).toEqual(['01-signals.ipynb', '02-equity.ipynb', '03-universe.ipynb', '04-parameters.ipynb']);
  });

  for (const name of NOTEBOOKS) {
    it(`${name} is committed with outputs cleared, on the project-local kernel, importing only ./src/index`, () => {
      const nb = JSON.parse(readFileSync(`notebooks/${name}`, 'utf8')) as { metadata: { kernelspec: { name: string } }; cells: Cell[] };
      expect(nb.metadata.kernelspec.name).toBe('vecbt-ts');
      const code = nb.cells.filter((c) => c.cell_type === 'code');
      expect(code.map((c) => [c.outputs, c.execution_count]), 'clear outputs before committing').toEqual(code.map(() => [[], null]));
      const imports = code.flatMap((c) => [...[c.source].flat().join('').matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]));
      expect(new Set(imports)).toEqual(new Set(['./src/index']));
    });
  }

  it('run_notebooks.py executes every notebook without error (failing cell and tslab stderr printed otherwise)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TZ: 'UTC' };
    delete env.DATABASE_URL;
    const r = await runNotebooks(NOTEBOOKS.map((n) => `notebooks/${n}`), env);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain(`${NOTEBOOKS.length}/${NOTEBOOKS.length} notebooks ran without error`);

    // the charts made it into the executed notebooks, with plotly.js inlined exactly once per notebook
    const drawn = NOTEBOOKS.map((name) => {
      const nb = JSON.parse(readFileSync(`notebooks/.executed/${name}`, 'utf8')) as { cells: { outputs?: { data?: Record<string, string | string[]> }[] }[] };
      const html = nb.cells.flatMap((c) => c.outputs ?? []).map((o) => [o.data?.['text/html'] ?? ''].flat().join(''));
      return [name, html.filter((h) => h.includes('class="vecbt-plot"')).length, html.filter((h) => h.includes('plotly.js v4')).length];
    });
    expect(drawn).toEqual([
      ['01-signals.ipynb', 3, 1],
      ['02-equity.ipynb', 4, 1],
      ['03-universe.ipynb', 4, 1],
      ['04-parameters.ipynb', 4, 1],
    ]);
  }, 600_000);
});
