import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../src-preload/contract/schemas/app.ts';
import type { ThemePreference } from '../../../src-preload/contract/schemas/settings.ts';
import { api } from '../../api/client.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { RetentionField } from './RetentionField.tsx';
import { useSettings } from './settings-store.ts';

const themes: ThemePreference[] = ['system', 'light', 'dark'];

export function GeneralSettings() {
  const { t } = useTranslation('settings');
  const settings = useSettings((state) => state.settings);
  const error = useSettings((state) => state.error);
  const update = useSettings((state) => state.update);
  const [info, setInfo] = useState<AppInfo>();

  useEffect(() => {
    api.app.info().then(setInfo, () => undefined);
  }, []);

  return (
    <div className="settings-page">
      <section className="card" aria-labelledby="appearance-title">
        <h3 id="appearance-title">{t('appearance.title')}</h3>
        <fieldset className="radio-group">
          <legend>{t('appearance.theme')}</legend>
          {themes.map((theme) => (
            <label key={theme} className="radio">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={settings?.ui.theme === theme}
                disabled={!settings}
                onChange={() => void update({ ui: { theme } })}
              />
              {t(`appearance.${theme}`)}
            </label>
          ))}
        </fieldset>
        {error && <ErrorNotice error={error} />}
      </section>
      <RetentionField />
      <section className="card" aria-labelledby="about-title">
        <h3 id="about-title">{t('about.title')}</h3>
        {info && (
          <dl className="facts">
            <dt>{info.name}</dt>
            <dd data-testid="app-version">{t('about.version', { version: info.version })}</dd>
            <dt>
              {t(`about.runtime.${info.runtime}`, { electron: info.versions.electron ?? '' })}
            </dt>
            <dd>
              {info.platform} · Node {info.versions.node}
            </dd>
          </dl>
        )}
      </section>
    </div>
  );
}
