import { ListPlus, X } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatLongDuration } from '../../lib/format.ts';
import { getTrack, trackDuration } from '../library/index.ts';
import { requestPlayNext } from './play-request.ts';
import { playerEngine, usePlayer } from './player-store.ts';
import { QueueList } from './QueueList.tsx';
import { IconButton } from '../../ui/IconButton.tsx';

/** How many of the most recent plays the history tab lists. */
const historyShown = 200;

function HistoryList() {
  const { t } = useTranslation('player');
  const history = usePlayer((state) => state.queue.history);
  const recent = useMemo(() => history.slice(-historyShown).reverse(), [history]);
  if (!recent.length) return <p className="queue-panel__empty">{t('queue.historyEmpty')}</p>;
  return (
    <ol className="queue-history">
      {recent.map((id, i) => {
        const info = getTrack(id);
        return (
          <li key={`${i}-${id}`} className="queue-history__row">
            <span className="queue-row__text">
              <span className="queue-row__title">{info?.title || t('unknownTrack', { id })}</span>
              <span className="queue-row__artist">{info?.artist ?? ''}</span>
            </span>
            <IconButton
              label={`${t('actions.playNext')}: ${info?.title || t('unknownTrack', { id })}`}
              variant="small"
              onClick={() => requestPlayNext([id])}
            >
              <ListPlus size={14} aria-hidden="true" />
            </IconButton>
          </li>
        );
      })}
    </ol>
  );
}

/** The queue and the history, beside the player bar. Escape closes it. */
export function QueuePanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('player');
  const queue = usePlayer((state) => state.queue);
  const [announcement, setAnnouncement] = useState('');
  const totalSeconds = useMemo(() => {
    let sum = 0;
    for (const entry of queue.entries) sum += trackDuration(entry.id);
    return sum;
  }, [queue.entries]);
  const engine = playerEngine;
  return (
    <aside
      id="queue-panel"
      className="queue-panel"
      aria-label={t('queue.title')}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
      }}
    >
      <header className="queue-panel__header">
        <h2 className="queue-panel__title">{t('queue.title')}</h2>
        <IconButton label={t('queue.close')} onClick={onClose}>
          <X size={16} aria-hidden="true" />
        </IconButton>
      </header>
      <Tabs.Root defaultValue="queue" className="queue-panel__tabs">
        <Tabs.List className="queue-panel__tab-list" aria-label={t('queue.title')}>
          <Tabs.Trigger value="queue" className="queue-panel__tab">
            {t('queue.upNext')}
          </Tabs.Trigger>
          <Tabs.Trigger value="history" className="queue-panel__tab">
            {t('queue.history')}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="queue" className="queue-panel__content">
          <div className="queue-panel__summary">
            <span>
              {t('queue.count', {
                count: queue.entries.length,
                formatted: formatCount(queue.entries.length),
                duration: formatLongDuration(totalSeconds),
              })}
            </span>
            <button
              type="button"
              className="button button--quiet"
              disabled={queue.entries.length < 2}
              onClick={() => {
                engine()?.clear();
                setAnnouncement(t('queue.cleared'));
              }}
            >
              {t('queue.clear')}
            </button>
          </div>
          <p id="queue-help" className="queue-panel__help">
            {t('queue.help')}
          </p>
          {queue.entries.length ? (
            <QueueList
              entries={queue.entries}
              currentIndex={queue.index}
              onPlay={(index) => engine()?.jumpTo(index)}
              onMove={(from, to) => engine()?.move(from, to)}
              onRemove={(uid) => engine()?.remove(new Set([uid]))}
              onAnnounce={setAnnouncement}
            />
          ) : (
            <p className="queue-panel__empty">{t('queue.empty')}</p>
          )}
        </Tabs.Content>
        <Tabs.Content value="history" className="queue-panel__content">
          <HistoryList />
        </Tabs.Content>
      </Tabs.Root>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </aside>
  );
}
