// @vitest-environment jsdom
// Every visible string of the wall scenes comes from the catalogs: each scene rendered under the pseudo-locale
// (catalog values wrapped in ⟦…⟧) shows no unwrapped text but the data's own names and ids.
// Its own file because installing the pseudo-locale rewrites the shared catalog object for the whole module.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { maskName } from '../../../../src/renderer/src/features/war-room/scenes/privacy';
import { SCENES } from '../../../../src/renderer/src/features/war-room/scenes/registry';
import en from '../../../../src/renderer/src/i18n/en.json';
import { WALL_SCENE_IDS } from '../../../../src/shared/domain/wall';
import { findUnlocalizedText, pseudoCatalog } from '../helpers/pseudo-locale';
import { FIXTURES } from './fixtures';
import { renderWithI18n } from './render';

vi.mock('echarts/core', () => import('./fake-echarts'));
vi.mock('echarts/charts', () => ({ BarChart: {}, LineChart: {}, ScatterChart: {} }));
vi.mock('echarts/components', () => ({ GridComponent: {}, MarkLineComponent: {} }));
vi.mock('echarts/renderers', () => ({ CanvasRenderer: {} }));

afterEach(() => cleanup());

const pseudo = pseudoCatalog(en);
const COMPACT_MONEY = /^¥[\d.,]+[KMB]?$/;

describe.each(WALL_SCENE_IDS)('scene %s', (id) => {
  it.each([false, true])('shows only catalog text besides the data (privacy %s)', (privacy) => {
    const { Component } = SCENES[id];
    const data = FIXTURES[id];
    renderWithI18n(<Component data={data} privacy={privacy} theme="dark" onRendered={() => {}} />, 'en', (i18n) =>
      i18n.addResourceBundle('en', 'translation', pseudo, true, true),
    );
    const dataStrings = new Set<string>();
    JSON.stringify(data, (_key, value: unknown) => {
      if (typeof value === 'string') dataStrings.add(value).add(maskName(value));
      return value;
    });
    const scene = screen.getByTestId(`wall-scene-${id}`);
    expect(scene.textContent).toContain('⟦');
    // Amounts are formatted by Intl in the UI locale; its compact suffix ("M", "万") is not catalog text.
    const found = findUnlocalizedText(scene).filter((u) => !dataStrings.has(u.text.trim()) && !COMPACT_MONEY.test(u.text));
    expect(found).toEqual([]);
  });
});
