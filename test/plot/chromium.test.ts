import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { equityFigure, heatmapFigure, priceSignalsFigure, show, writeHtml } from '../../src/index';
import { drawnTraces, dumpDom } from '../../scripts/chromium';

// Needs Debian's `chromium` (installed by .ci/run). Runs offline: the launcher points Chromium at a dead
// proxy, so the chart can only draw from the inlined plotly.js.
const dir = mkdtempSync(join(tmpdir(), 'vecbt-draw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const n = 60;
const x = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
const close = Float64Array.from({ length: n }, (_, i) => 10 + Math.sin(i / 5) * 2 + i * 0.05);
const entries = Uint8Array.from({ length: n }, (_, i) => (i % 15 === 3 ? 1 : 0));
const exits = Uint8Array.from({ length: n }, (_, i) => (i % 15 === 10 ? 1 : 0));
const rvol = Float64Array.from({ length: n }, (_, i) => (i < 5 ? NaN : 1 + Math.abs(Math.cos(i / 3)) * 2));
const atrPct = Float64Array.from({ length: n }, (_, i) => (i < 5 ? NaN : 6 + Math.sin(i / 4) * 3));

describe('charts draw in headless Chromium, offline', () => {
  it('writeHtml(priceSignalsFigure(...)) draws every trace: price line, both marker sets, both indicator lines', () => {
    const fig = priceSignalsFigure({
      x, close, entries, exits,
      panels: [{ name: 'RVOL', values: rvol, threshold: 2 }, { name: 'ATR %', values: atrPct, threshold: 8 }],
    });
    const path = join(dir, 'signals.html');
    writeHtml(fig, path);
    const drawn = drawnTraces(dumpDom(path));
    expect(drawn.scatter, 'one SVG trace group per Plotly trace').toBe(fig.data.length);
    expect(drawn.linePaths, 'close, RVOL and ATR % are drawn as polylines').toBe(3);
  });

  it('writeHtml(heatmapFigure(...)) draws the heatmap image', () => {
    const path = join(dir, 'heatmap.html');
    writeHtml(heatmapFigure({ x: [6, 8], y: [1.5, 2], z: [[1, -1], [2, 0.5]], xTitle: 'atrPctMin', yTitle: 'rvolMin', zTitle: 'Mean total return [%]' }), path);
    const dom = dumpDom(path);
    expect(drawnTraces(dom).heatmap).toBe(1);
    expect(dom, 'the heatmap is painted into an inline image').toMatch(/<image [^>]*href="data:image\/png;base64,/);
  });

  it('show() outputs draw in one page: the first inlines plotly.js, the second reuses it (as in a notebook)', () => {
    const outputs: string[] = [];
    const display = { html: (h: string) => outputs.push(h) };
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('vecbt.plot.plotlyInlined')];
    show(equityFigure(x, [{ name: 'Close', values: close }]), { display });
    show(equityFigure(x, [{ name: 'RVOL', values: rvol }, { name: 'ATR %', values: atrPct }]), { display });
    expect(outputs[1], 'the second output carries no bundle').not.toContain('plotly.js v4');
    const path = join(dir, 'notebook-outputs.html');
    writeFileSync(path, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${outputs.map((o) => `<div class="output">${o}</div>`).join('\n')}</body></html>`);
    expect(drawnTraces(dumpDom(path))).toMatchObject({ scatter: 3, linePaths: 3 });
  });
});
