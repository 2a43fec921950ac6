// Preloaded into the tslab kernel (NODE_OPTIONS=--require, see scripts/tslab-kernel.sh).
//
// Why: tslab compiles the project's .ts files in memory and serves `require('./x')` from that map by trying
// exactly `<dir>/x.js`. A directory import (`import { rvol } from '../indicators'`, resolved by TypeScript and
// tsx to `../indicators/index.ts`) is therefore not found in the map, falls through to Node's require, and fails
// with "Cannot find module '../indicators'" because there is no .js file on disk.
// Fix: tslab joins the path with tspath.normalizeJoin, which it reads from its exports at call time; when
// the joined path names a directory holding index.ts (and there is no sibling x.ts/x.tsx), return `<dir>/index`
// so tslab finds `<dir>/index.js` among its compiled outputs. Nothing else changes.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

let tspath;
try {
  tspath = require(path.join(process.cwd(), 'node_modules', 'tslab', 'dist', 'tspath.js'));
} catch {
  tspath = null; // not the project's tslab: leave it alone
}
if (tspath) {
  const original = tspath.normalizeJoin;
  tspath.normalizeJoin = function normalizeJoin(...parts) {
    const joined = original(...parts);
    if (path.extname(joined) !== '' || !path.isAbsolute(joined)) return joined;
    if (fs.existsSync(`${joined}.ts`) || fs.existsSync(`${joined}.tsx`)) return joined;
    if (fs.existsSync(path.join(joined, 'index.ts'))) return `${joined}/index`;
    return joined;
  };
}

// Second patch: tslab's TypeScript watch host runs on a fake timer that allows one pending rebuild. A directory
// watch event (a file created or deleted next to an imported module, e.g. saving a new src/ file while the kernel
// runs) schedules a second kind of rebuild, and every later cell then fails with "Unexpected pending
// rebuildTimer" until the kernel restarts. Directory watching only serves module lookups that failed earlier,
// so it is switched off; file watching stays, so edits to an imported src/ file are still picked up.
try {
  const tsPath = require.resolve('@tslab/typescript-for-tslab', { paths: [path.join(process.cwd(), 'node_modules', 'tslab')] });
  const ts = require(tsPath);
  ts.sys.watchDirectory = () => ({ close() {} });
} catch {
  // a tslab without its bundled TypeScript: nothing to patch
}
