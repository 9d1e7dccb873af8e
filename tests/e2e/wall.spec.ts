// The war-room wall end to end in Chromium via the web host, syncing with a real backend process: rotation order,
// pause/resume, next/previous/jump, tile focus + drill + return to the same scene, privacy mode, meeting freeze
// while data changes underneath, the stale banner (backend stopped; last sync older than the threshold), the
// on-screen controls' show/hide, and that every scene fits 1280×720 and 1920×1080 without scrolling or clipped
// text, with screenshots in both languages and themes (tests/artifacts/wall-<w>x<h>-<locale>-<theme>.png).
import { cp, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { Locale } from '../../src/shared/domain/settings';
import { WALL_SCENE_IDS, DEFAULT_WALL_SETTINGS, type WallSceneId } from '../../src/shared/domain/wall';
import { startBackend, type Backend } from '../helpers/backend';
import { connectWebClient, waitForSynced, type WebClient } from '../helpers/web-client';
import { ARTIFACTS_DIR, expect, test as base, withTempDir } from './fixtures';
import { WallPage, wallRecorderScript, type WallTraceEntry } from './pages/wall-page';

const SYNC_INTERVAL_MS = 1_000;
/** Long enough that the rotation never moves on its own during a step of a test. */
const STILL = 600_000;

interface WallFixtures {
  /** Live demo writes of the backend every this many ms; undefined = a still dataset. */
  backendLiveMs: number | undefined;
  /** Extra web host arguments on top of the backend ones. */
  extraHostArgs: string[];
  backend: Backend;
  /** The test's own connection to core (settings, sync status, scene data), ready once the replica synced. */
  api: WebClient;
  wall: WallPage;
}

/** A backend per test, copied from a demo dataset seeded once per worker; the web host syncs with it. */
const test = base.extend<WallFixtures, { seededBackendDir: string }>({
  seededBackendDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) =>
      withTempDir('outpost-wall-seed-', async (dir) => {
        const seeding = await startBackend({ dataDir: dir, timeoutMs: 150_000 });
        await seeding.stop();
        await use(dir);
      }),
    { scope: 'worker', timeout: 180_000 },
  ],
  backendLiveMs: [undefined, { option: true }],
  extraHostArgs: [[], { option: true }],
  backend: async ({ seededBackendDir, backendLiveMs }, use, testInfo) =>
    withTempDir('outpost-wall-backend-', async (dir) => {
      await cp(seededBackendDir, dir, { recursive: true });
      const backend = await startBackend({ dataDir: dir, liveMs: backendLiveMs });
      try {
        await use(backend);
      } finally {
        await backend.stop();
        if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('backend-output', { body: backend.output() });
      }
    }),
  webHostArgs: async ({ backend, extraHostArgs }, use) =>
    use([
      `--backend-url=${backend.url}`,
      `--backend-token=${backend.token}`,
      `--sync-interval-ms=${SYNC_INTERVAL_MS}`,
      ...extraHostArgs,
    ]),
  initScript: wallRecorderScript(),
  api: async ({ webHost }, use) => {
    const api = connectWebClient(webHost.url);
    try {
      await waitForSynced(api.client, 90_000);
      await use(api);
    } finally {
      api.close();
    }
  },
  wall: async ({ page, api }, use) => {
    void api; // the wall opens on a synced replica
    await expect(page.getByTestId('nav-war-room')).toBeVisible();
    await use(new WallPage(page));
  },
});

/** The scenes the wall showed, in order, from the recorder (consecutive repeats collapsed). */
function sceneSequence(trace: readonly WallTraceEntry[]): string[] {
  const out: string[] = [];
  for (const entry of trace) {
    if (entry.kind !== 'state' || !entry.scene) continue;
    if (out[out.length - 1] !== entry.scene) out.push(entry.scene);
  }
  return out;
}

test('the rotation shows every scene in the configured order and wraps around', async ({ wall }) => {
  test.setTimeout(120_000);
  const order: WallSceneId[] = ['trends', 'overview', 'exceptionsBoard', 'funnel', 'repActivity', 'regionRanking'];
  await wall.open({ dwellMs: 700, scenes: order });
  await expect(wall.root).toHaveAttribute('data-paused', 'false');
  await expect
    .poll(async () => sceneSequence(await wall.trace()).length, { timeout: 60_000, message: 'the wall went round once' })
    .toBeGreaterThanOrEqual(order.length + 2);
  const seen = sceneSequence(await wall.trace());
  const expected = Array.from({ length: seen.length }, (_, i) => order[i % order.length]);
  expect(seen).toEqual(expected);
  // Every step's index matches its scene, and the scene root on screen is that scene's.
  const states = (await wall.trace()).filter((e) => e.kind === 'state' && e.scene);
  for (const state of states) expect(order[state.index ?? -1]).toBe(state.scene);
});

test('Space pauses the rotation (the scene stays for over twice the dwell) and resumes it', async ({ wall }) => {
  const dwellMs = 600;
  await wall.open({ dwellMs });
  await expect.poll(() => wall.sceneIndex(), { message: 'the rotation runs' }).toBeGreaterThanOrEqual(1);
  await wall.press('Space');
  await expect(wall.root).toHaveAttribute('data-paused', 'true');
  const scene = await wall.currentScene();
  await wall.clearTrace();
  await wall.page.waitForTimeout(dwellMs * 3);
  expect(await wall.currentScene()).toBe(scene);
  expect(sceneSequence(await wall.trace()).filter((s) => s !== scene)).toEqual([]);

  await wall.press('Space');
  await expect(wall.root).toHaveAttribute('data-paused', 'false');
  await expect.poll(() => wall.currentScene(), { timeout: dwellMs * 4, message: 'the rotation moved on' }).not.toBe(scene);
});

test('ArrowRight/PageDown go to the next scene, ArrowLeft/PageUp to the previous, number keys jump; every scene renders', async ({
  wall,
}) => {
  test.setTimeout(90_000);
  await wall.open({ dwellMs: STILL });
  await wall.waitForScene('overview');
  const steps: [string, WallSceneId][] = [
    ['ArrowRight', 'funnel'],
    ['PageDown', 'regionRanking'],
    ['ArrowLeft', 'funnel'],
    ['PageUp', 'overview'],
    ['PageUp', 'trends'], // wraps backwards
    ['ArrowRight', 'overview'], // and forwards
    ['4', 'exceptionsBoard'],
    ['5', 'repActivity'],
    ['6', 'trends'],
    ['9', 'trends'], // no ninth scene: ignored
    ['1', 'overview'],
  ];
  for (const [key, scene] of steps) {
    await wall.press(key);
    await wall.waitForScene(scene);
    expect(await wall.sceneIndex()).toBe(WALL_SCENE_IDS.indexOf(scene));
  }
  // Keys alone never pause the rotation.
  await expect(wall.root).toHaveAttribute('data-paused', 'false');
});

test('scenes name regions in the UI language, never by their raw ids', async ({ wall, api }) => {
  test.setTimeout(90_000);
  const ranking = await api.client.call('analytics.regionRanking', {});
  const ids = ranking.rows.map((row) => row.regionId);
  expect(ids.length).toBeGreaterThan(0);
  await api.client.call('settings.update', { locale: 'en' });
  await wall.open({ dwellMs: STILL });
  const found: string[] = [];
  for (const [i, scene] of WALL_SCENE_IDS.entries()) {
    await wall.press(String(i + 1));
    await wall.waitForScene(scene);
    const text = await wall.scene(scene).innerText();
    for (const id of ids) if (text.includes(id)) found.push(`${scene} shows "${id}"`);
  }
  expect(found, 'raw region ids on the wall').toEqual([]);
});

test('Tab focuses a tile, Enter drills into its rows, Esc returns to the same scene and the rotation resumes', async ({
  wall,
}) => {
  test.setTimeout(90_000);
  const dwellMs = 2_500;
  const scenes: WallSceneId[] = ['exceptionsBoard', 'overview'];
  await wall.open({ dwellMs, scenes });
  // Paused while the focus moves, so the scene cannot change under the keyboard; Space again then resumes it.
  await wall.press('Space');
  await wall.press('1');
  await wall.waitForScene('exceptionsBoard');
  await wall.press('Tab');
  const focused = wall.focusedTile();
  await expect(focused).toHaveCount(1);
  await expect(focused).toBeFocused();
  const firstTile = await focused.getAttribute('data-tile-id');
  await wall.press('Tab');
  await expect(focused).toHaveCount(1);
  expect(await focused.getAttribute('data-tile-id')).not.toBe(firstTile);
  await wall.press('Shift+Tab');
  await expect(focused).toHaveAttribute('data-tile-id', firstTile ?? '');
  const tileId = firstTile ?? '';

  await wall.press('Space');
  await wall.press('Enter');
  await expect(wall.drill).toBeVisible();
  await expect(wall.drillRows.first()).toBeVisible({ timeout: 15_000 });
  expect(await wall.drillRows.count()).toBeGreaterThan(0);
  await expect(wall.root).toHaveAttribute('data-paused', 'true'); // the drill holds the loop
  await wall.page.waitForTimeout(dwellMs * 2 + 500);
  expect(await wall.currentScene()).toBe('exceptionsBoard');
  await wall.page.screenshot({ path: resolve(ARTIFACTS_DIR, 'wall-drill-1280x720.png') });

  await wall.press('Escape');
  await expect(wall.drill).toHaveCount(0);
  expect(await wall.currentScene()).toBe('exceptionsBoard');
  await expect(wall.root).toHaveAttribute('data-paused', 'false');
  await expect(wall.focusedTile()).toHaveAttribute('data-tile-id', tileId);
  // Still on the wall (Esc left the drill, not the wall), and the loop goes on.
  await expect(wall.page).toHaveURL(/#\/wall/);
  await expect.poll(() => wall.currentScene(), { timeout: dwellMs * 3 }).toBe('overview');

  // Outside a drill, Esc leaves the wall for the war room.
  await wall.press('Escape');
  await expect(wall.page).toHaveURL(/#\/war-room/);
});

test('privacy mode (p or the button) masks every rep name on the rep activity scene and in its drill', async ({ wall, api }) => {
  test.setTimeout(90_000);
  const reps = await api.client.call('analytics.repActivity', {});
  const names = [...new Set(reps.rows.map((r) => r.name.trim()))].filter((n) => n.length >= 2);
  expect(names.length).toBeGreaterThan(0);
  await wall.open({ dwellMs: STILL, scenes: ['repActivity'] });
  await wall.waitForScene('repActivity');
  await expect(wall.root).toHaveAttribute('data-privacy', 'false');
  const shownBefore = namesIn(await wall.root.innerText(), names);
  expect(shownBefore.length, 'the unmasked scene shows rep names').toBeGreaterThan(0);

  await wall.press('p');
  await expect(wall.root).toHaveAttribute('data-privacy', 'true');
  await wall.waitForScene('repActivity');
  expect(namesIn(await wall.root.innerText(), names)).toEqual([]);
  // Masked forms are shown instead (张伟 → 张*, Li Wei → L. W.).
  expect(await wall.root.innerText()).toMatch(/\p{Script=Han}{1,2}\*|\b\p{Lu}\. \p{Lu}\./u);

  // A rep row's drill lists that rep's exceptions: masked too.
  const repTile = await tileNaming(wall, shownBefore);
  await repTile.focus();
  await wall.press('Enter');
  await expect(wall.drill).toBeVisible();
  // The rep may have no exceptions: the names must be masked whether rows come or not.
  await wall.drillRows
    .first()
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  expect(namesIn(await wall.drill.innerText(), names)).toEqual([]);
  await wall.page.screenshot({ path: resolve(ARTIFACTS_DIR, 'wall-privacy-drill-1280x720.png') });
  await wall.press('Escape');
  await expect(wall.drill).toHaveCount(0);

  // The on-screen button turns it off again: the names are back.
  await wall.wiggleMouse();
  await expect(wall.controls).toHaveAttribute('data-visible', 'true');
  await wall.button('privacy').click();
  await expect(wall.root).toHaveAttribute('data-privacy', 'false');
  await expect.poll(async () => namesIn(await wall.root.innerText(), names).length).toBeGreaterThan(0);
  await wall.button('privacy').click();
  await expect(wall.root).toHaveAttribute('data-privacy', 'true');
  expect(namesIn(await wall.root.innerText(), names)).toEqual([]);
});

/** The full names from `names` that occur in `text`. */
function namesIn(text: string, names: readonly string[]): string[] {
  return names.filter((name) => text.includes(name));
}

/** A tile on the rep activity scene that (unmasked) named one of `names`: found by its tile id or position. */
async function tileNaming(wall: WallPage, names: readonly string[]) {
  const tiles = wall.scene('repActivity').getByTestId('wall-tile');
  const count = await tiles.count();
  // Prefer a rep row (tile id `rep-<repId>`); fall back to the last tile.
  for (let i = 0; i < count; i++) {
    const id = (await tiles.nth(i).getAttribute('data-tile-id')) ?? '';
    if (/^rep-/.test(id) && id !== 'reps-scatter') return tiles.nth(i);
  }
  expect(names.length).toBeGreaterThan(0);
  return tiles.nth(count - 1);
}

test.describe('with data changing underneath', () => {
  test.use({ backendLiveMs: 400 });

  test('a frozen wall keeps its snapshot (badge, same checkpoint on every scene) while a live wall moves on', async ({
    wall,
    webHost,
    context,
  }) => {
    test.setTimeout(120_000);
    const scenes: WallSceneId[] = ['overview', 'regionRanking'];
    await wall.open({ dwellMs: STILL, scenes });
    await wall.waitForScene('overview');
    await wall.press('f');
    await expect(wall.root).toHaveAttribute('data-frozen', 'true');
    await expect(wall.frozenBadge).toBeVisible();
    await expect(wall.frozenBadge).toHaveAttribute('data-status', 'ready');
    await wall.waitForRendered();
    const frozenAt = await wall.checkpoint();
    expect(frozenAt).not.toBeNull();

    const live = await WallPage.openIn(await context.newPage(), webHost.url, { dwellMs: STILL, scenes });
    await live.waitForScene('overview');
    await expect(live.root).toHaveAttribute('data-frozen', 'false');
    // Sync goes on underneath: the live wall's checkpoint moves past the frozen one (twice, to be sure).
    await expect
      .poll(async () => Number(await live.checkpoint()), { timeout: 30_000, message: 'the live wall got newer data' })
      .toBeGreaterThan(Number(frozenAt));
    const firstMove = Number(await live.checkpoint());
    await expect.poll(async () => Number(await live.checkpoint()), { timeout: 30_000 }).toBeGreaterThan(firstMove);
    expect(await wall.checkpoint()).toBe(frozenAt);
    const trace = await wall.trace();
    const sinceFreeze = trace.filter((e) => e.kind === 'state' && e.frozen === 'true' && e.checkpoint);
    expect(new Set(sinceFreeze.map((e) => e.checkpoint))).toEqual(new Set([frozenAt]));

    // The other scene shows the same pinned snapshot.
    await wall.press('ArrowRight');
    await wall.waitForScene('regionRanking');
    expect(await wall.checkpoint()).toBe(frozenAt);
    await expect(wall.frozenBadge).toBeVisible();
    await wall.page.screenshot({ path: resolve(ARTIFACTS_DIR, 'wall-frozen-1280x720.png') });

    // Unfreezing goes back to live data.
    await wall.press('f');
    await expect(wall.root).toHaveAttribute('data-frozen', 'false');
    await expect(wall.frozenBadge).toHaveCount(0);
    await expect.poll(async () => Number(await wall.checkpoint()), { timeout: 15_000 }).toBeGreaterThan(Number(frozenAt));

    // The freeze button does the same as `f`.
    await wall.wiggleMouse();
    await wall.button('freeze').click();
    await expect(wall.root).toHaveAttribute('data-frozen', 'true');
    await expect(wall.frozenBadge).toBeVisible();
  });
});

test('the stale banner appears when the backend stops and leaves once it is back', async ({ wall, backend }) => {
  test.setTimeout(150_000);
  await wall.open({ dwellMs: STILL, scenes: ['overview'] });
  await wall.waitForScene('overview');
  await expect(wall.staleBanner).toHaveCount(0);

  await backend.stop();
  await expect(wall.staleBanner).toBeVisible({ timeout: 30_000 });
  await expect(wall.staleBanner).toHaveAttribute('data-kind', 'unreachable');
  // The figures stay on screen, with their as-of stamps.
  await expect(wall.scene('overview')).toBeVisible();
  await expect(wall.page.getByTestId('wall-asof').first()).toBeVisible();
  await wall.page.screenshot({ path: resolve(ARTIFACTS_DIR, 'wall-stale-1280x720.png') });

  await backend.restart();
  await expect(wall.staleBanner).toHaveCount(0, { timeout: 60_000 });
});

test.describe('when the last sync is older than staleAfterMin', () => {
  // One sync at start, then none for a day: the age of the data grows while sync itself stays healthy.
  test.use({ extraHostArgs: ['--sync-interval-ms=86400000'] });

  test('the stale banner says how old the figures are', async ({ wall, api }) => {
    test.setTimeout(150_000);
    const settings = await api.client.call('settings.get', {});
    await api.client.call('settings.update', { wall: { ...settings.wall, staleAfterMin: 1 } });
    await wall.open({ dwellMs: STILL, scenes: ['overview'] });
    await wall.waitForScene('overview');
    const status = await api.client.call('sync.status', {});
    const ageMs = Date.now() - Date.parse(status.lastSyncedAt ?? '');
    // Fresh now; stale one minute after the last sync (the banner re-checks the age every few seconds).
    if (ageMs < 50_000) await expect(wall.staleBanner).toHaveCount(0);
    await expect(wall.staleBanner).toBeVisible({ timeout: 60_000 - ageMs + 30_000 });
    await expect(wall.staleBanner).toHaveAttribute('data-kind', 'old');
    expect((await api.client.call('sync.status', {})).state).toBe('synced');
  });
});

test('the on-screen controls show on mouse move, hide after a few idle seconds, and work', async ({ wall }) => {
  await wall.open({ dwellMs: STILL });
  await wall.waitForScene('overview');
  await expect(wall.controls).toHaveAttribute('data-visible', 'false');
  // Keys alone (a presenter remote) never bring them up.
  await wall.press('ArrowRight');
  await wall.waitForScene('funnel');
  await expect(wall.controls).toHaveAttribute('data-visible', 'false');

  await wall.wiggleMouse();
  await expect(wall.controls).toHaveAttribute('data-visible', 'true');
  await expect(wall.button('next')).toBeVisible();
  await wall.button('next').click();
  await wall.waitForScene('regionRanking');
  await wall.button('prev').click();
  await wall.waitForScene('funnel');
  await wall.button('pause').click();
  await expect(wall.root).toHaveAttribute('data-paused', 'true');
  await wall.button('pause').click();
  await expect(wall.root).toHaveAttribute('data-paused', 'false');
  // The keys still steer the wall after a click on a control.
  await wall.press('ArrowRight');
  await wall.waitForScene('regionRanking');

  const shownAt = Date.now();
  await expect(wall.controls).toHaveAttribute('data-visible', 'false', { timeout: 8_000 });
  expect(Date.now() - shownAt).toBeGreaterThan(1_500);

  await wall.wiggleMouse();
  await expect(wall.controls).toHaveAttribute('data-visible', 'true');
  await wall.button('exit').click();
  await expect(wall.page).toHaveURL(/#\/war-room/);
});

// ---- layout: every scene fits the screen, no text overflows its box -----------------------------------------

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
const LOCALES: Locale[] = ['zh-CN', 'en'];
const THEMES = ['dark', 'light'] as const;

interface LayoutReport {
  scroll: { scrollWidth: number; scrollHeight: number; innerWidth: number; innerHeight: number };
  problems: string[];
}

/**
 * In the page: the document must not scroll, no tile may leave the screen or overlap another, and no text
 * element in a tile (or in the scene and wall headers) may be wider than its box or stick out of its tile.
 */
function measureLayout(): LayoutReport {
  const problems: string[] = [];
  const page = document.scrollingElement ?? document.documentElement;
  const scroll = { scrollWidth: page.scrollWidth, scrollHeight: page.scrollHeight, innerWidth, innerHeight };
  if (page.scrollHeight > innerHeight) problems.push(`the page scrolls vertically (${page.scrollHeight} > ${innerHeight})`);
  if (page.scrollWidth > innerWidth) problems.push(`the page scrolls horizontally (${page.scrollWidth} > ${innerWidth})`);
  const name = (el: Element) => {
    const tile = el.closest('[data-testid="wall-tile"]');
    const where = tile ? `tile ${tile.getAttribute('data-tile-id')}` : 'header';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : '';
    return `${where} <${el.tagName.toLowerCase()}${cls}> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  };
  // Laid out and visible: not display:none, hidden or transparent (e.g. a row's as-of stamp shown only on focus),
  // and not screen-reader-only text (a clipped 1 px box).
  const shown = (el: Element) => {
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false;
    for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false;
    }
    return true;
  };
  const tiles = Array.from(document.querySelectorAll('[data-testid="wall"] [data-testid="wall-tile"]')).filter(shown);
  const rects = tiles.map((tile) => tile.getBoundingClientRect());
  tiles.forEach((tile, i) => {
    const r = rects[i] as DOMRect;
    if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1) {
      problems.push(
        `${name(tile)} leaves the screen (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)})`,
      );
    }
    for (let j = i + 1; j < tiles.length; j++) {
      const other = tiles[j] as Element;
      if (tile.contains(other) || other.contains(tile)) continue;
      const o = rects[j] as DOMRect;
      const w = Math.min(r.right, o.right) - Math.max(r.left, o.left);
      const h = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
      if (w > 2 && h > 2) problems.push(`${name(tile)} overlaps ${name(other)} by ${Math.round(w)}×${Math.round(h)} px`);
    }
  });
  const scopes = [
    ...tiles,
    ...Array.from(document.querySelectorAll('[data-testid="wall"] .wall-header, [data-testid="wall"] .wall-scene-head')),
  ];
  const seen = new Set<Element>();
  for (const scope of scopes) {
    const box = (scope.closest('[data-testid="wall-tile"]') ?? scope).getBoundingClientRect();
    for (const el of [scope, ...Array.from(scope.querySelectorAll('*'))]) {
      if (seen.has(el) || el.closest('svg')) continue;
      seen.add(el);
      const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!hasText || !shown(el)) continue;
      const display = getComputedStyle(el).display;
      if (display !== 'inline' && display !== 'contents' && el.scrollWidth > el.clientWidth + 1) {
        const clip = getComputedStyle(el).textOverflow === 'ellipsis' ? ' (cut off with an ellipsis)' : '';
        problems.push(`${name(el)} is wider than its box (${el.scrollWidth} > ${el.clientWidth})${clip}`);
      }
      const r = el.getBoundingClientRect();
      if (r.right > box.right + 1 || r.left < box.left - 1 || r.bottom > box.bottom + 1 || r.top < box.top - 1) {
        problems.push(`${name(el)} sticks out of its ${scope === el ? 'box' : 'tile'}`);
      }
    }
  }
  // Lists of cards show whole cards only: a card the list has no room for is left out or hidden, never cut off
  // at the list's (or its panel's) edge.
  for (const list of Array.from(document.querySelectorAll('[data-testid="wall"] .wall-critical-list'))) {
    const box = list.getBoundingClientRect();
    const panel = list.parentElement?.getBoundingClientRect();
    if (panel && box.bottom > panel.bottom + 1)
      problems.push(`the critical list runs out of its panel by ${Math.round(box.bottom - panel.bottom)} px`);
    for (const card of Array.from(list.children)) {
      if (!shown(card)) continue;
      const r = card.getBoundingClientRect();
      const bottom = Math.min(box.bottom, panel?.bottom ?? box.bottom);
      const clips = getComputedStyle(list).overflowY !== 'visible';
      if (clips && r.top >= bottom - 1) continue; // wholly below a clipping list: not on screen
      if (r.top < box.top - 1 || r.bottom > bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1) {
        problems.push(
          `${name(card)} is cut off: ${Math.round(r.top)}–${Math.round(r.bottom)} px in a list ${Math.round(box.top)}–${Math.round(bottom)} px`,
        );
      }
    }
  }
  return { scroll, problems };
}

async function setLook(api: WebClient, page: Page, locale: Locale, theme: 'dark' | 'light'): Promise<void> {
  await api.client.call('settings.update', { locale, theme });
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const [sizeIndex, size] of SIZES.entries()) {
  test(`every scene fits ${size.width}×${size.height} in zh-CN/en and dark/light: no scrollbars, no overflowing text; screenshots`, async ({
    wall,
    api,
  }) => {
    test.setTimeout(240_000);
    const all = process.env.OUTPOST_WALL_SCREENSHOTS === 'all';
    const page = wall.page;
    await page.setViewportSize(size);
    await wall.open({ dwellMs: STILL, scenes: [...DEFAULT_WALL_SETTINGS.scenes] });
    const failures: string[] = [];
    let shot = sizeIndex * LOCALES.length * THEMES.length;
    for (const locale of LOCALES) {
      for (const theme of THEMES) {
        await setLook(api, page, locale, theme);
        for (const [i, scene] of WALL_SCENE_IDS.entries()) {
          await wall.press(String(i + 1));
          await wall.waitForScene(scene);
          await page.evaluate(() => document.fonts.ready);
          const report = await page.evaluate(measureLayout);
          expect(report.scroll.scrollHeight).toBeLessThanOrEqual(size.height);
          expect(report.scroll.scrollWidth).toBeLessThanOrEqual(size.width);
          failures.push(...report.problems.map((p) => `${scene} ${locale} ${theme}: ${p}`));
          // One scene per combination in the artifacts (a different one each time); all of them on request.
          const name = `wall-${size.width}x${size.height}-${locale}-${theme}`;
          if (i === shot % WALL_SCENE_IDS.length) await page.screenshot({ path: resolve(ARTIFACTS_DIR, `${name}.png`) });
          if (all) {
            await mkdir(resolve(ARTIFACTS_DIR, 'wall-all'), { recursive: true });
            await page.screenshot({ path: resolve(ARTIFACTS_DIR, 'wall-all', `${name}-${scene}.png`) });
          }
        }
        shot++;
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });
}
