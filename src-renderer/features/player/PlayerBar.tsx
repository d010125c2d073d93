import { Music2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

export function PlayerBar() {
  const { t } = useTranslation('player');
  return (
    <footer className="player-bar" aria-label={t('region')}>
      <div className="player-bar__idle">
        <span className="player-bar__art" aria-hidden="true">
          <Music2 size={22} />
        </span>
        <div>
          <p className="player-bar__title">{t('idle')}</p>
          <p className="player-bar__hint">{t('idleHint')}</p>
        </div>
      </div>
    </footer>
  );
}
