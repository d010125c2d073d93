import { Collapsible } from 'radix-ui';
import { ChevronRight } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkBaseUrl } from '../../../src-preload/contract/schemas/common.ts';
import {
  checkQueyeKey,
  cleanKey,
  type QueyeKeyKind,
} from '../../../src-preload/contract/schemas/queye.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { useSettings } from '../settings/index.ts';
import { useQueye } from './queye-store.ts';
import { TestResult } from './TestResult.tsx';

const defaultBaseUrl = 'https://api.queyemusic.com/v1';

function useKeyField(kind: QueyeKeyKind, submitted: boolean) {
  const { t } = useTranslation('queye');
  const [value, setValue] = useState('');
  const [cleaned, setCleaned] = useState(false);
  const checked = checkQueyeKey(kind, value);
  const showProblem = !checked.ok && (checked.problem !== 'empty' || submitted);
  return {
    value,
    key: checked.ok ? checked.key : undefined,
    error: showProblem ? t(`form.problems.${kind}.${checked.problem}`) : undefined,
    hint: cleaned && checked.ok ? t('form.cleaned') : t(`form.${kind}KeyHint`),
    onChange(raw: string) {
      // Whitespace and line breaks go at once, wherever they were pasted.
      const next = cleanKey(raw);
      setCleaned(next !== raw);
      setValue(next);
    },
    clear() {
      setValue('');
      setCleaned(false);
    },
  };
}

/** One key's field: never autocompleted or spell-checked, shown or masked with the others. */
function KeyField({
  label,
  name,
  field,
  type,
  onEdit,
}: {
  label: string;
  name: string;
  field: ReturnType<typeof useKeyField>;
  type: 'text' | 'password';
  onEdit: () => void;
}) {
  return (
    <Field
      label={label}
      type={type}
      value={field.value}
      onChange={(event) => {
        field.onChange(event.target.value);
        onEdit();
      }}
      error={field.error}
      hint={field.hint}
      autoComplete="off"
      spellCheck={false}
      name={name}
    />
  );
}

/**
 * The connect form: keys checked for shape as they are typed (before anything is sent), the
 * base URL under Advanced (https, or plain http to this computer only), Test and Connect.
 */
export function QueyeConnectForm() {
  const { t } = useTranslation('queye');
  const savedBaseUrl = useSettings((state) => state.settings?.queye.baseUrl) ?? defaultBaseUrl;
  const busy = useQueye((state) => state.busy);
  const error = useQueye((state) => state.error);
  const testResult = useQueye((state) => state.testResult);
  const test = useQueye((state) => state.test);
  const connect = useQueye((state) => state.connect);
  const clearFeedback = useQueye((state) => state.clearFeedback);
  const [submitted, setSubmitted] = useState(false);
  const [reveal, setReveal] = useState(false);
  const [baseUrl, setBaseUrl] = useState<string>();
  const client = useKeyField('client', submitted);
  const user = useKeyField('user', submitted);
  const url = baseUrl ?? savedBaseUrl;
  const urlCheck = checkBaseUrl(url);
  const urlError = urlCheck.ok ? undefined : t(`form.problems.baseUrl.${urlCheck.problem}`);
  const [advanced, setAdvanced] = useState(url !== defaultBaseUrl);

  const credentials = () =>
    client.key && user.key && urlCheck.ok
      ? { clientKey: client.key, userKey: user.key, baseUrl: urlCheck.url }
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const ready = credentials();
    if (!ready) {
      if (urlError) setAdvanced(true);
      return;
    }
    if (await connect(ready)) {
      // The keys now live in main's vault; the form forgets them.
      client.clear();
      user.clear();
      setSubmitted(false);
    }
  };

  const runTest = () => {
    setSubmitted(true);
    const ready = credentials();
    if (ready) void test(ready);
    else if (urlError) setAdvanced(true);
  };

  const keyType = reveal ? 'text' : 'password';
  return (
    <form className="card queye-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3>{t('form.title')}</h3>
      <KeyField
        label={t('form.clientKey')}
        name="clientKey"
        field={client}
        type={keyType}
        onEdit={clearFeedback}
      />
      <KeyField
        label={t('form.userKey')}
        name="userKey"
        field={user}
        type={keyType}
        onEdit={clearFeedback}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={reveal}
          onChange={(event) => setReveal(event.target.checked)}
        />
        {t('form.show')}
      </label>
      <Collapsible.Root open={advanced} onOpenChange={setAdvanced} className="queye-advanced">
        <Collapsible.Trigger className="queye-advanced__trigger">
          <ChevronRight size={16} aria-hidden="true" className="queye-advanced__chevron" />
          {t('form.advanced')}
        </Collapsible.Trigger>
        <Collapsible.Content className="queye-advanced__content">
          <Field
            label={t('form.baseUrl')}
            type="url"
            value={url}
            onChange={(event) => {
              setBaseUrl(event.target.value);
              clearFeedback();
            }}
            error={urlError}
            hint={t('form.baseUrlHint', { url: defaultBaseUrl })}
            spellCheck={false}
            name="baseUrl"
          />
          {url !== defaultBaseUrl && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setBaseUrl(defaultBaseUrl)}
            >
              {t('form.reset')}
            </button>
          )}
        </Collapsible.Content>
      </Collapsible.Root>
      {testResult && <TestResult result={testResult} />}
      {error && <ErrorNotice error={error} />}
      <div className="queye-form__actions">
        <button type="button" className="button" disabled={busy !== undefined} onClick={runTest}>
          {busy === 'test' ? t('form.testing') : t('form.test')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy !== undefined}>
          {busy === 'connect' ? t('form.connecting') : t('form.connect')}
        </button>
      </div>
    </form>
  );
}
