#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 node --expose-gc --max-semi-space-size=2
// The `vecbt` command: TypeScript sources run through tsx's loader, so there is no build step to forget.
// The line above is the runtime's settings, measured on the 6,000 x 504 batch (bench:batch reads them from here):
// --expose-gc lets the runner free a chunk's typed arrays as soon as it commits; a 2 MB young generation keeps
// the COPY stream's short-lived garbage from inflating RSS (~35 MB less peak at the same speed). The two glibc
// settings (ignored elsewhere) keep a chunk's multi-MB arrays in their own mappings, returned to the OS when
// freed: glibc otherwise raises its mmap threshold after the first such free and serves the next chunk's
// arrays from a heap that fragments and only grows (~16 MB less peak RSS, same speed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
