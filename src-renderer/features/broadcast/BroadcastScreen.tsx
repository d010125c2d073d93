import { KeyRound, Megaphone } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { useEffect, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../lib/navigation-store.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { subscribeMusique, useMusique } from '../musique/index.ts';
import { BroadcasterHeader } from './BroadcasterHeader.tsx';
import { ComposerView } from './composer/ComposerView.tsx';
import { subscribeBroadcast, useBroadcast, type BroadcastTab } from './broadcast-store.ts';
import { LibraryView } from './LibraryView.tsx';
import { HistoryView } from './history/HistoryView.tsx';
import { JobsView } from './jobs/JobsView.tsx';
import { filesOf, UploadPanel } from './UploadPanel.tsx';
import { UsageLogView } from './UsageLogView.tsx';
import { usePermission } from './use-permission.ts';
import './broadcast.css';

/** Each tab's panel, in the order the tabs are shown: one list, so a new tab is one line. */
const panels: ReadonlyArray<[BroadcastTab, () => ReactNode]> = [
  ['library', () => <LibraryView />],
  ['compose', () => <ComposerView />],
  ['jobs', () => <JobsView />],
  ['history', () => <HistoryView />],
  ['upload', () => <UploadPanel />],
  ['usage', () => <UsageLogView />],
];

/** The broadcaster: header (environment, status, quota) over the library, uploads and log. */
export function BroadcastScreen() {
  const { t } = useTranslation('broadcast');
  const { t: common } = useTranslation();
  const go = useNavigation((state) => state.go);
  const account = useMusique((state) => state.account);
  const tab = useBroadcast((state) => state.tab);
  const setTab = useBroadcast((state) => state.setTab);
  const canWrite = usePermission('audio.write');

  useEffect(() => {
    const offs = [subscribeMusique(), subscribeBroadcast()];
    void useMusique.getState().load();
    return () => {
      for (const off of offs) off();
    };
  }, []);

  if (!account) return <p aria-busy="true">{common('loading')}</p>;
  if (account.status === 'none') {
    return (
      <EmptyState
        icon={<Megaphone size={40} />}
        title={t('empty.title')}
        body={t('empty.body')}
        action={{ label: t('empty.action'), onClick: () => go('settings', 'musique') }}
      />
    );
  }

  // Files dropped anywhere in the broadcaster go to the upload list.
  const onDrop = (event: DragEvent) => {
    if (!event.dataTransfer.files.length) return;
    event.preventDefault();
    if (!canWrite.allowed) return;
    useBroadcast.getState().addFiles(filesOf(event.dataTransfer.files));
    setTab('upload');
  };

  return (
    <div
      className="broadcaster"
      onDragOver={(event) => event.dataTransfer.types.includes('Files') && event.preventDefault()}
      onDrop={onDrop}
    >
      <BroadcasterHeader account={account} />
      {account.status === 'rejected' && (
        <EmptyState
          icon={<KeyRound size={36} />}
          title={t('rejected.title')}
          body={account.error?.action ?? account.error?.message ?? ''}
          action={{ label: t('rejected.action'), onClick: () => go('settings', 'musique') }}
        />
      )}
      {account.status === 'connected' && (
        <Tabs.Root
          className="broadcaster__tabs"
          value={tab}
          onValueChange={(value) => setTab(value as BroadcastTab)}
        >
          <Tabs.List className="tab-list" aria-label={t('tabs.label')}>
            {panels.map(([id]) => (
              <Tabs.Trigger key={id} value={id} className="tab">
                {t(`tabs.${id}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {panels.map(([id, panel]) => (
            <Tabs.Content key={id} value={id} className="broadcaster__panel">
              {panel()}
            </Tabs.Content>
          ))}
        </Tabs.Root>
      )}
    </div>
  );
}
