// Builds the i18next instance the renderer uses. One instance per app (no global singleton), so tests can
// create their own and swap catalogs (e.g. the pseudo-locale) without touching the app's.
import { createInstance, type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/domain/settings';
import { catalogs } from './resources';

export function createI18n(locale: Locale): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false, // a missing key must show up as a key, not silently in another language
    supportedLngs: LOCALES,
    load: 'currentOnly',
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: catalogs[l] }])),
    // Resources are bundled, so init is synchronous and the first render already has text.
    initAsync: false,
    // React escapes output itself; escaping here would double-escape.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
