import { describe, expect, it } from 'vitest';
import { Waker } from '../../src/batch/Waker';

const elapsed = async (p: Promise<unknown>) => {
  const t = performance.now();
  await p;
  return performance.now() - t;
};

describe('Waker', () => {
  it('waker.sleep(60) resolves after its time when nobody wakes it', async () => {
    expect(await elapsed(new Waker().sleep(60))).toBeGreaterThanOrEqual(55);
  });

  it('waker.wake() ends a sleep(10_000) at once', async () => {
    const w = new Waker();
    const slept = elapsed(w.sleep(10_000));
    setTimeout(() => w.wake(), 20);
    expect(await slept).toBeLessThan(1_000);
  });

  it('waker.next() resolves at the next wake(); a wake() with nothing pending is a no-op, not remembered', async () => {
    const w = new Waker();
    w.wake();
    let woken = false;
    const next = w.next().then(() => (woken = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(woken).toBe(false);
    w.wake();
    await next;
    expect(woken).toBe(true);
  });
});
