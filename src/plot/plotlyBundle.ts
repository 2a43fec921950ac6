import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

let cached: string | undefined;

/**
 * The plotly.js-dist-min bundle as a string, safe to inline in a `<script>` element (read once, cached).
 * Resolved from the working directory up (tslab runs with the project root as cwd; `import.meta` is not
 * available to code tslab compiles to CommonJS, so the module cannot resolve relative to itself).
 */
export function plotlyBundle(): string {
  if (cached === undefined) {
    const req = createRequire(join(process.cwd(), 'package.json'));
    const file = req.resolve('plotly.js-dist-min');
    cached = readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script');
  }
  return cached;
}
