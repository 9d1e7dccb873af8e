// A typed core API client in the test process, over the web host's own WebSocket (the page's transport), for
// tests and benches that steer or watch core beside the page: settings, `sync.now`, `sync.status`, events.
import WebSocket from 'ws';
import { createClient, type OutpostClient } from '../../src/shared/api/client';
import type { RpcEvent } from '../../src/shared/api/rpc';
import type { SyncStatus } from '../../src/shared/domain/sync-status';
import { createWsBridge, type WebSocketLike } from '../../src/shared/transport/ws-bridge';

export interface WebClient {
  client: OutpostClient;
  /** Every event pushed by core, with the time (Date.now()) it arrived here. */
  onRawEvent(listener: (event: RpcEvent, at: number) => void): () => void;
  close(): void;
}

/** `http://127.0.0.1:<port>/#token=<secret>` (what the web host prints) → its parts. */
export function parseWebHostUrl(url: string): { origin: string; token: string } {
  const parsed = new URL(url);
  const token = /token=([^&]+)/.exec(parsed.hash)?.[1];
  if (!token) throw new Error(`no token in ${url}`);
  return { origin: parsed.origin, token: decodeURIComponent(token) };
}

export function connectWebClient(webHostUrl: string): WebClient {
  const { origin, token } = parseWebHostUrl(webHostUrl);
  const url = `${origin.replace(/^http/, 'ws')}/rpc?token=${encodeURIComponent(token)}`;
  const bridge = createWsBridge({ url, createSocket: (u) => new WebSocket(u) as unknown as WebSocketLike });
  return {
    client: createClient(bridge),
    onRawEvent: (listener) => bridge.onEvent((event) => listener(event, Date.now())),
    close: () => bridge.close(),
  };
}

/** Polls `sync.status` until the replica finished a sync (state synced, lastSyncedAt set). */
export async function waitForSynced(client: OutpostClient, timeoutMs = 120_000, pollMs = 250): Promise<SyncStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: SyncStatus | null = null;
  for (;;) {
    try {
      last = await client.call('sync.status', {});
      if (last.state === 'synced' && last.lastSyncedAt !== null) return last;
    } catch {
      // the socket may still be connecting
    }
    if (Date.now() > deadline) throw new Error(`not synced within ${timeoutMs} ms; last status ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
