/**
 * Headless Chromium (Debian `chromium`) for checking that exported charts draw, and for rendering the
 * README pictures. Every launch gets a fresh profile and a dead proxy, so a chart that tried to load
 * anything from the network would fail to draw: the check is offline by construction.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_BIN ?? 'chromium';

function runChromium(args: string[], htmlPath: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'vecbt-chromium-'));
  try {
    return execFileSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--proxy-server=127.0.0.1:9', // nothing listens there: any network fetch fails
        '--hide-scrollbars',
        ...args,
        pathToFileURL(resolve(htmlPath)).href,
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The serialised DOM after the page has loaded and its scripts ran. */
export function dumpDom(htmlPath: string): string {
  return runChromium(['--virtual-time-budget=1000', '--dump-dom'], htmlPath);
}

/** A PNG screenshot of the page at the given window size. */
export function screenshot(htmlPath: string, pngPath: string, width: number, height: number): void {
  runChromium([`--window-size=${width},${height}`, '--virtual-time-budget=1000', `--screenshot=${resolve(pngPath)}`], htmlPath);
}

/** What Plotly drew: one entry per SVG trace group (`<g class="trace <type> ...">`), and the heatmap images. */
export function drawnTraces(dom: string): { scatter: number; bars: number; heatmap: number; linePaths: number } {
  const count = (re: RegExp) => (dom.match(re) ?? []).length;
  return {
    scatter: count(/<g class="trace scatter\b/g),
    bars: count(/<g class="trace bars\b/g),
    heatmap: count(/<g class="hm\b/g),
    // drawn polylines of line traces (legend swatches are the short "M5,0h30" paths)
    linePaths: count(/class="js-line" [^>]*d="M[\d.-]+,[\d.-]+L/g),
  };
}
