/**
 * Fake terminal streams for `renderTui` (the same shape ink-testing-library uses): a TTY stdout
 * that records what Ink writes, and a stdin the test types keys into.
 */
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  written = '';
  constructor(
    public columns = 80,
    public rows = 40,
  ) {
    super();
  }
  write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    this.written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    cb?.();
    return true;
  };
  asStream(): NodeJS.WriteStream {
    return this as unknown as NodeJS.WriteStream;
  }
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  rawMode = false;
  private data: string | null = null;
  /** Types `data` (e.g. "q" or "\u0003" for Ctrl+C). */
  type(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  setEncoding(): void {}
  setRawMode(mode: boolean): void {
    this.rawMode = mode;
  }
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  asStream(): NodeJS.ReadStream {
    return this as unknown as NodeJS.ReadStream;
  }
}

/** Removes ANSI escape sequences (colors, cursor moves). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g, '');
}

export const nextTick = () => new Promise((r) => setTimeout(r, 20));
