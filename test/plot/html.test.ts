import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { equityFigure, figureHtml, figureSnippet, show, writeHtml } from '../../src/plot/index';

const fig = equityFigure([0, 1, 2], [{ name: 'Strategy </script><b>', values: [1, 2, 3] }]);

describe('figureSnippet', () => {
  it('figureSnippet(figure, id) escapes "<" in the JSON so a title cannot close the script', () => {
    const html = figureSnippet(fig, 'p1');
    expect(html.startsWith('<div id="p1" class="vecbt-plot" style="width:100%;height:420px;"></div>')).toBe(true);
    expect(html).not.toContain('</script><b>');
    expect(html).toContain('Strategy \\u003c/script>\\u003cb>');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});

describe('figureHtml / writeHtml', () => {
  it('figureHtml(figure) inlines plotly.js and references no URL', () => {
    const html = figureHtml(fig, { title: 'a<b' });
    expect(html).toContain('<title>a&#60;b</title>');
    expect(html).toContain('plotly.js v4');
    expect(html, 'nothing may load from a URL').not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });
  it('writeHtml(figure, path) writes figureHtml(figure) to a new directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vecbt-html-'));
    const path = join(dir, 'sub', 'equity.html');
    writeHtml(fig, path);
    expect(readFileSync(path, 'utf8')).toBe(figureHtml(fig));
  });
});

describe('show', () => {
  it('show(figure) inlines plotly.js on the first call only, and again with { inline: true }', () => {
    const out: string[] = [];
    const display = { html: (s: string) => out.push(s) };
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('vecbt.plot.plotlyInlined')];
    show(fig, { display });
    show(fig, { display });
    show(fig, { display, inline: true });
    expect(out.map((s) => s.includes('plotly.js v4'))).toEqual([true, false, true]);
    expect(out.map((s) => (s.match(/class="vecbt-plot"/g) ?? []).length)).toEqual([1, 1, 1]);
    const ids = out.map((s) => /<div id="([^"]+)"/.exec(s)?.[1]);
    expect(new Set(ids).size, 'each plot gets its own div id').toBe(3);
  });
  it('show(figure) outside tslab throws a message pointing to writeHtml', () => {
    expect(() => show(fig)).toThrow('show() needs a tslab kernel; use writeHtml() elsewhere');
  });
});
