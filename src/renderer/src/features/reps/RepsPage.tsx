// Offline rep review (离线复盘). For now an empty state describing what a director reviews per rep.
import { useTranslation } from 'react-i18next';
import { JobPage } from '../../components/JobPage';
import { RepsIcon } from '../../components/NavIcons';

export function RepsPage() {
  const { t } = useTranslation();
  return (
    <JobPage
      testId="page-reps"
      icon={<RepsIcon />}
      title={t('reps.title')}
      intro={t('reps.intro')}
      emptyTitle={t('reps.empty.title')}
      emptyBody={t('reps.empty.body')}
      hint={t('reps.empty.hint')}
      contents={[
        t('reps.contents.timeline'),
        t('reps.contents.deals'),
        t('reps.contents.nextSteps'),
        t('reps.contents.metrics'),
        t('reps.contents.notes'),
      ]}
    />
  );
}
