// Core supervisor: ready/message routing, exponential restart backoff with a cap, reset after stable uptime,
// and no restart after an intentional stop. Driven with fake timers and fake children.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoreSupervisor, restartDelay, type CoreExit, type CoreSupervisor } from '../../../src/main/core-process';

class FakeChild extends EventEmitter {
  readonly postMessage = vi.fn<(message: unknown) => void>();
  readonly kill = vi.fn(() => true);
}

let children: FakeChild[];
let fork: ReturnType<typeof vi.fn<() => FakeChild>>;
let onReady: ReturnType<typeof vi.fn<(child: unknown) => void>>;
let onMessage: ReturnType<typeof vi.fn<(message: unknown) => void>>;
let onStarting: ReturnType<typeof vi.fn<() => void>>;
let exits: CoreExit[];
let supervisor: CoreSupervisor;

const current = () => {
  const child = children.at(-1);
  if (!child) throw new Error('no child forked');
  return child;
};

/** Let the current child crash, then check nothing restarts before `delay` and a new child starts exactly at it. */
async function expectRestartAfter(delay: number) {
  const before = fork.mock.calls.length;
  current().emit('exit', 1);
  expect(exits.at(-1)).toEqual({ code: 1, restartInMs: delay });
  await vi.advanceTimersByTimeAsync(delay - 1);
  expect(fork).toHaveBeenCalledTimes(before);
  await vi.advanceTimersByTimeAsync(1);
  expect(fork).toHaveBeenCalledTimes(before + 1);
}

beforeEach(() => {
  vi.useFakeTimers();
  children = [];
  exits = [];
  fork = vi.fn(() => {
    const child = new FakeChild();
    children.push(child);
    return child;
  });
  onReady = vi.fn();
  onMessage = vi.fn();
  onStarting = vi.fn();
  supervisor = createCoreSupervisor({ fork, onStarting, onReady, onMessage, onExit: (exit) => exits.push(exit) });
});

afterEach(() => vi.useRealTimers());

describe('restartDelay', () => {
  it('doubles from 500 ms and stops at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => restartDelay(n))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});

describe('createCoreSupervisor', () => {
  it('forks once on start and routes ready and other messages', () => {
    supervisor.start();
    supervisor.start();
    expect(fork).toHaveBeenCalledOnce();
    expect(onStarting).toHaveBeenCalledOnce();
    current().emit('message', { type: 'ready' });
    expect(onReady).toHaveBeenCalledExactlyOnceWith(current());
    const response = { id: 1, ok: true, result: 1 };
    current().emit('message', response);
    expect(onMessage).toHaveBeenCalledExactlyOnceWith(response);
  });

  it('restarts a crashing core with exponential backoff up to the cap', async () => {
    supervisor.start();
    for (const delay of [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]) await expectRestartAfter(delay);
    expect(onStarting).toHaveBeenCalledTimes(10);
  });

  it('treats a clean exit it did not ask for as a crash', async () => {
    supervisor.start();
    current().emit('exit', 0);
    expect(exits).toEqual([{ code: 0, restartInMs: 500 }]);
    await vi.advanceTimersByTimeAsync(500);
    expect(fork).toHaveBeenCalledTimes(2);
  });

  it('resets the backoff once a core stayed up for 60 s', async () => {
    supervisor.start();
    await expectRestartAfter(500);
    await expectRestartAfter(1000);
    await vi.advanceTimersByTimeAsync(60_000);
    await expectRestartAfter(500);
  });

  it('does not reset the backoff for a core that was up just under 60 s', async () => {
    supervisor.start();
    await expectRestartAfter(500);
    await expectRestartAfter(1000);
    await vi.advanceTimersByTimeAsync(59_999);
    await expectRestartAfter(2000);
  });

  it('does not restart after an intentional stop', async () => {
    supervisor.start();
    const child = current();
    supervisor.stop();
    expect(child.kill).toHaveBeenCalledOnce();
    child.emit('exit', 0);
    expect(exits).toEqual([{ code: 0, restartInMs: null }]);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(fork).toHaveBeenCalledOnce();
  });

  it('cancels a scheduled restart when stopped during the backoff wait', async () => {
    supervisor.start();
    current().emit('exit', 1);
    supervisor.stop();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(fork).toHaveBeenCalledOnce();
  });

  it('ignores messages and exits from a child it already replaced', async () => {
    supervisor.start();
    const old = current();
    old.emit('exit', 1);
    await vi.advanceTimersByTimeAsync(500);
    old.emit('message', { type: 'ready' });
    old.emit('message', { event: 'sync.status', payload: {} });
    old.emit('exit', 1);
    expect(onReady).not.toHaveBeenCalled();
    expect(onMessage).not.toHaveBeenCalled();
    expect(exits).toHaveLength(1);
  });

  it('retries with backoff when fork itself throws', async () => {
    fork.mockImplementationOnce(() => {
      throw new Error('spawn failed');
    });
    supervisor.start();
    expect(exits).toEqual([{ code: -1, restartInMs: 500 }]);
    await vi.advanceTimersByTimeAsync(500);
    expect(fork).toHaveBeenCalledTimes(2);
    expect(onStarting).toHaveBeenCalledOnce();
  });
});
