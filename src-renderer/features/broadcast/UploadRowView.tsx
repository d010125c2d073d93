import { CircleCheck, CircleX, FileAudio } from 'lucide-react';
import { useEffect, useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadCategories } from '../../../src-preload/contract/schemas/musique.ts';
import { formatBytes, formatDuration } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Field } from '../../ui/Field.tsx';
import { ProgressBar } from '../../ui/ProgressBar.tsx';
import { useBroadcast } from './broadcast-store.ts';
import { nameIsValid, type UploadRow } from './upload-slice.ts';

/** Seconds left until a `429` wait ends, ticking. */
function useCountdown(until: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((Date.parse(until) - now) / 1000)) : 0;
}

/** One file: its check, its fields, its progress, and what can be done with it now. */
export function UploadRowView({ row, writable }: { row: UploadRow; writable: boolean }) {
  const { t } = useTranslation('broadcast');
  const { editUpload, startUpload, cancelUpload, removeUpload } = useBroadcast.getState();
  const [nameTouched, setNameTouched] = useState(false);
  const seconds = useCountdown(row.stage === 'waiting' ? row.waitUntil : undefined);
  const descriptionId = useId();
  const { stage } = row;
  const editable = stage === 'ready' || stage === 'failed' || stage === 'unknown';
  const nameError = nameTouched && !nameIsValid(row.name) ? t('upload.nameRequired') : undefined;
  const busy = stage === 'uploading' || stage === 'waiting' || stage === 'verifying';
  const reading = stage === 'reading' || stage === 'checking';

  return (
    <li
      className={`upload-row upload-row--${stage}`}
      data-testid="upload-row"
      data-stage={stage}
      data-file={row.fileName}
    >
      <div className="upload-row__head">
        {stage === 'done' ? (
          <CircleCheck
            size={18}
            aria-hidden="true"
            className="upload-row__icon upload-row__icon--ok"
          />
        ) : stage === 'rejected' || stage === 'failed' ? (
          <CircleX
            size={18}
            aria-hidden="true"
            className="upload-row__icon upload-row__icon--bad"
          />
        ) : (
          <FileAudio size={18} aria-hidden="true" className="upload-row__icon" />
        )}
        <span className="upload-row__file">{row.fileName}</span>
        <span className="upload-row__stage" role="status">
          {t(`upload.stage.${stage}`)}
        </span>
      </div>
      {row.check?.ok && (
        <p className="upload-row__facts">
          {t('upload.facts', {
            duration: formatDuration(row.check.durationSec),
            bitrate: row.check.bitrateKbps,
            size: formatBytes(row.size),
          })}
        </p>
      )}
      {row.check && !row.check.ok && (
        <p className="upload-row__reason" data-testid="reject-reason">
          {row.check.message}
        </p>
      )}
      {reading && (
        <ProgressBar
          label={t('upload.readLabel', { name: row.fileName })}
          value={row.size ? row.readBytes / row.size : undefined}
        />
      )}
      {(busy || stage === 'done') && (
        <ProgressBar
          label={t('upload.progressLabel', { name: row.name || row.fileName })}
          value={stage === 'verifying' ? undefined : row.size ? row.sentBytes / row.size : 1}
          valueText={t('upload.progress', {
            sent: formatBytes(row.sentBytes),
            total: formatBytes(row.size),
          })}
        />
      )}
      {stage === 'waiting' && row.waitUntil && (
        <p className="upload-row__wait">
          {t('upload.waitUntil', { time: new Date(row.waitUntil).toLocaleTimeString(), seconds })}
        </p>
      )}
      {stage === 'done' && <p className="upload-row__done">{t('upload.doneNote')}</p>}
      {row.error && <ErrorNotice error={row.error} />}
      {editable && row.check?.ok && (
        <div className="upload-row__fields">
          <Field
            label={t('upload.name')}
            value={row.name}
            maxLength={200}
            required
            onChange={(event) => editUpload(row.key, { name: event.target.value })}
            onBlur={() => setNameTouched(true)}
            error={nameError}
          />
          <Field
            label={t('upload.category')}
            value={row.category}
            onChange={(event: ChangeEvent<HTMLSelectElement>) =>
              editUpload(row.key, { category: event.target.value as UploadRow['category'] })
            }
            options={uploadCategories.map((category) => ({
              value: category,
              label: t(`upload.categories.${category}`),
            }))}
          />
          <div className="field upload-row__description">
            <label htmlFor={descriptionId} className="field__label">
              {t('upload.description')}
            </label>
            <textarea
              id={descriptionId}
              className="field__input"
              rows={2}
              maxLength={2000}
              value={row.description}
              onChange={(event) => editUpload(row.key, { description: event.target.value })}
            />
          </div>
        </div>
      )}
      <div className="upload-row__actions">
        {editable && row.check?.ok && (
          <button
            type="button"
            className="button button--primary"
            disabled={!writable}
            onClick={() => {
              setNameTouched(true);
              if (nameIsValid(row.name)) void startUpload(row.key);
            }}
          >
            {stage === 'ready' ? t('upload.start') : t('upload.retry')}
          </button>
        )}
        {(busy || reading) && (
          <button type="button" className="button" onClick={() => void cancelUpload(row.key)}>
            {t('upload.cancel')}
          </button>
        )}
        {!busy && !reading && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void removeUpload(row.key)}
          >
            {t('upload.remove')}
          </button>
        )}
      </div>
    </li>
  );
}
