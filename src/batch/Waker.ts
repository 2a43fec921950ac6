/**
 * Waits that a stop request cuts short: a runner's `abort()` / a worker's `stop()` calls `wake()`, and the
 * poll interval, backoff or wait in progress ends at once instead of running out its time.
 */
export class Waker {
  private pending: (() => void) | null = null;

  /** Resolves after `ms`, or at the next `wake()`, whichever comes first. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.pending === done) self.pending = null;
        resolve();
      }
      this.pending = done;
    });
  }

  /** Resolves at the next `wake()`. */
  next(): Promise<void> {
    return new Promise((resolve) => (this.pending = resolve));
  }

  /** Ends the wait in progress, if any. */
  wake(): void {
    const pending = this.pending;
    this.pending = null;
    pending?.();
  }
}
