// The UI message catalogs, one per supported locale. Both catalogs have the same keys (checked by a unit test);
// the English catalog is the type source, so `t('some.key')` is checked at compile time.
import type { Locale } from '../../../shared/domain/settings';
import en from './en.json';
import zhCN from './zh-CN.json';

export type Catalog = typeof en;

export const catalogs: Record<Locale, Catalog> = { 'zh-CN': zhCN, en };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalog };
  }
}
