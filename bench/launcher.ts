/**
 * The runtime settings `npx vecbt` and `npm start` run with, read from bin/vecbt.mjs's #! line (its
 * environment assignments and node flags), so a benchmark measures the process users get.
 */
import { readFileSync } from 'node:fs';

export interface LauncherSettings {
  /** e.g. { MALLOC_ARENA_MAX: '2' } */
  env: Record<string, string>;
  /** e.g. ['--expose-gc', '--max-semi-space-size=2'] */
  flags: string[];
}

export function launcherSettings(file = 'bin/vecbt.mjs'): LauncherSettings {
  const words = readFileSync(file, 'utf8').split('\n')[0].replace(/^#!.*?-S\s+/, '').split(/\s+/).filter(Boolean);
  return {
    env: Object.fromEntries(words.filter((w) => /^[A-Z_][A-Z0-9_]*=/.test(w)).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)])),
    flags: words.filter((w) => w.startsWith('--')),
  };
}
