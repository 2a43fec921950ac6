import { describe, expect, it, vi } from 'vitest';
import { createRunProgressStore } from '../../src/ui/createRunProgressStore';
import { FakeRunner, play, RUNNING } from './fakeRun';

describe('createRunProgressStore', () => {
  it('createRunProgressStore(runner) folds events from the moment it is created and notifies subscribers', () => {
    const runner = new FakeRunner();
    const clock = { now: 0 };
    const store = createRunProgressStore(runner, () => clock.now);
    const listener = vi.fn();
    store.subscribe(listener);
    play(runner, clock, RUNNING);
    expect(listener).toHaveBeenCalledTimes(RUNNING.length);
    expect(store.getState().chunksDone).toBe(1);
    expect(store.getState().startedAt).toBe(1000);
  });

  it('createRunProgressStore(runner).tick() moves the clock only', () => {
    const runner = new FakeRunner();
    const clock = { now: 0 };
    const store = createRunProgressStore(runner, () => clock.now);
    play(runner, clock, RUNNING);
    clock.now = 4000;
    store.tick();
    expect(store.getState().now).toBe(4000);
    expect(store.getState().chunksDone).toBe(1);
  });

  it('createRunProgressStore(runner).close() removes every runner listener', () => {
    const runner = new FakeRunner();
    const store = createRunProgressStore(runner);
    expect(runner.listenerCount('memory')).toBe(1);
    store.close();
    for (const e of ['run:start', 'chunk:start', 'chunk:phase', 'chunk:done', 'chunk:error', 'memory', 'run:done']) {
      expect(runner.listenerCount(e), e).toBe(0);
    }
  });
});
