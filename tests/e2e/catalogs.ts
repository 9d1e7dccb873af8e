// The renderer's i18n catalogs, read from src/renderer/src/i18n so tests never hard-code UI text.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locale } from '../../src/shared/domain/settings';
import { repoRoot } from '../helpers/web-host';
import type { Route } from './pages/app-shell';

type Catalog = typeof import('../../src/renderer/src/i18n/en.json');

export const catalogs: Record<Locale, Catalog> = {
  'zh-CN': readCatalog('zh-CN'),
  en: readCatalog('en'),
};

/** Catalog key of each route's nav label (`nav.<key>`). */
const NAV_KEYS = { 'war-room': 'warRoom', packs: 'packs', exceptions: 'exceptions', reps: 'reps', settings: 'settings' } as const;

export function navLabel(locale: Locale, route: Route): string {
  return catalogs[locale].nav[NAV_KEYS[route]];
}

function readCatalog(locale: Locale): Catalog {
  return JSON.parse(readFileSync(resolve(repoRoot, `src/renderer/src/i18n/${locale}.json`), 'utf8')) as Catalog;
}
