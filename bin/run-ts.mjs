#!/usr/bin/env node
// Runs one TypeScript file (a benchmark) through tsx's loader: `node bin/run-ts.mjs bench/engine.ts -- args`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [file, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(file), ...rest.filter((a) => a !== '--')];
await import(pathToFileURL(resolve(file)).href);
