/**
 * A user's strategy file (`--strategy ./my-strategy.ts`, `.js`, `.mjs`): a self-contained module whose default
 * export is a strategy (`export default defineStrategy({...})`), importing only `vecbt` (the public API) and
 * Node's builtins. It is transpiled with esbuild (no type check: a syntax error is reported with file:line:col)
 * and evaluated in this process; every call into it runs under a time limit, so a strategy stuck in a loop fails
 * its chunk with a message instead of hanging the run.
 *
 * A run stores the file's source text and SHA-256; `--resume` and workers evaluate that stored text, never the
 * file on their disk (a worker on another machine needs no file), so only trusted users may create runs.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, extname, resolve } from 'node:path';
import vm from 'node:vm';
import { UserError } from '../errors';
import { checkStrategy, type Strategy } from './defineStrategy';
import { StrategyError } from './runStrategy';

/** A strategy loaded from source, with what a run records of it. */
export interface LoadedStrategy {
  strategy: Strategy<never>;
  /** the path as given (for messages), or the recorded file name for a stored source */
  file: string;
  source: string;
  sha256: string;
}

/** Time one call into a user's strategy may take (VECBT_STRATEGY_TIMEOUT_SECONDS, default 300 s per chunk call). */
export function strategyTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.VECBT_STRATEGY_TIMEOUT_SECONDS ?? 300);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 300_000;
}

/** True when a --strategy value names a file rather than a built-in. */
export function isStrategyPath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(m?[jt]s|cjs|mts|cts)$/.test(ref);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const CALL_KEY = Symbol.for('vecbt.strategyCall');
const CALL = new vm.Script('globalThis[Symbol.for("vecbt.strategyCall")]()', { filename: 'vecbt-strategy-call' });

/**
 * withTimeout(fn, ms, what): runs `fn` synchronously; past `ms` V8 terminates it and a StrategyError says so.
 * (vm's `timeout` covers everything the script calls, here our trampoline into the strategy's function.)
 */
export function withTimeout<T>(fn: () => T, ms: number, what: string): T {
  const g = globalThis as unknown as Record<symbol, unknown>;
  const prev = g[CALL_KEY];
  let result: T;
  g[CALL_KEY] = () => {
    result = fn();
  };
  try {
    CALL.runInThisContext({ timeout: ms, breakOnSigint: false });
  } catch (err) {
    if ((err as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new StrategyError(`${what} took longer than ${Math.round(ms / 1000)} s and was stopped; make it faster, or raise VECBT_STRATEGY_TIMEOUT_SECONDS`);
    }
    throw err;
  } finally {
    g[CALL_KEY] = prev;
  }
  return result!;
}

/** The first stack frame inside the strategy file, as ` (my.ts:12:7)`, or ''. */
function whereInFile(err: unknown, file: string): string {
  const stack = (err as Error)?.stack ?? '';
  const name = basename(file);
  const line = stack.split('\n').find((l) => l.includes(file) || l.includes(name));
  const m = line?.match(/:(\d+):(\d+)\)?\s*$/);
  return m ? ` (${name}:${m[1]}:${m[2]} of the transpiled code)` : '';
}

/**
 * strategyFromSource(source, file, api): transpile and evaluate a strategy module's text. `api` is what
 * `import ... from 'vecbt'` gives it (the public API). Throws a UserError naming `file` for anything wrong.
 */
export async function strategyFromSource(source: string, file: string, api?: object): Promise<LoadedStrategy> {
  const ext = extname(file).toLowerCase();
  const loader = ext === '.ts' || ext === '.mts' || ext === '.cts' ? 'ts' : 'js';
  let code: string;
  try {
    const esbuild = await import('esbuild');
    code = (await esbuild.transform(source, { loader, format: 'cjs', sourcefile: file, target: 'node20', logLevel: 'silent' })).code;
  } catch (err) {
    const first = (err as { errors?: { text: string; location?: { line: number; column: number; lineText: string } | null }[] }).errors?.[0];
    if (first) {
      const loc = first.location;
      const at = loc ? `${file}:${loc.line}:${loc.column + 1}` : file;
      throw new UserError(`${at}: the strategy file does not compile: ${first.text}${loc ? ` (in: ${loc.lineText.trim().slice(0, 120)})` : ''}`);
    }
    throw err;
  }
  const vecbt = api ?? (await import('../index'));
  const nodeRequire = createRequire(resolve(file));
  const requireFor = (id: string): unknown => {
    if (id === 'vecbt') return vecbt;
    if (id.startsWith('node:')) return nodeRequire(id);
    throw new UserError(`${file}: imports "${id}"; a strategy file must be self-contained: import only from 'vecbt' (the public API) and node: builtins, so that a run can store and re-run its source`);
  };
  const module = { exports: {} as Record<string, unknown> };
  let fn: (...args: unknown[]) => void;
  try {
    fn = vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file }) as never;
  } catch (err) {
    throw new UserError(`${file}: the strategy file does not compile: ${(err as Error).message}`);
  }
  try {
    withTimeout(() => fn(module.exports, requireFor, module, resolve(file), resolve(file, '..')), strategyTimeoutMs(), `loading ${file}`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${file}: the strategy file threw while loading: ${(err as Error)?.message ?? String(err)}${whereInFile(err, file)}`);
  }
  const exported = (module.exports as { default?: unknown }).default;
  if (exported === undefined) {
    const names = Object.keys(module.exports).filter((k) => k !== '__esModule');
    throw new UserError(`${file}: exports no strategy; write \`export default defineStrategy({ ... })\`${names.length ? ` (it exports ${names.join(', ')} but no default)` : ''}`);
  }
  checkStrategy(exported, file);
  return { strategy: guarded(exported as Strategy<never>, file), file, source, sha256: sha256(source) };
}

/** The user's strategy with each of its functions called under the time limit. */
function guarded(s: Strategy<never>, file: string): Strategy<never> {
  const ms = strategyTimeoutMs();
  const wrap = <A extends unknown[], R>(name: string, f: ((...a: A) => R) | undefined) =>
    f && ((...a: A): R => withTimeout(() => f.apply(s, a), ms, `strategy ${s.name} (${file}): ${name}()`));
  return Object.freeze({
    ...s,
    warmup: wrap('warmup', s.warmup)!,
    indicators: wrap('indicators', s.indicators)!,
    signals: wrap('signals', s.signals)!,
    ...(s.timeExitBars ? { timeExitBars: wrap('timeExitBars', s.timeExitBars) } : {}),
    ...(s.extras ? { extras: wrap('extras', s.extras) } : {}),
  }) as Strategy<never>;
}

/**
 * loadStrategyFile(path): read a strategy file and evaluate it.
 * @example const { strategy, sha256 } = await loadStrategyFile('./my-strategy.ts')
 */
export async function loadStrategyFile(path: string, api?: object): Promise<LoadedStrategy> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : code ?? (err as Error).message;
    throw new UserError(`${path}: cannot read the strategy file (${why}); give a built-in name (vecbt strategies lists them) or the path of a .ts/.js/.mjs file`);
  }
  return strategyFromSource(source, path, api);
}
