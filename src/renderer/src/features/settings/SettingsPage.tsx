// Settings: display language, theme (both shared by every window through core), the sync backend and version facts.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/error-message';
import { AboutSection } from './AboutSection';
import { BackendSection } from './BackendSection';
import { LocaleSelect, ThemeSelect } from './PreferenceSelects';

export function SettingsPage() {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [error, setError] = useState<unknown>(null);
  const onError = (err: unknown) => setError(err);
  return (
    <section className="page" data-testid="page-settings" aria-labelledby="page-settings-title">
      <header className="page-header">
        <h1 id="page-settings-title">{t('settings.title')}</h1>
        <p className="page-intro">{t('settings.intro')}</p>
      </header>
      {error ? (
        <div className="banner banner-error" role="alert">
          {t('settings.saveError', { message: describe(error) })}
        </div>
      ) : null}
      <div className="settings-grid">
        <section className="card" aria-labelledby="settings-language-title">
          <h2 id="settings-language-title">{t('settings.language.title')}</h2>
          <LocaleSelect onError={onError} />
        </section>
        <section className="card" aria-labelledby="settings-theme-title">
          <h2 id="settings-theme-title">{t('settings.theme.title')}</h2>
          <ThemeSelect onError={onError} />
        </section>
        <BackendSection />
        <AboutSection />
      </div>
    </section>
  );
}
