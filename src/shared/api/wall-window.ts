// The Electron-only bridge for the war-room wall window: list displays, open the wall full-screen on one, close it.
// Exposed by the preload as `window.outpostWall`; absent in the web host, where the wall uses the Fullscreen API.
// Plain constants and types, no imports: preload and main inline them, so the two ends cannot drift apart.

/** A display the wall can open on. */
export interface DisplayInfo {
  id: number;
  /** The OS label (e.g. "DELL U2720Q"), or "Display <n>" when the OS has none. */
  label: string;
  primary: boolean;
  width: number;
  height: number;
  scaleFactor: number;
}

export interface WallWindowBridge {
  displays(): Promise<DisplayInfo[]>;
  /** Open (or move) the wall window full-screen on the display; null or an unknown id = the app window's display. */
  open(displayId: number | null): Promise<{ displayId: number }>;
  close(): Promise<void>;
}

/** Renderer → main (`ipcRenderer.invoke` / `ipcMain.handle`). */
export const IPC_WALL_DISPLAYS = 'outpost:wall:displays';
export const IPC_WALL_OPEN = 'outpost:wall:open';
export const IPC_WALL_CLOSE = 'outpost:wall:close';

/** The renderer route the wall window loads (HashRouter path). */
export const WALL_ROUTE = '/wall';
