// War-room wall (作战大屏). For now an empty state describing the scenes the wall will rotate through.
import { useTranslation } from 'react-i18next';
import { JobPage } from '../../components/JobPage';
import { WallIcon } from '../../components/NavIcons';

export function WarRoomPage() {
  const { t } = useTranslation();
  return (
    <JobPage
      testId="page-war-room"
      icon={<WallIcon />}
      title={t('warRoom.title')}
      intro={t('warRoom.intro')}
      emptyTitle={t('warRoom.empty.title')}
      emptyBody={t('warRoom.empty.body')}
      hint={t('warRoom.empty.hint')}
      contents={[
        t('warRoom.scenes.kpis'),
        t('warRoom.scenes.funnel'),
        t('warRoom.scenes.ranking'),
        t('warRoom.scenes.exceptions'),
        t('warRoom.scenes.activity'),
        t('warRoom.scenes.trends'),
      ]}
    />
  );
}
