// Chooses the bridge to core: the Electron preload's `window.outpost` when present, otherwise the web host
// client over a WebSocket authenticated by the token the web host put in the URL fragment.
import type { OutpostBridge } from '../../../shared/api/bridge';
import { createWsBridge, type WebSocketLike } from '../../../shared/transport/ws-bridge';

const TOKEN_KEY = 'outpost.webToken';
const DEFAULT_ROUTE = '#/war-room';

/** The browser objects the web token handling touches; injected so it is testable. */
export interface WebLocationEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search' | 'host' | 'protocol'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/**
 * Reads `#token=...` from the URL, keeps it in sessionStorage so a reload still works, and removes it from the
 * visible URL. The hash is replaced with a route because HashRouter owns the fragment from then on.
 */
export function takeWebToken(env: WebLocationEnv): string | null {
  const match = /^#(?:.*&)?token=([^&]+)/.exec(env.location.hash);
  const fromUrl = match?.[1] ? decodeURIComponent(match[1]) : null;
  if (fromUrl) {
    env.storage.setItem(TOKEN_KEY, fromUrl);
    env.history.replaceState(null, '', `${env.location.pathname}${env.location.search}${DEFAULT_ROUTE}`);
    return fromUrl;
  }
  return env.storage.getItem(TOKEN_KEY);
}

/** The web host's RPC endpoint on the same origin that served the page. */
export function webSocketUrl(location: Pick<Location, 'host' | 'protocol'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/rpc${query}`;
}

export interface SelectedBridge {
  bridge: OutpostBridge;
  kind: 'electron' | 'web';
}

/** Picks the bridge for this window. `onConnectionChange` only fires for the web bridge (it owns a socket). */
export function selectBridge(onConnectionChange: (connected: boolean) => void): SelectedBridge {
  if (window.outpost) return { bridge: window.outpost, kind: 'electron' };
  const token = takeWebToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  const bridge = createWsBridge({
    url: webSocketUrl(window.location, token),
    // The DOM types its handlers with `this: WebSocket` and concrete Event types; at runtime it is exactly the
    // WebSocketLike slice the bridge needs, so the cast is sound.
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    onConnectionChange,
  });
  return { bridge, kind: 'web' };
}
