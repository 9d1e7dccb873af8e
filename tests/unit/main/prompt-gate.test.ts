// The prompt gate: prompts show at once while there is no wall, wait while the wall shows and then appear on the app
// window one at a time; and the same through the real wall window and its IPC (createWallServices, fake electron).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeDisplay, resetElectronFake, screen } from './electron-fake';
import { APP_ENTRY_URL, createOriginCheck } from '../../../src/main/app-origin';
import { createPromptGate, type WallVisibility } from '../../../src/main/prompt-gate';
import { createSenderCheck, type InvokeEventLike } from '../../../src/main/sender-check';
import { createWallServices } from '../../../src/main/wall-services';
import { createWindowRegistry } from '../../../src/main/window-registry';

vi.mock('electron', () => import('./electron-fake'));

/** A wall the test switches on and off. */
function stubWall() {
  const listeners = new Set<() => void>();
  let showing = false;
  const wall: WallVisibility & { set(next: boolean): void; listeners: Set<() => void> } = {
    listeners,
    isShowing: () => showing,
    onHidden(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(next) {
      showing = next;
      if (!next) for (const listener of listeners) listener();
    },
  };
  return wall;
}

/** A prompt the test answers by hand. */
function manualPrompt<T>() {
  let answer: (value: T) => void = () => undefined;
  const show = vi.fn((_parent: string | undefined) => new Promise<T>((resolve) => (answer = resolve)));
  return { show, answer: (value: T) => answer(value) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('prompt gate', () => {
  let wall: ReturnType<typeof stubWall>;
  let parent: string | undefined;

  beforeEach(() => {
    wall = stubWall();
    parent = 'app-window';
  });

  const gate = () => createPromptGate<string>({ wall, parent: () => parent });

  it('shows a prompt at once on the app window when there is no wall, and resolves with its answer', async () => {
    const prompts = gate();
    const prompt = manualPrompt<number>();
    const answered = prompts.show(prompt.show);
    expect(prompt.show).toHaveBeenCalledExactlyOnceWith('app-window');
    prompt.answer(1);
    await expect(answered).resolves.toBe(1);
  });

  it('defers prompts while the wall shows and shows them, in order, once it is gone', async () => {
    const prompts = gate();
    wall.set(true);
    const update = manualPrompt<string>();
    const other = manualPrompt<string>();
    const first = prompts.show(update.show);
    const second = prompts.show(other.show);
    await flush();
    expect(update.show).not.toHaveBeenCalled();
    expect(other.show).not.toHaveBeenCalled();
    expect(prompts.pending()).toBe(2);

    parent = 'app-window-now'; // the parent is looked up when the prompt is actually shown
    wall.set(false);
    expect(update.show).toHaveBeenCalledExactlyOnceWith('app-window-now');
    expect(other.show).not.toHaveBeenCalled(); // one at a time
    update.answer('restart');
    await expect(first).resolves.toBe('restart');
    expect(other.show).toHaveBeenCalledOnce();
    other.answer('later');
    await expect(second).resolves.toBe('later');
    expect(prompts.pending()).toBe(0);
  });

  it('holds the rest back when the wall comes back while a prompt is up', async () => {
    const prompts = gate();
    const a = manualPrompt<void>();
    const b = manualPrompt<void>();
    const doneA = prompts.show(a.show);
    const doneB = prompts.show(b.show);
    expect(a.show).toHaveBeenCalledOnce();
    wall.set(true); // the wall opened over the app while prompt A was up
    a.answer();
    await doneA;
    await flush();
    expect(b.show).not.toHaveBeenCalled();
    wall.set(false);
    expect(b.show).toHaveBeenCalledOnce();
    b.answer();
    await doneB;
  });

  it('passes a failing prompt on to its caller and goes on with the next one', async () => {
    const prompts = gate();
    wall.set(true);
    const failed = prompts.show(() => {
      throw new Error('dialog failed');
    });
    const next = prompts.show(() => 'ok');
    wall.set(false);
    await expect(failed).rejects.toThrow('dialog failed');
    await expect(next).resolves.toBe('ok');
  });

  it('passes undefined as the parent when there is no app window', async () => {
    parent = undefined;
    const show = vi.fn(() => 'shown');
    await expect(gate().show(show)).resolves.toBe('shown');
    expect(show).toHaveBeenCalledWith(undefined);
  });

  it('stops listening to the wall on dispose', () => {
    const prompts = gate();
    expect(wall.listeners.size).toBe(1);
    prompts.dispose();
    expect(wall.listeners.size).toBe(0);
  });
});

describe('prompt gate with the real wall window', () => {
  const MAIN_ID = 1;
  let handlers: Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>;

  beforeEach(() => {
    resetElectronFake();
    screen.setDisplays([fakeDisplay(1, { x: 0, y: 0, width: 1920, height: 1080 })]);
    handlers = new Map();
  });

  function services() {
    const registry = createWindowRegistry();
    const mainWindow = new FakeBrowserWindow({});
    registry.add({ id: MAIN_ID, send: vi.fn(), isDestroyed: () => false });
    const isTrustedUrl = createOriginCheck();
    const created = createWallServices({
      ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: vi.fn() },
      isTrustedSender: createSenderCheck(registry, isTrustedUrl),
      preload: '/p/index.cjs',
      url: APP_ENTRY_URL,
      isTrustedUrl,
      registry,
      mainWindow: () => mainWindow as never,
      platform: 'linux',
    });
    return { ...created, mainWindow };
  }

  const fromApp = (channel: string, ...args: unknown[]) =>
    handlers.get(channel)?.({ sender: { id: MAIN_ID }, senderFrame: { url: APP_ENTRY_URL } }, ...args);

  it('an update prompt raised while the wall shows appears on the app window after Esc closes the wall', async () => {
    const { prompts, mainWindow } = services();
    await fromApp('outpost:wall:open', null);
    const wallWindow = FakeBrowserWindow.instances.at(-1);
    wallWindow?.emit('ready-to-show');

    const restartPrompt = vi.fn((_parent: unknown) => 'restart');
    const answered = prompts.show(restartPrompt);
    await flush();
    expect(restartPrompt).not.toHaveBeenCalled();

    // Esc on the wall page: window.outpostWall.close() from the wall's own webContents.
    const wallSender = { sender: { id: wallWindow?.webContents.id ?? -1 }, senderFrame: { url: `${APP_ENTRY_URL}#/wall` } };
    await handlers.get('outpost:wall:close')?.(wallSender);
    expect(wallWindow?.destroyed).toBe(true);
    expect(restartPrompt).toHaveBeenCalledExactlyOnceWith(mainWindow);
    await expect(answered).resolves.toBe('restart');
  });

  it('dispose (quit) closes the wall without popping up what was still waiting', async () => {
    const { prompts, dispose } = services();
    await fromApp('outpost:wall:open', null);
    const deferred = vi.fn(() => 'shown');
    void prompts.show(deferred);
    dispose();
    await flush();
    expect(FakeBrowserWindow.instances.at(-1)?.destroyed).toBe(true);
    expect(deferred).not.toHaveBeenCalled(); // the app is quitting: no dialog on the way out
    expect(prompts.pending()).toBe(1);
  });
});
