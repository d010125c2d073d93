import { Upload } from 'lucide-react';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBroadcast } from './broadcast-store.ts';
import { nameIsValid } from './upload-slice.ts';
import { UploadRowView } from './UploadRowView.tsx';
import { usePermission } from './use-permission.ts';
import './upload.css';

/** Files from a drag-and-drop or a file chooser; several at once. */
export function filesOf(list: FileList | null | undefined): File[] {
  return list ? Array.from(list) : [];
}

/** Adding files (drop or chooser) and the list of files on their way. */
export function UploadPanel() {
  const { t } = useTranslation('broadcast');
  const uploads = useBroadcast((state) => state.uploads);
  const { addFiles, startAllUploads, clearFinishedUploads } = useBroadcast.getState();
  const canWrite = usePermission('audio.write');
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();
  const reasonId = useId();
  const ready = uploads.filter((row) => row.stage === 'ready' && nameIsValid(row.name));
  const finished = uploads.some((row) => ['done', 'cancelled', 'rejected'].includes(row.stage));

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    // The broadcaster around this panel takes drops too: the files are added here, once.
    event.stopPropagation();
    setDragging(false);
    if (canWrite.allowed) addFiles(filesOf(event.dataTransfer.files));
  };

  return (
    <div className="upload-panel">
      <div
        className={`dropzone${dragging ? ' dropzone--active' : ''}${canWrite.allowed ? '' : ' dropzone--disabled'}`}
        data-testid="dropzone"
        onDragOver={(event) => {
          event.preventDefault();
          if (canWrite.allowed) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Upload size={28} aria-hidden="true" />
        <p className="dropzone__title">{dragging ? t('upload.dropActive') : t('upload.drop')}</p>
        <p id={hintId} className="dropzone__hint">
          {t('upload.dropHint')}
        </p>
        <button
          type="button"
          className="button button--primary"
          disabled={!canWrite.allowed}
          aria-describedby={canWrite.allowed ? hintId : `${hintId} ${reasonId}`}
          onClick={() => input.current?.click()}
        >
          {t('upload.choose')}
        </button>
        {!canWrite.allowed && (
          <p id={reasonId} className="permission-reason">
            {canWrite.reason}
          </p>
        )}
        <input
          ref={input}
          type="file"
          multiple
          accept=".mp3,audio/mpeg"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="file-input"
          onChange={(event) => {
            addFiles(filesOf(event.target.files));
            event.target.value = '';
          }}
        />
      </div>
      {uploads.length > 0 && (
        <div className="upload-panel__bar">
          <button
            type="button"
            className="button button--primary"
            disabled={ready.length === 0 || !canWrite.allowed}
            onClick={() => void startAllUploads()}
          >
            {t('upload.uploadAll')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            disabled={!finished}
            onClick={clearFinishedUploads}
          >
            {t('upload.clearFinished')}
          </button>
        </div>
      )}
      {uploads.length === 0 ? (
        <p className="upload-panel__empty">{t('upload.empty')}</p>
      ) : (
        <ul className="upload-list" aria-label={t('upload.label')}>
          {uploads.map((row) => (
            <UploadRowView key={row.key} row={row} writable={canWrite.allowed} />
          ))}
        </ul>
      )}
    </div>
  );
}
