// An in-memory stand-in for Outpost core behind the OutpostBridge contract, for renderer tests. It validates
// params and results against the shared method map, so what the UI sees is exactly what a real core could send.
import type { OutpostBridge } from '../../../../src/shared/api/bridge';
import type { ApiErrorData } from '../../../../src/shared/api/errors';
import { events, type EventName, type EventPayload } from '../../../../src/shared/api/events';
import { isMethodName, methods, type AppInfo, type MethodName } from '../../../../src/shared/api/methods';
import { errorResponse, type RpcEvent, type RpcRequest, type RpcResponse } from '../../../../src/shared/api/rpc';
import { DEFAULT_SETTINGS, type Settings } from '../../../../src/shared/domain/settings';
import type { SyncStatus } from '../../../../src/shared/domain/sync-status';

export const FAKE_APP_INFO: AppInfo = {
  name: 'Outpost',
  version: '0.1.0',
  apiVersion: 1,
  replicaSchemaVersion: 3,
  startedAt: '2026-11-02T08:00:00.000Z',
};

export const FAKE_SYNC_STATUS: SyncStatus = {
  state: 'synced',
  lastSyncedAt: '2026-11-02T07:45:00.000Z',
  pendingOutbox: 2,
  lastError: null,
  progress: null,
};

export interface FakeCoreOptions {
  settings?: Partial<Settings>;
  syncStatus?: SyncStatus;
}

export class FakeCore implements OutpostBridge {
  settings: Settings;
  syncStatus: SyncStatus;
  readonly requests: RpcRequest[] = [];
  /** When true, every invoke fails at the transport, as if core were gone. */
  unreachable = false;
  private readonly failures = new Map<MethodName, ApiErrorData>();
  private readonly listeners = new Set<(event: RpcEvent) => void>();

  constructor(options: FakeCoreOptions = {}) {
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.syncStatus = options.syncStatus ?? FAKE_SYNC_STATUS;
  }

  /** Make the next call of `method` fail with this error. */
  failNext(method: MethodName, error: ApiErrorData): void {
    this.failures.set(method, error);
  }

  callsOf(method: MethodName): unknown[] {
    return this.requests.filter((r) => r.method === method).map((r) => r.params);
  }

  async invoke(request: RpcRequest): Promise<RpcResponse> {
    this.requests.push(structuredClone(request));
    if (this.unreachable) throw new Error('core is gone');
    const { id, method } = request;
    if (!isMethodName(method)) return errorResponse(id, { code: 'UNKNOWN_METHOD', message: method });
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      return errorResponse(id, failure);
    }
    const params = methods[method].params.safeParse(request.params);
    if (!params.success) return errorResponse(id, { code: 'BAD_REQUEST', message: params.error.message });
    const result = methods[method].result.parse(this.answer(method, params.data));
    return structuredClone({ id, ok: true, result });
  }

  onEvent(listener: (event: RpcEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) listener(structuredClone({ event, payload: checked }));
  }

  private answer(method: MethodName, params: unknown): unknown {
    switch (method) {
      case 'app.info':
        return FAKE_APP_INFO;
      case 'settings.get':
        return this.settings;
      case 'settings.update':
        this.settings = { ...this.settings, ...(params as Partial<Settings>) };
        this.emit('settings.changed', this.settings);
        return this.settings;
      case 'sync.status':
        return this.syncStatus;
    }
  }
}
