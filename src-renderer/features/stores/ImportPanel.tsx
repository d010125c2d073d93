import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importFields,
  type ImportField,
  type ImportPreview,
} from '../../../src-preload/contract/schemas/stores.ts';
import { formatCount } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { ProgressBar } from '../../ui/ProgressBar.tsx';
import { useStoreImport } from './import-store.ts';
import { ImportResultView } from './ImportResultView.tsx';

/** Rows listed at once; the counts above always cover the whole file. */
const rowsShown = 200;

/** The import, from the file on its way to the result: preview, mapping, problems, choices. */
export function ImportPanel() {
  const { t } = useTranslation('stores');
  const state = useStoreImport();
  const { stage, preview, progress, error } = state;

  if (stage === 'done' && state.result) return <ImportResultView result={state.result} />;
  const busy = stage === 'sending' || stage === 'checking' || stage === 'saving';
  return (
    <section className="store-import" aria-labelledby="store-import-title">
      <header className="store-import__header">
        <h2 id="store-import-title">{t('import.title', { file: state.fileName ?? '' })}</h2>
        <button type="button" className="button" onClick={() => void state.close()}>
          {t('import.cancel')}
        </button>
      </header>
      {busy && (
        <ProgressBar
          label={t(
            `import.phase.${progress?.phase ?? (stage === 'sending' ? 'reading' : 'checking')}`,
          )}
          value={
            stage === 'sending'
              ? state.size
                ? state.sent / state.size
                : undefined
              : progress && progress.total
                ? progress.done / progress.total
                : undefined
          }
          valueText={
            progress && progress.phase === 'checking'
              ? t('import.rowsChecked', {
                  done: formatCount(progress.done),
                  total: formatCount(progress.total),
                })
              : t(`import.phase.${progress?.phase ?? 'reading'}`)
          }
        />
      )}
      {error && <ErrorNotice error={error} />}
      {preview && <PreviewBody preview={preview} disabled={busy} />}
    </section>
  );
}

function PreviewBody({ preview, disabled }: { preview: ImportPreview; disabled: boolean }) {
  const { t } = useTranslation('stores');
  const state = useStoreImport();
  const { counts } = preview;
  const writes =
    counts.new +
    (state.existing === 'update' ? counts.update : 0) +
    (state.useSuggestedTimeZones ? counts.fixableByTimeZone : 0);
  const bad = preview.rows.filter((row) => row.problems.length);
  return (
    <>
      <p className="store-import__facts">
        {t('import.facts', {
          rows: formatCount(counts.rows),
          delimiter: preview.delimiter === '\t' ? 'tab' : preview.delimiter,
          encoding: preview.encoding,
        })}
      </p>
      {preview.fileProblem && (
        <p className="store-import__file-problem" role="alert">
          {preview.fileProblem.message}
        </p>
      )}
      <fieldset className="store-import__mapping" disabled={disabled}>
        <legend className="field__label">{t('import.mapping')}</legend>
        {importFields.map((field) => (
          <MappingSelect key={field} field={field} preview={preview} />
        ))}
      </fieldset>
      <p className="store-import__counts" aria-live="polite">
        {t('import.counts', {
          new: formatCount(counts.new),
          update: formatCount(counts.update),
          unchanged: formatCount(counts.unchanged),
          invalid: formatCount(counts.invalid),
        })}
      </p>
      <div className="store-import__choices">
        {counts.update > 0 && (
          <fieldset>
            <legend>{t('import.existing', { count: counts.update })}</legend>
            {(['update', 'skip'] as const).map((choice) => (
              <label key={choice}>
                <input
                  type="radio"
                  name="store-import-existing"
                  checked={state.existing === choice}
                  onChange={() => state.setExisting(choice)}
                />
                {t(`import.existingChoice.${choice}`)}
              </label>
            ))}
          </fieldset>
        )}
        {counts.fixableByTimeZone > 0 && (
          <label>
            <input
              type="checkbox"
              checked={state.useSuggestedTimeZones}
              onChange={(event) => state.setUseSuggestedTimeZones(event.target.checked)}
            />
            {t('import.useSuggestions', { count: counts.fixableByTimeZone })}
          </label>
        )}
      </div>
      {bad.length > 0 && (
        <div className="store-import__problems">
          <h3>{t('import.problemsTitle', { count: counts.invalid })}</h3>
          <ul aria-label={t('import.problemsTitle', { count: counts.invalid })}>
            {bad.slice(0, rowsShown).map((row) => (
              <li key={row.line} className="store-import__problem">
                <span className="store-import__line">{t('import.line', { line: row.line })}</span>
                <code>{row.externalId || '—'}</code>
                <span>{row.problems.map((p) => p.message).join(' ')}</span>
              </li>
            ))}
          </ul>
          {bad.length + preview.rowsLeftOut > rowsShown && (
            <p className="stores-muted">
              {t('import.moreProblems', {
                count: counts.invalid - Math.min(bad.length, rowsShown),
              })}
            </p>
          )}
        </div>
      )}
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={disabled || writes === 0}
          onClick={() => void state.confirm()}
        >
          {t('import.confirm', { count: writes, shown: formatCount(writes) })}
        </button>
      </div>
    </>
  );
}

function MappingSelect({ field, preview }: { field: ImportField; preview: ImportPreview }) {
  const { t } = useTranslation('stores');
  const remap = useStoreImport((state) => state.remap);
  const id = `store-import-map-${field}`;
  const column = preview.mapping[field];
  return (
    <Field
      className="store-import__map"
      id={id}
      label={t(`fields.${field}`)}
      value={column === undefined ? '' : String(column)}
      onChange={(event: ChangeEvent<HTMLSelectElement>) =>
        void remap(field, event.target.value === '' ? undefined : Number(event.target.value))
      }
      options={[
        { value: '', label: t('import.notImported') },
        ...preview.columns.map((header, index) => ({
          value: String(index),
          label: header || t('import.unnamedColumn', { n: index + 1 }),
        })),
      ]}
    />
  );
}
