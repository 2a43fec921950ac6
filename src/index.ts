/**
 * vecbt public API: what notebooks import (`import * as vb from './src/index'`) and what library users see.
 * Internal modules (runner, ui, pg access, kernels' internals) are deliberately not exported here.
 * Relative imports stay extensionless so the tslab kernel (TypeScript 5.0, CommonJS output, Node10
 * resolution) can load this file as well as tsx/vitest.
 */
export * from './plot/index';
