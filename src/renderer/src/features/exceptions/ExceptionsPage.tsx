// Exception drill-downs (异常下钻). For now an empty state naming the kinds of exception that will be listed.
import { useTranslation } from 'react-i18next';
import { JobPage } from '../../components/JobPage';
import { ExceptionIcon } from '../../components/NavIcons';

export function ExceptionsPage() {
  const { t } = useTranslation();
  return (
    <JobPage
      testId="page-exceptions"
      icon={<ExceptionIcon />}
      title={t('exceptions.title')}
      intro={t('exceptions.intro')}
      emptyTitle={t('exceptions.empty.title')}
      emptyBody={t('exceptions.empty.body')}
      hint={t('exceptions.empty.hint')}
      contents={[
        t('exceptions.examples.stageOverdue'),
        t('exceptions.examples.stageRegression'),
        t('exceptions.examples.leadUnfollowed'),
        t('exceptions.examples.demoNoFeedback'),
        t('exceptions.examples.missingFields'),
        t('exceptions.examples.dataHealth'),
      ]}
    />
  );
}
