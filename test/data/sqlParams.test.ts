/**
 * Every SQL statement is parameterized: a scan of the data layer and the runner for SQL text built with
 * `${...}`. The only interpolations allowed are our own constant column lists and identifiers checked
 * against them; a new one fails this test until it is reviewed and listed here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIRS = ['src/data', 'src/batch'];
const SQL = /\b(SELECT|INSERT|UPDATE|DELETE|COPY|CREATE|ORDER BY|WHERE)\b/;
const SAFE = new Set([
  'RUN_COLUMNS', // getRun.ts: constant column list
  "RESULT_FIELDS.map((f) => (f.endsWith('_date') ? `to_char(", // readResults.ts: constant column list
  'f', // ... its elements
  "col === 'ticker' ? 'ticker COLLATE \"C\"' : col", // readResults.ts: col is found in RESULT_FIELDS
  'dir', // 'ASC NULLS LAST' | 'DESC NULLS LAST'
  'tie', // '' | ', ticker COLLATE "C"'
  'DATABASE', // embedded.ts: constant database name
  'cols', // synth.ts: constant column list
  'WHERE_OURS', // deferDateIndex.ts: a constant condition
  'STAGE_COLUMNS', // loadOhlcvCsv.ts: constant column list
  'RESULT_COLUMNS.map((c) => c[0]).join(\', \')',
  'TRADE_COLUMNS.map((c) => c[0]).join(\', \')',
  'COMPACT_RESULT_COLUMNS.map((c) => c[0]).join(\', \')', // writeChunkResults.ts: constant column list
  'cols', // readChunkBars.ts: array_agg of constant field names
  'col', // readComboStats.ts: col is found in COMBO_STAT_FIELDS
  "COMBO_STAT_FIELDS.map((f) => `s.${f", // readComboStats.ts: constant column list
]);

function templates(src: string): string[] {
  const out: string[] = [];
  const re = /`(?:[^`\\]|\\.)*`/gs;
  for (const m of src.matchAll(re)) out.push(m[0]);
  return out;
}

describe('SQL is parameterized', () => {
  it('no SQL template interpolates anything but reviewed constants', () => {
    const bad: string[] = [];
    for (const dir of DIRS) {
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('csv') && f !== 'pivot.ts')) {
        const src = readFileSync(join(dir, f), 'utf8');
        for (const t of templates(src)) {
          if (!SQL.test(t)) continue;
          for (const m of t.matchAll(/\$\{([^}]*)\}/g)) {
            const expr = m[1].trim();
            if (!SAFE.has(expr)) bad.push(`${dir}/${f}: \${${expr}}`);
          }
        }
      }
    }
    expect(bad, 'pass values as $n parameters (or via set_config for COPY)').toEqual([]);
  });
});
