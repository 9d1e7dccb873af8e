// The wall's main-process side wired together: its window, its IPC, and the prompt gate that keeps every prompt off
// the wall. index.ts creates it once; `prompts` is where any future prompt (the electron-updater one first) must go.
import type { BrowserWindow } from 'electron';
import { createPromptGate, type PromptGate } from './prompt-gate';
import type { SenderCheck } from './sender-check';
import { registerWallIpc, type IpcHandleLike } from './wall-ipc';
import { createWallWindow, type WallWindow, type WallWindowOptions } from './wall-window';

export interface WallServicesOptions extends WallWindowOptions {
  ipcMain: IpcHandleLike;
  isTrustedSender: SenderCheck;
}

export interface WallServices {
  wall: WallWindow;
  /** Every main-process prompt goes through this gate (see prompt-gate.ts). */
  prompts: PromptGate<BrowserWindow>;
  /** Quit: remove the IPC handlers and close the wall (which stops its power-save blocker). */
  dispose(): void;
}

export function createWallServices(options: WallServicesOptions): WallServices {
  const wall = createWallWindow(options);
  const prompts = createPromptGate<BrowserWindow>({ wall, parent: options.mainWindow });
  const unregister = registerWallIpc({ ipcMain: options.ipcMain, wall, isTrustedSender: options.isTrustedSender });
  return {
    wall,
    prompts,
    dispose() {
      unregister();
      prompts.dispose();
      wall.close();
    },
  };
}
