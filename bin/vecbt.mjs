#!/usr/bin/env -S node --expose-gc --max-semi-space-size=2
// Flags: --expose-gc lets the runner free a chunk's typed arrays as soon as it commits; a 2 MB young generation
// keeps the COPY stream's short-lived garbage from inflating RSS (~35 MB less peak at the same speed).
// The `vecbt` command: TypeScript sources run through tsx's loader, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
