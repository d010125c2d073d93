import { CloudOff, LogOut, Music } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error.ts';
import { useNavigation } from '../../lib/navigation-store.ts';
import { formatCount, formatLongDuration } from '../../lib/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { AlbumsView } from './AlbumsView.tsx';
import type { LibraryData } from './library-data.ts';
import { useLibraryNav, type LibraryTab } from './library-nav.ts';
import { useLibrary } from './library-store.ts';
import { PlaylistsView } from './PlaylistsView.tsx';
import { SyncControls } from './SyncControls.tsx';
import { TracksView } from './TracksView.tsx';
import './library.css';

function Summary({ data }: { data: LibraryData }) {
  const { t } = useTranslation('library');
  const { summary } = data;
  const count = (key: 'tracks' | 'albums' | 'playlists', value: number) =>
    t(`summary.${key}`, { count: value, formatted: formatCount(value) });
  return (
    <p className="library-summary" aria-label={t('summary.label')}>
      <span>{count('tracks', data.count)}</span>
      <span>{count('albums', data.albums.length || summary.albumCount)}</span>
      <span>{count('playlists', data.playlists.length || summary.playlistCount)}</span>
      <span>{t('summary.duration', { duration: formatLongDuration(summary.totalDuration) })}</span>
    </p>
  );
}

/** Why the library on screen may be stale: offline, signed out, or a failed sync. */
function Banners() {
  const { t } = useTranslation('library');
  const status = useLibrary((state) => state.status);
  const actionError = useLibrary((state) => state.actionError);
  const sync = useLibrary((state) => state.sync);
  const go = useNavigation((state) => state.go);
  if (!status) return null;
  const blocked = status.blocked;
  return (
    <>
      {blocked && (
        <div className={`library-banner library-banner--${blocked}`} role="status">
          {blocked === 'offline' ? (
            <CloudOff size={18} aria-hidden="true" />
          ) : (
            <LogOut size={18} aria-hidden="true" />
          )}
          <span>
            {blocked === 'offline'
              ? t('banner.offline')
              : blocked === 'signed-out'
                ? t('banner.signedOut')
                : t('banner.awaitingApproval')}
          </span>
          {blocked !== 'offline' && (
            <button type="button" className="button" onClick={() => go('settings', 'queye')}>
              {t('banner.reconnect')}
            </button>
          )}
        </div>
      )}
      {status.lastError && blocked !== 'offline' && !status.syncing && (
        <ErrorNotice error={new ApiError(status.lastError)} onRetry={() => void sync()} />
      )}
      {actionError && <ErrorNotice error={actionError} />}
    </>
  );
}

function Browse({ data }: { data: LibraryData }) {
  const { t } = useTranslation('library');
  const tab = useLibraryNav((state) => state.tab);
  const setTab = useLibraryNav((state) => state.setTab);
  return (
    <Tabs.Root
      className="library-tabs"
      value={tab}
      onValueChange={(value) => setTab(value as LibraryTab)}
    >
      <Tabs.List className="library-tabs__list" aria-label={t('tabs.label')}>
        {(['tracks', 'albums', 'playlists'] as const).map((id) => (
          <Tabs.Trigger key={id} value={id} className="library-tabs__tab">
            {t(`tabs.${id}`)}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      <Tabs.Content value="tracks" className="library-tabs__panel">
        <TracksView data={data} />
      </Tabs.Content>
      <Tabs.Content value="albums" className="library-tabs__panel">
        <AlbumsView data={data} />
      </Tabs.Content>
      <Tabs.Content value="playlists" className="library-tabs__panel">
        <PlaylistsView data={data} />
      </Tabs.Content>
    </Tabs.Root>
  );
}

/** The library of the connected Queye account, from the cache at once, synced behind it. */
export function LibraryScreen() {
  const { t } = useTranslation('library');
  const go = useNavigation((state) => state.go);
  const status = useLibrary((state) => state.status);
  const data = useLibrary((state) => state.data);
  const progress = useLibrary((state) => state.progress);
  const loadError = useLibrary((state) => state.loadError);
  const load = useLibrary((state) => state.load);
  const sync = useLibrary((state) => state.sync);

  if (loadError && !data) {
    return (
      <div className="library">
        <ErrorNotice error={loadError} onRetry={() => void load()} />
      </div>
    );
  }
  if (!status || status.state === 'loading' || (status.state === 'ready' && !data)) {
    return (
      <div className="library library--centred" role="status" aria-busy="true">
        <p className="muted">{t('states.loading')}</p>
      </div>
    );
  }
  if (status.state === 'none' || !data) {
    return (
      <EmptyState
        icon={<Music size={40} />}
        title={t('empty.title')}
        body={t('empty.body')}
        action={{ label: t('empty.action'), onClick: () => go('settings', 'queye') }}
      />
    );
  }

  const running = progress ?? status.syncing;
  let body: React.JSX.Element;
  if (data.count > 0) body = <Browse data={data} />;
  else if (running) {
    body = (
      <section className="library-first-sync" aria-labelledby="first-sync-title">
        <h2 id="first-sync-title">{t('states.firstSync.title')}</h2>
        <p className="muted">{t('states.firstSync.body')}</p>
        <SyncControls />
      </section>
    );
  } else if (status.synced) {
    body = (
      <EmptyState
        icon={<Music size={40} />}
        title={t('states.noTracks.title')}
        body={t('states.noTracks.body')}
        action={{ label: t('sync.now'), onClick: () => void sync() }}
      />
    );
  } else {
    body = (
      <EmptyState
        icon={<CloudOff size={40} />}
        title={t('states.failed.title')}
        body={t('states.failed.body')}
        action={
          status.blocked === 'signed-out' || status.blocked === 'awaiting-approval'
            ? { label: t('banner.reconnect'), onClick: () => go('settings', 'queye') }
            : { label: t('sync.now'), onClick: () => void sync() }
        }
      />
    );
  }

  return (
    <div className="library">
      {(data.count > 0 || !running) && (
        <header className="library-header">
          {data.count > 0 ? <Summary data={data} /> : <span />}
          <SyncControls />
        </header>
      )}
      <Banners />
      {body}
    </div>
  );
}
