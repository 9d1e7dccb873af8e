// User preferences kept in the replica: language, theme and the wall's setup. "system" follows the OS.
import { z } from 'zod';
import { DEFAULT_WALL_SETTINGS, wallSettingsSchema } from './wall';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const localePreferenceSchema = z.enum(['system', ...LOCALES]);
export type LocalePreference = z.infer<typeof localePreferenceSchema>;

export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof themePreferenceSchema>;

export const settingsSchema = z.strictObject({
  locale: localePreferenceSchema,
  theme: themePreferenceSchema,
  wall: wallSettingsSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { locale: 'system', theme: 'system', wall: DEFAULT_WALL_SETTINGS };

/** Resolve a locale preference against the OS language list (navigator.languages or app.getPreferredSystemLanguages). */
export function resolveLocale(pref: LocalePreference, systemLanguages: readonly string[]): Locale {
  if (pref !== 'system') return pref;
  for (const lang of systemLanguages) {
    const lower = lang.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN'; // most users read Chinese (DOMAIN.md)
}
