// IPC of the wall window (window.outpostWall in the page): list displays, open, close. Same sender check as the core
// relay (only our own app:// frames of our own windows), and the arguments are validated: `open` takes exactly one
// display id (an integer) or null, the others nothing. A refused call rejects in the page and changes nothing.
import { z } from 'zod';
import { IPC_WALL_CLOSE, IPC_WALL_DISPLAYS, IPC_WALL_OPEN } from '../shared/api/wall-window';
import type { InvokeEventLike, SenderCheck } from './sender-check';
import type { WallWindow } from './wall-window';

/** The slice of Electron's ipcMain the wall uses. */
export interface IpcHandleLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WallIpcOptions {
  ipcMain: IpcHandleLike;
  wall: Pick<WallWindow, 'displays' | 'open' | 'close'>;
  isTrustedSender: SenderCheck;
}

const noArguments = z.tuple([]);
const openArguments = z.tuple([z.number().int().nullable()]);

/** Install the three handlers; returns the function that removes them. */
export function registerWallIpc(options: WallIpcOptions): () => void {
  const { ipcMain, wall, isTrustedSender } = options;

  const handle = <A extends unknown[]>(channel: string, schema: z.ZodType<A>, expected: string, run: (...args: A) => unknown) => {
    // async: a refusal becomes a rejected invoke() in the page, with this message (never a stack from main).
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event)) throw new Error(`${channel}: refused, the request is not from an Outpost window`);
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw new Error(`${channel}: invalid arguments, expected ${expected}`);
      return run(...parsed.data);
    });
  };

  handle(IPC_WALL_DISPLAYS, noArguments, 'none', () => wall.displays());
  handle(IPC_WALL_OPEN, openArguments, 'one display id (an integer) or null', (displayId) => wall.open(displayId));
  handle(IPC_WALL_CLOSE, noArguments, 'none', () => {
    wall.close();
  });

  return () => {
    for (const channel of [IPC_WALL_DISPLAYS, IPC_WALL_OPEN, IPC_WALL_CLOSE]) ipcMain.removeHandler(channel);
  };
}
