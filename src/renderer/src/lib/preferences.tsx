// The user's language and theme: loaded from core, kept in step with other windows via `settings.changed`,
// resolved against the OS when set to "system", and applied to <html lang>, <html data-theme> and i18next.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SETTINGS, resolveLocale, type Locale, type Settings } from '../../../shared/domain/settings';
import { useClient, useReloadOnReconnect } from './client-context';
import { useSystemLanguages, useSystemPrefersDark } from './system-preferences';

export type ResolvedTheme = 'light' | 'dark';

export interface Preferences {
  settings: Settings;
  /** What "system" currently means for each preference. */
  systemLocale: Locale;
  systemTheme: ResolvedTheme;
  locale: Locale;
  theme: ResolvedTheme;
  /** Persists a change through core; applies it at once and rolls back if core refuses. */
  update(change: Partial<Settings>): Promise<void>;
}

const PreferencesContext = createContext<Preferences | null>(null);

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences() must be used inside <PreferencesProvider>');
  return value;
}

/** Settings as core holds them: fetched on start and reconnect, then pushed by `settings.changed`. */
function useStoredSettings(initial: Settings | null) {
  const client = useClient();
  const [settings, setSettings] = useState<Settings>(initial ?? DEFAULT_SETTINGS);
  const load = useCallback(() => {
    client.call('settings.get', {}).then(setSettings, () => undefined); // the connection banner reports failures
  }, [client]);
  useReloadOnReconnect(load);
  useEffect(() => client.on('settings.changed', setSettings), [client]);
  return [settings, setSettings] as const;
}

function useApplyToDocument(locale: Locale, theme: ResolvedTheme) {
  const { i18n, t } = useTranslation();
  // Layout effect: switch before paint so a stored language does not flash the OS language first.
  useLayoutEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
  }, [i18n, locale]);
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  const title = t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
}

export function PreferencesProvider({ initialSettings, children }: { initialSettings: Settings | null; children: ReactNode }) {
  const client = useClient();
  const [settings, setSettings] = useStoredSettings(initialSettings);
  const systemLocale = resolveLocale('system', useSystemLanguages());
  const systemTheme: ResolvedTheme = useSystemPrefersDark() ? 'dark' : 'light';
  const locale = settings.locale === 'system' ? systemLocale : settings.locale;
  const theme = settings.theme === 'system' ? systemTheme : settings.theme;
  useApplyToDocument(locale, theme);

  const update = useCallback(
    async (change: Partial<Settings>) => {
      const previous = settings;
      setSettings({ ...previous, ...change });
      try {
        setSettings(await client.call('settings.update', change));
      } catch (err) {
        setSettings(previous);
        throw err;
      }
    },
    [client, settings, setSettings],
  );

  const value = useMemo(
    () => ({ settings, systemLocale, systemTheme, locale, theme, update }),
    [settings, systemLocale, systemTheme, locale, theme, update],
  );
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}
