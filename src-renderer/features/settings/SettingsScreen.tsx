import { Tabs } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../lib/navigation-store.ts';
import { settingsPages } from './settings-pages.ts';

/** Vertical tabs (arrow keys move between them); the open page is part of the URL. */
export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const page = useNavigation((state) => state.page);
  const go = useNavigation((state) => state.go);
  const current = settingsPages.some((p) => p.id === page) ? page! : settingsPages[0]!.id;
  return (
    <Tabs.Root
      className="settings"
      orientation="vertical"
      value={current}
      onValueChange={(value) => go('settings', value)}
    >
      <Tabs.List className="settings__tabs" aria-label={t('title')}>
        {settingsPages.map((p) => (
          <Tabs.Trigger key={p.id} value={p.id} className="settings__tab">
            {t(p.labelKey)}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {settingsPages.map((p) => (
        <Tabs.Content key={p.id} value={p.id} className="settings__content">
          <p.component />
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
