// The types of `window.outpost` and `window.outpostWall` as the preload exposes them. Optional: the page also runs in
// a plain browser (web host), where the bridge comes from the WebSocket client and there is no wall window.
import type { OutpostBridge } from '../shared/api/bridge';
import type { WallWindowBridge } from '../shared/api/wall-window';

declare global {
  interface Window {
    outpost?: OutpostBridge;
    outpostWall?: WallWindowBridge;
  }
}

export {};
