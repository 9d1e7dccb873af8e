// An in-memory stand-in for Outpost core behind the OutpostBridge contract, for renderer tests. It validates
// params and results against the shared method map, so what the UI sees is exactly what a real core could send.
import { analyticsMethods } from '../../../../src/shared/api/analytics-methods';
import type { OutpostBridge } from '../../../../src/shared/api/bridge';
import type { ApiErrorData } from '../../../../src/shared/api/errors';
import { events, type EventName, type EventPayload } from '../../../../src/shared/api/events';
import {
  isMethodName,
  methods,
  type AppInfo,
  type MethodName,
  type MethodParams,
  type MethodResult,
  type SessionInfo,
} from '../../../../src/shared/api/methods';
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

export const FAKE_SESSION_USER: SessionInfo['user'] = { id: 'demo-director', name: '王海', role: 'director' };
export const FAKE_SESSION_REGIONS = ['华东', '华南'];

/** The analytics part of the API (scenes, exceptions): answered by whatever a test puts into `core.analytics`. */
export type AnalyticsMethodName = keyof typeof analyticsMethods;
export type AnalyticsAnswers = { [M in AnalyticsMethodName]?: (params: MethodParams<M>) => MethodResult<M> };
const isAnalyticsMethod = (method: MethodName): method is AnalyticsMethodName => method in analyticsMethods;

export interface FakeCoreOptions {
  settings?: Partial<Settings>;
  syncStatus?: SyncStatus;
}

export class FakeCore implements OutpostBridge {
  settings: Settings;
  syncStatus: SyncStatus;
  readonly requests: RpcRequest[] = [];
  /** Answers of the analytics methods; a method without one fails with INTERNAL (results are still validated). */
  analytics: AnalyticsAnswers = {};
  /** When true, every invoke fails at the transport, as if core were gone. */
  unreachable = false;
  private readonly failures = new Map<MethodName, ApiErrorData>();
  private readonly holds = new Map<MethodName, Promise<void>>();
  private nextOutboxSeq = 1;
  private readonly listeners = new Set<(event: RpcEvent) => void>();

  constructor(options: FakeCoreOptions = {}) {
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.syncStatus = options.syncStatus ?? FAKE_SYNC_STATUS;
  }

  /** Make the next call of `method` fail with this error. */
  failNext(method: MethodName, error: ApiErrorData): void {
    this.failures.set(method, error);
  }

  /** Hold every call of `method` until the returned function is called (to see what the UI shows meanwhile). */
  hold(method: MethodName): () => void {
    let release = () => {};
    this.holds.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  callsOf(method: MethodName): unknown[] {
    return this.requests.filter((r) => r.method === method).map((r) => r.params);
  }

  async invoke(request: RpcRequest): Promise<RpcResponse> {
    this.requests.push(structuredClone(request));
    if (this.unreachable) throw new Error('core is gone');
    const { id, method } = request;
    if (!isMethodName(method)) return errorResponse(id, { code: 'UNKNOWN_METHOD', message: method });
    await this.holds.get(method);
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      return errorResponse(id, failure);
    }
    const params = methods[method].params.safeParse(request.params);
    if (!params.success) return errorResponse(id, { code: 'BAD_REQUEST', message: params.error.message });
    if (isAnalyticsMethod(method) && !this.analytics[method]) {
      return errorResponse(id, { code: 'INTERNAL', message: `FakeCore has no answer for ${method}` });
    }
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

  /** Replace the sync status and announce it, as the sync engine does. */
  setSyncStatus(patch: Partial<SyncStatus>): void {
    this.syncStatus = { ...this.syncStatus, ...patch };
    this.emit('sync.status', this.syncStatus);
  }

  private answer(method: MethodName, params: unknown): unknown {
    if (isAnalyticsMethod(method)) return (this.analytics[method] as (params: unknown) => unknown)(params);
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
      case 'sync.now':
        return this.syncStatus;
      case 'sync.configure': {
        const { backendUrl } = params as MethodParams<'sync.configure'>;
        const url = backendUrl.replace(/\/+$/, '');
        this.setSyncStatus({ state: 'syncing', backendUrl: url, lastError: null });
        return {
          backendUrl: url,
          user: FAKE_SESSION_USER,
          regions: FAKE_SESSION_REGIONS,
          serverTime: Date.parse(FAKE_APP_INFO.startedAt),
        };
      }
      case 'sync.signOut':
        this.setSyncStatus({ state: 'idle', backendUrl: null, progress: null, lastError: null, etaMs: null, nextRetryAt: null });
        return this.syncStatus;
      case 'outbox.list':
        return { entries: [], counts: { pending: this.syncStatus.pendingOutbox, synced: 0, rejected: 0 } };
      case 'annotations.create':
      case 'actionItems.upsert':
      case 'exceptionStates.set':
        return { id: `local-${this.nextOutboxSeq}`, outboxSeq: this.nextOutboxSeq++ };
      default: {
        const unanswered: never = method;
        throw new Error(`FakeCore has no answer for ${String(unanswered)}`);
      }
    }
  }
}
