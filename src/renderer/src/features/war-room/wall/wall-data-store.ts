// The wall's data: each scene's last answer from core, read when the scene is shown (and the next one ahead of
// time), re-read in place when synced changes arrive, or one pinned snapshot of every scene while frozen.
// Plain TypeScript (no React) so its timing rules are easy to follow: see use-wall-data.ts for the hook.
import type { OutpostClient } from '../../../../../shared/api/client';
import type { WallSnapshot } from '../../../../../shared/api/analytics-methods';
import type { AsOf } from '../../../../../shared/analytics/metrics';
import type { WallSceneId } from '../../../../../shared/domain/wall';

/** The core method behind each scene. */
export type SceneMethod =
  | 'analytics.overview'
  | 'analytics.funnel'
  | 'analytics.regionRanking'
  | 'analytics.exceptionsBoard'
  | 'analytics.repActivity'
  | 'analytics.trends';

/** A scene's result; every one carries the asOf of the snapshot it was read from. */
export type SceneResultOf<K extends WallSceneId> = NonNullable<WallSnapshot['scenes'][K]>;
export type SceneResult = SceneResultOf<WallSceneId>;

export interface SceneView<T = SceneResult> {
  /** What the scene shows; undefined until the first answer arrives. */
  data: T | undefined;
  /** Synced changes arrived after `data` was read: it is being re-read (or will be when the scene is shown). */
  stale: boolean;
  /** The last read failed (old data, if any, stays on screen). */
  failed: boolean;
}

export type FreezeView = null | { status: 'pending' } | { status: 'ready'; asOf: AsOf; scenes: WallSnapshot['scenes'] };

export interface WallDataState {
  scenes: Partial<Record<WallSceneId, SceneView>>;
  freeze: FreezeView;
  /** The last attempt to freeze failed (the wall stayed live). */
  freezeFailed: boolean;
}

interface Entry {
  data: SceneResult | undefined;
  /** The data version `data` was read at; -1 = no data. */
  readAt: number;
  /** The data version of the last failed read, if the last read failed. */
  failedAt: number | null;
}

/** Re-reads of the visible scene caused by `data.changed` are at most this often (leading and trailing edge). */
export const REFRESH_THROTTLE_MS = 250;

const NO_SCENE: SceneView = { data: undefined, stale: false, failed: false };

export class WallDataStore {
  private readonly entries = new Map<WallSceneId, Entry>();
  private readonly inflight = new Set<WallSceneId>();
  private readonly listeners = new Set<() => void>();
  /** Bumped by every `data.changed` (and by unfreezing): entries read at an older version are stale. */
  private version = 0;
  private visible: WallSceneId | null = null;
  private upcoming: WallSceneId | null = null;
  private frozen: FreezeView = null;
  private freezeFailed = false;
  /** Identifies the current freeze, so the answer to an abandoned one is dropped. */
  private freezeSeq = 0;
  private lastRefreshAt = Number.NEGATIVE_INFINITY;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private active = false;
  private state: WallDataState = { scenes: {}, freeze: null, freezeFailed: false };

  constructor(
    private readonly client: OutpostClient,
    private readonly methodOf: (scene: WallSceneId) => SceneMethod,
    private readonly throttleMs = REFRESH_THROTTLE_MS,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): WallDataState => this.state;

  start(): void {
    this.active = true;
  }

  /** Stops timers; answers still arriving are kept, so a restart (React strict mode) loses nothing. */
  stop(): void {
    this.active = false;
    this.clearRefreshTimer();
  }

  /** `scene` is on screen and `next` comes after it: read what is missing or stale (never while frozen). */
  show(scene: WallSceneId, next: WallSceneId | null): void {
    this.visible = scene;
    this.upcoming = next;
    if (this.frozen) return;
    this.load(scene);
    if (next && next !== scene) this.load(next);
  }

  /** Synced changes were applied: everything read so far is stale; the visible scene is re-read (throttled). */
  dataChanged(): void {
    this.version++;
    this.publish();
    this.refreshVisible();
  }

  /** Pin one snapshot of `scenes` (read once, from one consistent snapshot) until `unfreeze`. */
  freeze(scenes: readonly WallSceneId[]): void {
    if (this.frozen || scenes.length === 0) return;
    const seq = ++this.freezeSeq;
    this.frozen = { status: 'pending' };
    this.freezeFailed = false;
    this.clearRefreshTimer();
    this.publish();
    this.client.call('analytics.wall', { scenes: [...scenes] }).then(
      (snapshot) => {
        if (seq !== this.freezeSeq) return;
        this.frozen = { status: 'ready', asOf: snapshot.asOf, scenes: snapshot.scenes };
        this.publish();
      },
      () => {
        if (seq !== this.freezeSeq) return;
        // Stay live rather than pretend: a "frozen" badge over live data would be a lie.
        this.frozen = null;
        this.freezeFailed = true;
        this.publish();
        this.refreshVisible();
      },
    );
  }

  /** Back to live data: what was read before the freeze may be older than what sync brought meanwhile. */
  unfreeze(): void {
    if (!this.frozen) return;
    this.freezeSeq++;
    this.frozen = null;
    this.version++;
    this.publish();
    if (this.visible) this.show(this.visible, this.upcoming);
  }

  private needsRead(scene: WallSceneId, retryFailed: boolean): boolean {
    if (this.inflight.has(scene)) return false;
    const entry = this.entries.get(scene);
    if (entry && entry.readAt >= this.version) return false;
    // A failed read is retried when the scene is shown again or the data changes, not in a loop.
    return retryFailed || entry?.failedAt !== this.version;
  }

  private load(scene: WallSceneId): void {
    if (this.needsRead(scene, true)) this.read(scene);
  }

  private refreshVisible(): void {
    const scene = this.visible;
    if (!this.active || this.frozen || !scene || !this.needsRead(scene, false)) return;
    const wait = this.lastRefreshAt + this.throttleMs - Date.now();
    if (wait <= 0) {
      this.lastRefreshAt = Date.now();
      this.read(scene);
    } else if (!this.refreshTimer) {
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = null;
        this.refreshVisible();
      }, wait);
    }
  }

  private read(scene: WallSceneId): void {
    const version = this.version;
    this.inflight.add(scene);
    this.client
      .call(this.methodOf(scene), {})
      .then(
        (data) => {
          const entry = this.entries.get(scene);
          // Answers can overtake each other; never replace newer figures with older ones.
          if (!entry || entry.readAt <= version) this.entries.set(scene, { data, readAt: version, failedAt: null });
        },
        () => {
          const entry = this.entries.get(scene);
          this.entries.set(scene, { data: entry?.data, readAt: entry?.readAt ?? -1, failedAt: version });
        },
      )
      .finally(() => {
        this.inflight.delete(scene);
        this.publish();
        // Changes that arrived during the read make the visible scene stale again: read once more.
        if (scene === this.visible) this.refreshVisible();
      });
  }

  private clearRefreshTimer(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private publish(): void {
    const scenes: Partial<Record<WallSceneId, SceneView>> = {};
    for (const [scene, entry] of this.entries) {
      scenes[scene] = {
        data: entry.data,
        stale: entry.readAt < this.version,
        failed: entry.failedAt !== null && entry.failedAt >= entry.readAt,
      };
    }
    this.state = { scenes, freeze: this.frozen, freezeFailed: this.freezeFailed };
    for (const listener of this.listeners) listener();
  }
}

/** What a scene shows now: its part of the frozen snapshot, or its live data. */
export function sceneView<K extends WallSceneId>(state: WallDataState, scene: K): SceneView<SceneResultOf<K>> {
  if (state.freeze?.status === 'ready') {
    const data = state.freeze.scenes[scene];
    if (data) return { data, stale: false, failed: false };
  }
  // Entries are kept by scene id and filled by that scene's method, so the entry of K holds K's result.
  return (state.scenes[scene] ?? NO_SCENE) as SceneView<SceneResultOf<K>>;
}
