import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BroadcastScreen } from '../features/broadcast/BroadcastScreen.tsx';
import { startJobWatch } from '../features/broadcast/jobs/job-watch.ts';
import { DemoBanner } from '../features/demo/DemoBanner.tsx';
import { subscribeDemo, useDemo } from '../features/demo/demo-store.ts';
import { WelcomeDialog } from '../features/demo/WelcomeDialog.tsx';
import { LibraryScreen } from '../features/library/LibraryScreen.tsx';
import { subscribeLibrary, useLibrary } from '../features/library/library-store.ts';
import { PlayerBar } from '../features/player/PlayerBar.tsx';
import { startPlayer } from '../features/player/player-runtime.ts';
import { SettingsScreen } from '../features/settings/SettingsScreen.tsx';
import { StoresScreen } from '../features/stores/StoresScreen.tsx';
import { subscribeSettings, useSettings } from '../features/settings/settings-store.ts';
import { Toaster } from '../ui/Toaster.tsx';
import { subscribeConnection, useConnection } from './connection-store.ts';
import { DamagedFilesNotice } from './DamagedFilesNotice.tsx';
import { subscribeDamagedFiles, useDamagedFiles } from './damaged-files-store.ts';
import {
  sections,
  sectionShortcuts,
  useNavigation,
  type Section,
} from '../lib/navigation-store.ts';
import { isPrimaryChord } from '../lib/shortcuts.ts';
import { Sidebar } from './Sidebar.tsx';
import { useTheme } from './theme.ts';

const screens: Record<Section, () => React.JSX.Element> = {
  library: LibraryScreen,
  broadcast: BroadcastScreen,
  stores: StoresScreen,
  settings: SettingsScreen,
};

export function App() {
  const { t } = useTranslation();
  const section = useNavigation((state) => state.section);
  const go = useNavigation((state) => state.go);
  const theme = useSettings((state) => state.settings?.ui.theme);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useTheme(theme);

  useEffect(() => {
    const offSettings = subscribeSettings();
    const offConnection = subscribeConnection();
    const offDemo = subscribeDemo();
    const offLibrary = subscribeLibrary();
    const offDamaged = subscribeDamagedFiles();
    void useSettings.getState().load();
    void useConnection.getState().load();
    void useDemo.getState().load();
    void useLibrary.getState().load();
    void useDamagedFiles.getState().load();
    const stopPlayer = startPlayer();
    // Broadcast jobs are followed from every section: the indicator and notifications.
    const stopJobWatch = startJobWatch();
    return () => {
      stopPlayer();
      stopJobWatch();
      offSettings();
      offConnection();
      offDemo();
      offLibrary();
      offDamaged();
    };
  }, []);

  // Ctrl/Cmd+number jumps between sections from anywhere, even inside text fields.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPrimaryChord(event)) return;
      const target = sections.find((section) => String(sectionShortcuts[section]) === event.key);
      if (!target) return;
      event.preventDefault();
      go(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  // Moving to another section puts focus on its heading so screen readers announce it.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [section]);

  const Screen = screens[section];
  return (
    <div className="app-frame">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          // The hash holds the route; move focus without touching it.
          event.preventDefault();
          heading.current?.focus();
        }}
      >
        {t('skipToContent')}
      </a>
      <Sidebar />
      <main id="main-content" className="main" aria-labelledby="section-title">
        <DemoBanner />
        <DamagedFilesNotice />
        <h1 id="section-title" className="main__title" tabIndex={-1} ref={heading}>
          {t(`nav.${section}`)}
        </h1>
        <Screen />
      </main>
      <PlayerBar />
      <WelcomeDialog />
      <Toaster />
    </div>
  );
}
