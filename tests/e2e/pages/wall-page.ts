// Page object for the war-room wall (`#/wall`), written against the wall test-id contract in docs/team-brief.md:
// the root's scene/paused/frozen/privacy/live-charts attributes, scene roots with data-rendered/data-checkpoint,
// tiles, drill, stale banner, frozen badge and on-screen controls. Also an in-page recorder of every change of
// those attributes with its time, used by the e2e tests, the soak test and the wall benchmark.
import { expect, type CDPSession, type Locator, type Page } from '@playwright/test';
import { WALL_SCENE_IDS, type WallSceneId } from '../../../src/shared/domain/wall';

export type WallButton = 'prev' | 'next' | 'pause' | 'freeze' | 'privacy' | 'exit';

export interface WallQuery {
  /** Rotation interval override (the route clamps it to ≥ 50 ms). */
  dwellMs?: number;
  scenes?: readonly WallSceneId[];
}

/** One observed state of the wall (see recordWall). `t` is epoch ms with sub-ms precision (timeOrigin + now). */
export interface WallTraceEntry {
  t: number;
  kind: 'state' | 'key';
  key?: string;
  scene?: string | null;
  index?: number | null;
  paused?: string | null;
  frozen?: string | null;
  privacy?: string | null;
  liveCharts?: number | null;
  /** data-rendered / data-checkpoint of the root of the scene named by data-scene (null: not mounted yet). */
  rendered?: string | null;
  checkpoint?: string | null;
  stale?: boolean;
  drill?: boolean;
}

/** The `#/wall?...` route for a query. */
export function wallHash(query: WallQuery = {}): string {
  const params = new URLSearchParams();
  if (query.dwellMs !== undefined) params.set('dwellMs', String(query.dwellMs));
  if (query.scenes) params.set('scenes', query.scenes.join(','));
  const text = params.toString().replace(/%2C/g, ',');
  return `#/wall${text ? `?${text}` : ''}`;
}

/**
 * Runs in the page (as an init script, before the app): keeps the last `cap` states of the wall in
 * `window.__wallTrace` — one entry per change of the wall root's contract attributes or of the shown scene root's
 * data-rendered/data-checkpoint — and every keydown, each with its time. Bounded so a soak does not grow it.
 */
export function recordWall(cap: number): void {
  const trace: WallTraceEntry[] = [];
  Object.assign(window, { __wallTrace: trace });
  const now = () => performance.timeOrigin + performance.now();
  const push = (entry: WallTraceEntry) => {
    trace.push(entry);
    if (trace.length > cap) trace.splice(0, trace.length - cap);
  };
  let last = '';
  const record = () => {
    const wall = document.querySelector('[data-testid="wall"]');
    if (!wall) return;
    const scene = wall.getAttribute('data-scene');
    const root = scene ? document.querySelector(`[data-testid="wall-scene-${scene}"]`) : null;
    const charts = wall.getAttribute('data-live-charts');
    const state = {
      scene,
      index: wall.hasAttribute('data-scene-index') ? Number(wall.getAttribute('data-scene-index')) : null,
      paused: wall.getAttribute('data-paused'),
      frozen: wall.getAttribute('data-frozen'),
      privacy: wall.getAttribute('data-privacy'),
      liveCharts: charts === null ? null : Number(charts),
      rendered: root ? root.getAttribute('data-rendered') : null,
      checkpoint: root ? root.getAttribute('data-checkpoint') : null,
      stale: document.querySelector('[data-testid="wall-stale-banner"]') !== null,
      drill: document.querySelector('[data-testid="wall-drill"]') !== null,
    };
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    push({ t: now(), kind: 'state', ...state });
  };
  const start = () =>
    new MutationObserver(record).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: [
        'data-scene',
        'data-scene-index',
        'data-paused',
        'data-frozen',
        'data-privacy',
        'data-live-charts',
        'data-rendered',
        'data-checkpoint',
      ],
    });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
  // Capture phase on window: the time the key reached the page, before the wall's own handler ran.
  window.addEventListener('keydown', (event) => push({ t: now(), kind: 'key', key: event.key }), { capture: true });
}

/**
 * The recorder as init-script source. Why the `__name` shim: tsx (the bench's loader) compiles with esbuild's
 * keepNames, which wraps inner functions in `__name(...)` calls that do not exist in the page.
 */
export function wallRecorderScript(cap = 5_000): string {
  return `{ const __name = (fn) => fn; (${recordWall.toString()})(${cap}); }`;
}

/** A reading of the page at rest, after garbage collection. */
export interface RestReading {
  heapBytes: number;
  nodes: number;
  liveCharts: number;
  checkpoint: string | null;
}

/** What countCycles keeps in `window.__wallCycles`. */
export interface CycleStats {
  /** Wraps to the first scene made by the rotation itself (not by a jump while paused). */
  cycles: number;
  scenesShown: number;
  /** The highest data-live-charts the wall ever showed. */
  maxLiveCharts: number;
}

/** Runs in the page before the app: counts the rotation's full cycles and the highest live chart count. */
export function countCycles(): void {
  const stats: CycleStats = { cycles: 0, scenesShown: 0, maxLiveCharts: 0 };
  Object.assign(window, { __wallCycles: stats });
  let lastIndex = -1;
  const observe = () =>
    new MutationObserver(() => {
      const wall = document.querySelector('[data-testid="wall"]');
      if (!wall) return;
      const index = Number(wall.getAttribute('data-scene-index'));
      if (index !== lastIndex) {
        // A wrap to the first scene by the rotation itself (measurements jump there while paused).
        if (index === 0 && lastIndex > 0 && wall.getAttribute('data-paused') !== 'true') stats.cycles++;
        if (lastIndex >= 0) stats.scenesShown++;
        lastIndex = index;
      }
      stats.maxLiveCharts = Math.max(stats.maxLiveCharts, Number(wall.getAttribute('data-live-charts') ?? 0));
    }).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-scene-index', 'data-live-charts'],
    });
  if (document.documentElement) observe();
  else document.addEventListener('DOMContentLoaded', observe, { once: true });
}

/** countCycles as init-script source (with the same `__name` shim as wallRecorderScript). */
export function cycleCounterScript(): string {
  return `{ const __name = (fn) => fn; (${countCycles.toString()})(); }`;
}

export class WallPage {
  readonly root: Locator;
  readonly drill: Locator;
  readonly drillRows: Locator;
  readonly tiles: Locator;
  readonly staleBanner: Locator;
  readonly frozenBadge: Locator;
  readonly controls: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('wall');
    this.drill = page.getByTestId('wall-drill');
    this.drillRows = page.getByTestId('wall-drill-row');
    this.tiles = page.getByTestId('wall-tile');
    this.staleBanner = page.getByTestId('wall-stale-banner');
    this.frozenBadge = page.getByTestId('wall-frozen-badge');
    this.controls = page.getByTestId('wall-controls');
  }

  /**
   * Opens `#/wall?…` in a page that already holds the web token (it loaded the web host's URL once: the token
   * lives in sessionStorage from then on). A same-document navigation: the app and its socket stay up.
   */
  async open(query: WallQuery = {}): Promise<void> {
    const origin = new URL(this.page.url()).origin;
    await this.page.goto(`${origin}/${wallHash(query)}`);
    await expect(this.root).toBeVisible();
  }

  /** Loads the web host's URL (token in the fragment) in `page`, then opens the wall there. */
  static async openIn(page: Page, webHostUrl: string, query: WallQuery = {}): Promise<WallPage> {
    await page.goto(webHostUrl);
    await expect(page.getByTestId('nav-war-room')).toBeVisible();
    const wall = new WallPage(page);
    await wall.open(query);
    return wall;
  }

  scene(id: WallSceneId): Locator {
    return this.page.getByTestId(`wall-scene-${id}`);
  }

  button(name: WallButton): Locator {
    return this.page.getByTestId(`wall-${name}`);
  }

  async currentScene(): Promise<WallSceneId> {
    const id = await this.root.getAttribute('data-scene');
    if (!id || !(WALL_SCENE_IDS as readonly string[]).includes(id)) throw new Error(`the wall shows no known scene (${id})`);
    return id as WallSceneId;
  }

  async sceneIndex(): Promise<number> {
    return Number(await this.root.getAttribute('data-scene-index'));
  }

  /** Waits until `id` is the wall's scene and its root says it finished drawing its data. */
  async waitForScene(id: WallSceneId, timeout = 15_000): Promise<void> {
    await expect(this.root).toHaveAttribute('data-scene', id, { timeout });
    await expect(this.scene(id)).toHaveAttribute('data-rendered', 'true', { timeout });
  }

  /** Waits until whatever scene is shown finished drawing; returns it. */
  async waitForRendered(timeout = 15_000): Promise<WallSceneId> {
    let scene: WallSceneId | null = null;
    await expect
      .poll(
        async () => {
          scene = await this.currentScene().catch(() => null);
          return scene ? await this.scene(scene).getAttribute('data-rendered') : null;
        },
        { timeout, message: 'the shown scene finished rendering' },
      )
      .toBe('true');
    return scene ?? (await this.currentScene());
  }

  /** data-checkpoint of the shown scene (the asOf.checkpointId of its data), or null before it has data. */
  async checkpoint(): Promise<string | null> {
    const scene = await this.currentScene();
    return this.scene(scene)
      .getAttribute('data-checkpoint', { timeout: 1_000 })
      .catch(() => null);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** The focused tile (data-focused="true"). */
  focusedTile(): Locator {
    return this.page.locator('[data-testid="wall-tile"][data-focused="true"]');
  }

  /** Moves the mouse a little, which shows the on-screen controls. */
  async wiggleMouse(): Promise<void> {
    const size = this.page.viewportSize() ?? { width: 800, height: 600 };
    await this.page.mouse.move(size.width / 2, size.height / 2);
    await this.page.mouse.move(size.width / 2 + 40, size.height / 2 + 20, { steps: 4 });
  }

  /** The recorder's entries (recordWall must have been installed as an init script). */
  trace(): Promise<WallTraceEntry[]> {
    return this.page.evaluate(() => (window as unknown as { __wallTrace?: WallTraceEntry[] }).__wallTrace ?? []);
  }

  /** The cycle counter's figures (countCycles must have been installed as an init script). */
  cycleStats(): Promise<CycleStats> {
    return this.page.evaluate(() => (window as unknown as { __wallCycles: CycleStats }).__wallCycles);
  }

  /**
   * Pauses the rotation on the first scene, lets it finish drawing, collects garbage (twice) and reads the JS heap
   * and DOM node count over CDP (Performance must be enabled on `cdp`), then resumes. Always the same scene,
   * so readings taken at different times compare like with like.
   */
  async readAtRest(cdp: CDPSession, firstScene: WallSceneId = 'overview'): Promise<RestReading> {
    await this.press('Space');
    await expect(this.root).toHaveAttribute('data-paused', 'true');
    await this.press('1');
    await this.waitForScene(firstScene, 30_000);
    await this.page.waitForTimeout(300);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    const reading: RestReading = {
      heapBytes: metric('JSHeapUsedSize'),
      nodes: metric('Nodes'),
      liveCharts: Number(await this.root.getAttribute('data-live-charts')),
      checkpoint: await this.checkpoint(),
    };
    await this.press('Space');
    await expect(this.root).toHaveAttribute('data-paused', 'false');
    return reading;
  }

  clearTrace(): Promise<void> {
    return this.page.evaluate(() => {
      (window as unknown as { __wallTrace?: WallTraceEntry[] }).__wallTrace?.splice(0);
    });
  }
}
