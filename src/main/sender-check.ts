// Who may use main's IPC: only the webContents of our own windows, and only while their frame shows our own page.
// One check for every handler (the core relay, the wall window), so they cannot drift apart. Pure (no electron import).
import type { UrlCheck } from './app-origin';
import type { WindowRegistry } from './window-registry';

/** The parts of Electron's IpcMainInvokeEvent the sender check reads. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  /** null once the frame navigated away or was destroyed: such a request is refused. */
  readonly senderFrame: { readonly url: string } | null;
}

export type SenderCheck = (event: InvokeEventLike) => boolean;

export function createSenderCheck(windows: Pick<WindowRegistry, 'has'>, isTrustedUrl: UrlCheck): SenderCheck {
  return (event) => windows.has(event.sender.id) && event.senderFrame !== null && isTrustedUrl(event.senderFrame.url);
}
