import type { Figure } from './types';
import { figureSnippet } from './figureSnippet';
import { plotlyBundle } from './plotlyBundle';

/** What `show` needs from tslab: its `display.html`. */
export interface HtmlDisplay {
  html(s: string): void;
}

// Kept on globalThis, not in module state, so re-importing ./src/index in a kernel (tslab recompiles
// edited modules) does not inline the 4.8 MB bundle again.
const INLINED = Symbol.for('vecbt.plot.plotlyInlined');
type Flags = { [INLINED]?: boolean };
let counter = 0;

/**
 * Displays `figure` in a tslab notebook cell via `tslab.display.html`. The first call in a kernel also
 * emits plotly.js inline (no CDN; nothing loads from a URL); later calls only emit the plot.
 * Pass `{ inline: true }` to emit the bundle again (e.g. after reloading the page with the kernel alive).
 * @example show(equityFigure(dates, [{ name: 'Strategy', values: value }]))
 */
export function show(figure: Figure, options: { inline?: boolean; display?: HtmlDisplay } = {}): void {
  const display = options.display ?? tslabDisplay();
  const flags = globalThis as Flags;
  let html = '';
  if (options.inline || !flags[INLINED]) {
    html += `<script>${plotlyBundle()}</script>\n`;
    flags[INLINED] = true;
  }
  counter += 1;
  html += figureSnippet(figure, `vecbt-plot-${Date.now().toString(36)}-${counter}`);
  display.html(html);
}

function tslabDisplay(): HtmlDisplay {
  // Resolved lazily: only a tslab kernel provides `require('tslab')` (it hooks that name), and the
  // batch path must never load it.
  if (typeof require !== 'function') throw new Error('show() needs a tslab kernel; use writeHtml() elsewhere');
  const { display } = require('tslab') as { display: HtmlDisplay };
  return {
    html(s: string) {
      try {
        display.html(s);
      } catch (err) {
        // tslab's display throws "Not ready" when no kernel is executing a cell.
        throw new Error('show() needs a tslab kernel; use writeHtml() elsewhere', { cause: err });
      }
    },
  };
}
