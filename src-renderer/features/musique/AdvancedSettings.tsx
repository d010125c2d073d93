import { ChevronRight } from 'lucide-react';
import { Collapsible } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkBaseUrl } from '../../../src-preload/contract/schemas/common.ts';
import type { MusiqueProfile } from '../../../src-preload/contract/schemas/settings.ts';
import { Field } from '../../ui/Field.tsx';
import { notify } from '../../ui/toast-store.ts';
import { useSettings } from '../settings/index.ts';

const defaultBaseUrl = 'https://api.musique.app/api/v1/integration';
const profiles: MusiqueProfile[] = ['v1', 'legacy'];

/** Keyed by the saved value, so a change made elsewhere resets the field. */
function BaseUrlForm({ saved }: { saved: string }) {
  const { t } = useTranslation('musique');
  const update = useSettings((state) => state.update);
  const [baseUrl, setBaseUrl] = useState(saved);
  const [problem, setProblem] = useState<string>();

  const save = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkBaseUrl(baseUrl);
    if (!checked.ok) {
      setProblem(t('advanced.invalidUrl'));
      return;
    }
    setProblem(undefined);
    void update({ musique: { baseUrl: checked.url } }).then((ok) => {
      if (ok) notify({ tone: 'success', title: t('advanced.saved') });
    });
  };

  return (
    <form className="musique-form" onSubmit={save} noValidate>
      <Field
        label={t('advanced.baseUrl')}
        type="url"
        spellCheck={false}
        value={baseUrl}
        onChange={(event) => setBaseUrl(event.target.value)}
        error={problem}
        hint={t('advanced.baseUrlHint')}
      />
      <div className="musique-actions">
        <button type="submit" className="button" disabled={baseUrl === saved}>
          {t('advanced.save')}
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={saved === defaultBaseUrl}
          onClick={() => void update({ musique: { baseUrl: defaultBaseUrl } })}
        >
          {t('advanced.reset')}
        </button>
      </div>
    </form>
  );
}

/** Route profile and base URL: rarely changed, so folded away. */
export function AdvancedSettings() {
  const { t } = useTranslation('musique');
  const musique = useSettings((state) => state.settings?.musique);
  const update = useSettings((state) => state.update);

  return (
    <Collapsible.Root className="card musique-advanced">
      <h3>
        <Collapsible.Trigger className="musique-advanced__trigger">
          <ChevronRight size={16} aria-hidden="true" className="musique-advanced__chevron" />
          {t('advanced.title')}
        </Collapsible.Trigger>
      </h3>
      <Collapsible.Content className="musique-advanced__content">
        <fieldset className="radio-group radio-group--stacked">
          <legend>{t('advanced.profile')}</legend>
          {profiles.map((profile) => (
            <label key={profile} className="radio">
              <input
                type="radio"
                name="musique-profile"
                value={profile}
                checked={musique?.profile === profile}
                disabled={!musique}
                onChange={() => void update({ musique: { profile } })}
              />
              {t(`advanced.${profile}`)}
            </label>
          ))}
        </fieldset>
        {musique && <BaseUrlForm key={musique.baseUrl} saved={musique.baseUrl} />}
      </Collapsible.Content>
    </Collapsible.Root>
  );
}
