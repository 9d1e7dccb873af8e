// Layout shared by the four job pages: a heading with a one-line purpose, then an empty state that says what
// the page will hold once data has synced, and a list of what exactly will be there.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface JobPageProps {
  testId: string;
  title: string;
  intro: string;
  emptyTitle: string;
  emptyBody: string;
  hint: string;
  /** The concrete contents the page will have, one short line each. */
  contents: readonly string[];
  icon?: ReactNode;
}

export function JobPage({ testId, title, intro, emptyTitle, emptyBody, hint, contents, icon }: JobPageProps) {
  const { t } = useTranslation();
  return (
    <section className="page" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <header className="page-header">
        <h1 id={`${testId}-title`}>{title}</h1>
        <p className="page-intro">{intro}</p>
      </header>
      <div className="empty-state">
        {icon ? <div className="empty-icon">{icon}</div> : null}
        <h2>{emptyTitle}</h2>
        <p className="empty-body">{emptyBody}</p>
        <h3 className="empty-list-title">{t('common.emptyStateLabel')}</h3>
        <ul className="empty-list">
          {contents.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="empty-hint">{hint}</p>
      </div>
    </section>
  );
}
