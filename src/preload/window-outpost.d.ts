// The type of `window.outpost` as the preload exposes it. Optional: the page also runs in a plain browser
// (web host), where the bridge comes from the WebSocket client instead.
import type { OutpostBridge } from '../shared/api/bridge';

declare global {
  interface Window {
    outpost?: OutpostBridge;
  }
}

export {};
