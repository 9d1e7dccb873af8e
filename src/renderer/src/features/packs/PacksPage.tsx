// Weekly data-meeting packs (数据周会简报). For now an empty state listing what a pack contains.
import { useTranslation } from 'react-i18next';
import { JobPage } from '../../components/JobPage';
import { PackIcon } from '../../components/NavIcons';

export function PacksPage() {
  const { t } = useTranslation();
  return (
    <JobPage
      testId="page-packs"
      icon={<PackIcon />}
      title={t('packs.title')}
      intro={t('packs.intro')}
      emptyTitle={t('packs.empty.title')}
      emptyBody={t('packs.empty.body')}
      hint={t('packs.empty.hint')}
      contents={[
        t('packs.sections.kpis'),
        t('packs.sections.phi'),
        t('packs.sections.funnel'),
        t('packs.sections.exceptions'),
        t('packs.sections.reps'),
        t('packs.sections.actions'),
      ]}
    />
  );
}
