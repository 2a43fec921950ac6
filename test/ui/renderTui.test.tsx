import { describe, expect, it, vi } from 'vitest';
import { renderTui } from '../../src/ui/renderTui';
import { ABORTED, FakeRunner, FINISH, CHUNK_ERROR, play, RUNNING } from './fakeRun';
import { FakeStdin, FakeStdout, nextTick, stripAnsi } from './fakeTerminal';

function setup(columns = 80) {
  const runner = new FakeRunner();
  const stdin = new FakeStdin();
  const stdout = new FakeStdout(columns, 40);
  const onAbort = vi.fn();
  const tui = renderTui(runner, { onAbort, stdin: stdin.asStream(), stdout: stdout.asStream() });
  return { runner, stdin, stdout, onAbort, tui, screen: () => stripAnsi(stdout.written) };
}

describe('renderTui', () => {
  it('renderTui(runner) draws events emitted right after it returns, before any effect ran', async () => {
    const { runner, tui, screen } = setup();
    play(runner, { now: 0 }, RUNNING.slice(0, 1));
    await nextTick();
    expect(screen()).toContain('vecbt run 7  embedded (127.0.0.1:54329/vecbt)  2020-01-02..2024-12-31');
    tui.unmount();
  });

  it("renderTui(runner, { onAbort }): 'q' calls onAbort once and the screen says it is aborting", async () => {
    const { runner, stdin, onAbort, tui, screen } = setup();
    play(runner, { now: 0 }, RUNNING);
    await nextTick();
    expect(stdin.rawMode, 'keys are read in raw mode while the UI runs').toBe(true);
    stdin.type('q');
    await nextTick();
    expect(onAbort).toHaveBeenCalledTimes(1);
    expect(screen()).toContain('aborting after the current chunk… (the run stays resumable)');
    play(runner, { now: 0 }, ABORTED);
    await tui.waitUntilExit();
    expect(screen()).toContain('the run is resumable; continue it with: npx vecbt run --resume 7');
    expect(stdin.rawMode, 'the terminal is restored after the run').toBe(false);
  });

  it('renderTui(runner, { onAbort }): Ctrl+C aborts gracefully instead of killing the process', async () => {
    const { runner, stdin, onAbort, tui, screen } = setup();
    play(runner, { now: 0 }, RUNNING);
    await nextTick();
    stdin.type('\u0003');
    await nextTick();
    expect(onAbort).toHaveBeenCalledTimes(1);
    expect(screen()).toContain('aborting after the current chunk…');
    tui.unmount();
    tui.unmount();
    expect(stdin.rawMode, 'unmount restores the terminal, twice is harmless').toBe(false);
  });

  it('renderTui(runner).waitUntilExit() resolves even when first called after the UI already exited', async () => {
    const { runner, tui, screen } = setup();
    play(runner, { now: 0 }, [...RUNNING, ...ABORTED]);
    await nextTick();
    await nextTick();
    expect(screen()).toContain('npx vecbt run --resume 7');
    await tui.waitUntilExit();
  });

  it('renderTui(runner).waitUntilExit() resolves after run:done with the summary as the last frame', async () => {
    const { runner, stdin, onAbort, tui, screen } = setup(120);
    play(runner, { now: 0 }, [...RUNNING, ...CHUNK_ERROR, ...FINISH]);
    await tui.waitUntilExit();
    expect(screen()).toContain('run 7 done');
    expect(screen()).toContain('all results: npx vecbt results 7');
    stdin.type('q');
    expect(onAbort, 'keys are ignored once the run is over').not.toHaveBeenCalled();
  });
});
