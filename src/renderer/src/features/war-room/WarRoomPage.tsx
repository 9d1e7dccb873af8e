// War-room wall (作战大屏): the page where the director sets the wall up (scenes, order, pace, privacy, display)
// and presents it, with what each scene shows.
import { useTranslation } from 'react-i18next';
import { WallIcon } from '../../components/NavIcons';
import { WallSetup } from './WallSetup';

export function WarRoomPage() {
  const { t } = useTranslation();
  const contents = [
    t('warRoom.scenes.kpis'),
    t('warRoom.scenes.funnel'),
    t('warRoom.scenes.ranking'),
    t('warRoom.scenes.exceptions'),
    t('warRoom.scenes.activity'),
    t('warRoom.scenes.trends'),
  ];
  return (
    <section className="page" data-testid="page-war-room" aria-labelledby="page-war-room-title">
      <header className="page-header">
        <h1 id="page-war-room-title">{t('warRoom.title')}</h1>
        <p className="page-intro">{t('warRoom.intro')}</p>
      </header>
      <div className="war-room-grid">
        <WallSetup />
        <aside className="card war-room-about">
          <div className="empty-icon">
            <WallIcon />
          </div>
          <h2>{t('wall.setup.aboutTitle')}</h2>
          <p className="empty-body">{t('warRoom.empty.body')}</p>
          <ul className="empty-list">
            {contents.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p className="empty-hint">{t('warRoom.empty.hint')}</p>
        </aside>
      </div>
    </section>
  );
}
