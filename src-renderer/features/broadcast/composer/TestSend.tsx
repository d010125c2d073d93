import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../../lib/navigation-store.ts';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { Field } from '../../../ui/Field.tsx';
import { useBroadcast } from '../broadcast-store.ts';
import { usePermission } from '../use-permission.ts';
import { useComposer } from './composer-store.ts';
import { testStoresOf } from './targets.ts';

/** One click sends the announcement now to one test store of the directory. */
export function TestSend() {
  const { t } = useTranslation('composer');
  const go = useNavigation((s) => s.go);
  const directory = useComposer((s) => s.directory);
  const targets = useComposer((s) => s.targets);
  const chosenId = useComposer((s) => s.testStoreId);
  const audioId = useComposer((s) => s.audioId);
  const testing = useComposer((s) => s.testing);
  const testJob = useComposer((s) => s.testJob);
  const testError = useComposer((s) => s.testError);
  const canSend = usePermission('audio.send');
  const tests = testStoresOf(directory);
  // By default a test store among the chosen ones, else the directory's first.
  const picked = new Set(targets.externalIds);
  const testStoreId =
    chosenId ?? (tests.find((s) => picked.has(s.externalId)) ?? tests[0])?.externalId;

  return (
    <section className="composer-test" aria-labelledby="composer-test-title">
      <h3 id="composer-test-title" className="composer__subtitle">
        {t('check.testTitle')}
      </h3>
      {tests.length === 0 ? (
        <div className="composer-row">
          <p className="composer__muted">{t('check.noTestStore')}</p>
          <button type="button" className="button" onClick={() => go('stores')}>
            {t('who.openStores')}
          </button>
        </div>
      ) : (
        <div className="composer-row">
          <Field
            label={t('check.testStore')}
            value={testStoreId ?? ''}
            hint={t('check.testHint')}
            onChange={(event: ChangeEvent<HTMLSelectElement>) =>
              useComposer.getState().setTestStore(event.target.value)
            }
            options={tests.map((s) => ({
              value: s.externalId,
              label: `${s.externalId} — ${s.name}`,
            }))}
          />
          <button
            type="button"
            className="button"
            disabled={!audioId || !testStoreId || testing || !canSend.allowed}
            onClick={() => {
              if (testStoreId) useComposer.getState().setTestStore(testStoreId);
              void useComposer.getState().testSend();
            }}
          >
            {testing ? t('check.testing') : t('check.testSend', { id: testStoreId })}
          </button>
        </div>
      )}
      {!audioId && tests.length > 0 && <p className="composer__muted">{t('check.noTestAudio')}</p>}
      {testJob && (
        <p role="status" className="composer-row">
          {t('check.testStarted', { id: chosenId, job: testJob.id })}{' '}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => useBroadcast.getState().openJob(testJob.id)}
          >
            {t('check.testFollow')}
          </button>
        </p>
      )}
      {testError && <ErrorNotice error={testError} />}
    </section>
  );
}
