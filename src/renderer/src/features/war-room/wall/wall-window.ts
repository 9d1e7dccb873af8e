// Where the wall is presented: in Electron its own full-screen window on a chosen display (window.outpostWall,
// from the preload), in a browser this page switched to full screen. Both ends are optional at run time.
import type { WallWindowBridge } from '../../../../../shared/api/wall-window';

/** The Electron wall bridge, or null in a plain browser (web host). */
export function wallWindowBridge(): WallWindowBridge | null {
  return (window as Window & { outpostWall?: WallWindowBridge }).outpostWall ?? null;
}

interface KeyboardLock {
  lock?(keys?: string[]): Promise<void>;
}

/**
 * Full screen for the wall in a browser. Where the Keyboard Lock API exists (Chromium), Esc is kept for the
 * wall (leaving a drill) and full screen is left by holding Esc, as the browser then explains.
 */
export async function enterFullscreen(): Promise<void> {
  const root = document.documentElement;
  if (!root.requestFullscreen || document.fullscreenElement) return;
  try {
    await root.requestFullscreen({ navigationUI: 'hide' });
    const keyboard = (navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;
    await keyboard?.lock?.(['Escape']);
  } catch {
    // Refused (no user gesture, policy): the wall still works in the window.
  }
}

export function exitFullscreen(): void {
  if (document.fullscreenElement && document.exitFullscreen) void document.exitFullscreen().catch(() => undefined);
}
