import { Tabs } from 'radix-ui';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanToken, tokenParts } from '../../../src-preload/contract/schemas/musique.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { notify } from '../../ui/toast-store.ts';
import { useMusique } from './musique-store.ts';

/** What the paste field can tell about its value before anything is sent. */
function tokenFeedback(raw: string) {
  const cleaned = cleanToken(raw);
  if (!cleaned) return { empty: true };
  const parts = tokenParts(cleaned);
  return {
    empty: false,
    malformed: !parts,
    cleaned: cleaned !== raw,
    unknownEnvironment: parts?.environment.kind === 'unknown' ? parts.environment.name : undefined,
  };
}

function PasteToken() {
  const { t } = useTranslation('musique');
  const { busy, failure, connect } = useMusique();
  const [token, setToken] = useState('');
  const [touched, setTouched] = useState(false);
  const feedback = tokenFeedback(token);
  const notes = [
    feedback.cleaned ? t('connect.tokenCleaned') : '',
    feedback.unknownEnvironment
      ? t('connect.tokenUnknownEnv', { name: feedback.unknownEnvironment })
      : '',
  ].filter(Boolean);
  const serverError = failure?.action === 'connect' ? failure : undefined;
  const fieldError =
    (touched && feedback.malformed ? t('connect.tokenShape') : undefined) ??
    (serverError?.field === 'token' ? serverError.error.message : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (feedback.empty || feedback.malformed) return;
    void connect(token).then((ok) => {
      if (!ok) return;
      setToken('');
      const account = useMusique.getState().account;
      notify({
        tone: 'success',
        title: t('connect.connected', { externalId: account?.externalId ?? '' }),
      });
    });
  };

  return (
    <form className="musique-form" onSubmit={submit} noValidate>
      <Field
        label={t('connect.tokenLabel')}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(event) => setToken(event.target.value)}
        onBlur={() => setTouched(true)}
        error={fieldError}
        hint={notes.length ? notes.join(' ') : t('connect.tokenHint')}
      />
      {serverError?.field === 'token' && serverError.error.action && (
        <p className="field__hint">{serverError.error.action}</p>
      )}
      {serverError && serverError.field !== 'token' && <ErrorNotice error={serverError.error} />}
      <div className="musique-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy !== undefined || !cleanToken(token)}
        >
          {busy === 'connect' ? t('connect.connecting') : t('connect.connect')}
        </button>
      </div>
    </form>
  );
}

function GenerateToken() {
  const { t } = useTranslation('musique');
  const { busy, failure, generate } = useMusique();
  const [externalId, setExternalId] = useState('');
  const [companyToken, setCompanyToken] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const serverError = failure?.action === 'generate' ? failure : undefined;
  const id = externalId.trim();
  const localId = !id
    ? t('connect.externalIdRequired')
    : /\s/.test(id)
      ? t('connect.externalIdSpaces')
      : undefined;
  const localCompany = cleanToken(companyToken) ? undefined : t('connect.companyTokenRequired');
  const errorFor = (field: string, local: string | undefined) =>
    (submitted ? local : undefined) ??
    (serverError?.field === field ? serverError.error.message : undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (localId || localCompany) return;
    void generate(id, companyToken).then((ok) => {
      if (!ok) return;
      setCompanyToken('');
      notify({ tone: 'success', title: t('connect.connected', { externalId: id }) });
    });
  };

  const fieldAction = serverError?.field ? serverError.error.action : undefined;
  return (
    <form className="musique-form" onSubmit={submit} noValidate>
      <Field
        label={t('connect.externalIdLabel')}
        value={externalId}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setExternalId(event.target.value)}
        error={errorFor('externalId', localId)}
        hint={t('connect.externalIdHint')}
      />
      <Field
        label={t('connect.companyTokenLabel')}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={companyToken}
        onChange={(event) => setCompanyToken(event.target.value)}
        error={errorFor('companyToken', localCompany)}
        hint={t('connect.companyTokenHint')}
      />
      {fieldAction && <p className="field__hint">{fieldAction}</p>}
      {serverError && !serverError.field && <ErrorNotice error={serverError.error} />}
      <div className="musique-actions">
        <button type="submit" className="button button--primary" disabled={busy !== undefined}>
          {busy === 'generate' ? t('connect.generating') : t('connect.generateButton')}
        </button>
      </div>
    </form>
  );
}

/** No account yet: paste a token, or generate one from an External ID and the company token. */
export function MusiqueConnectForm() {
  const { t } = useTranslation('musique');
  const clearFailure = useMusique((state) => state.clearFailure);
  return (
    <section className="card" aria-labelledby="musique-connect-title">
      <h3 id="musique-connect-title">{t('connect.title')}</h3>
      <Tabs.Root defaultValue="paste" onValueChange={clearFailure}>
        <Tabs.List className="segmented" aria-label={t('connect.modeLabel')}>
          <Tabs.Trigger value="paste" className="segmented__item">
            {t('connect.paste')}
          </Tabs.Trigger>
          <Tabs.Trigger value="generate" className="segmented__item">
            {t('connect.generate')}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="paste" className="segmented__panel">
          <PasteToken />
        </Tabs.Content>
        <Tabs.Content value="generate" className="segmented__panel">
          <GenerateToken />
        </Tabs.Content>
      </Tabs.Root>
    </section>
  );
}
