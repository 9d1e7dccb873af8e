// Version facts from core: app version, core API version and the replica's schema version.
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/format';
import { useAppInfo } from '../../lib/use-app-info';

export function AboutSection() {
  const { t } = useTranslation();
  const format = useFormatters();
  const view = useAppInfo();
  return (
    <section className="card" aria-labelledby="settings-about-title">
      <h2 id="settings-about-title">{t('settings.about.title')}</h2>
      {view.kind === 'loading' ? <p className="muted">{t('settings.about.loading')}</p> : null}
      {view.kind === 'unavailable' ? <p className="muted">{t('settings.about.unavailable')}</p> : null}
      {view.kind === 'ready' ? (
        <dl className="facts" data-testid="app-info">
          <dt>{t('settings.about.version')}</dt>
          <dd>{view.info.version}</dd>
          <dt>{t('settings.about.apiVersion')}</dt>
          <dd>{format.number(view.info.apiVersion)}</dd>
          <dt>{t('settings.about.schemaVersion')}</dt>
          <dd>{format.number(view.info.replicaSchemaVersion)}</dd>
        </dl>
      ) : null}
    </section>
  );
}
