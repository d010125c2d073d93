import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../../lib/format.ts';
import { notify } from '../../../ui/toast-store.ts';
import { PreviewButton } from '../../player/index.ts';
import { useBroadcast } from '../broadcast-store.ts';
import { UploadPanel } from '../UploadPanel.tsx';
import { usePermission } from '../use-permission.ts';
import type { StepProps } from './ComposerView.tsx';
import { useComposer } from './composer-store.ts';
import { Field } from '../../../ui/Field.tsx';

/** The most items listed at once; the search narrows the rest. */
const shownItems = 50;

/** Pick the announcement from the library (searchable), or upload one and have it chosen. */
export function WhatStep({ attempted, problemRef }: StepProps) {
  const { t } = useTranslation('composer');
  const library = useBroadcast((s) => s.library);
  const uploads = useBroadcast((s) => s.uploads);
  const audioId = useComposer((s) => s.audioId);
  const audioName = useComposer((s) => s.audioName);
  const baseline = useComposer((s) => s.uploadBaseline);
  const chooseAudio = useComposer((s) => s.chooseAudio);
  const canRead = usePermission('audio.read');
  const canWrite = usePermission('audio.write');
  const [query, setQuery] = useState('');
  const [uploading, setUploading] = useState(baseline !== undefined);
  const problemId = useId();

  useEffect(() => {
    if (!useBroadcast.getState().library) void useBroadcast.getState().loadLibrary();
  }, []);

  // An upload started from here that finishes is the one to send.
  useEffect(() => {
    if (!baseline) return;
    const known = new Set(baseline);
    const done = uploads.find((row) => !known.has(row.key) && row.stage === 'done' && row.item);
    if (!done?.item) return;
    chooseAudio(done.item.id, done.item.name);
    // It is handled: only a later upload from here replaces the choice again.
    useComposer.getState().beginInlineUpload(uploads.map((row) => row.key));
    notify({ tone: 'success', title: t('what.uploaded', { name: done.item.name }) });
    void useBroadcast.getState().loadLibrary();
  }, [uploads, baseline, chooseAudio, t]);

  const items = useMemo(() => library?.items ?? [], [library]);
  const matches = useMemo(() => {
    const needle = query.trim().toLowerCase();
    if (!needle) return items;
    return items.filter((item) =>
      [item.name, item.category, item.id].some((text) => text.toLowerCase().includes(needle)),
    );
  }, [items, query]);
  const chosen = items.find((item) => item.id === audioId);
  const shown = matches.slice(0, shownItems);
  if (chosen && !shown.includes(chosen)) shown.unshift(chosen);

  return (
    <div className="composer-step">
      <Field
        id={`${problemId}-search`}
        type="search"
        label={t('what.search')}
        placeholder={t('what.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {!library && <p aria-busy="true">{t('what.loading')}</p>}
      {library && items.length === 0 && <p>{t('what.empty')}</p>}
      {items.length > 0 && matches.length === 0 && <p>{t('what.none', { query })}</p>}
      {shown.length > 0 && (
        <fieldset className="composer-choices">
          <legend className="visually-hidden">{t('what.list')}</legend>
          {shown.map((item) => (
            <label key={item.id} className="composer-choice">
              <input
                type="radio"
                name="composer-audio"
                value={item.id}
                checked={item.id === audioId}
                onChange={() => chooseAudio(item.id, item.name)}
              />
              <span className="composer-choice__name">{item.name || item.id}</span>
              <span className="composer-choice__meta">
                {item.category} · {formatDuration(item.duration)}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {matches.length > shownItems && (
        <p className="composer__muted">{t('what.more', { count: matches.length - shownItems })}</p>
      )}
      <div className="composer-chosen" role="status">
        {audioId
          ? t('what.chosen', { name: chosen?.name || audioName || audioId })
          : t('what.notChosen')}
      </div>
      {audioId && (
        <div className="composer-row">
          <PreviewButton
            id={audioId}
            name={chosen?.name ?? audioName ?? audioId}
            format={chosen?.format}
            disabled={!canRead.allowed}
          />
          <span className="composer__muted">{t('what.previewHint')}</span>
        </div>
      )}
      {canWrite.allowed && (
        <div className="composer-upload">
          <button
            type="button"
            className="button"
            aria-expanded={uploading}
            onClick={() => {
              if (!uploading)
                useComposer
                  .getState()
                  .beginInlineUpload(useBroadcast.getState().uploads.map((row) => row.key));
              setUploading(!uploading);
            }}
          >
            {uploading ? t('what.uploadHide') : t('what.upload')}
          </button>
          {uploading && (
            <>
              <p className="composer__muted">{t('what.uploadHint')}</p>
              <UploadPanel />
            </>
          )}
        </div>
      )}
      {attempted && !audioId && (
        <p ref={problemRef} tabIndex={-1} className="composer-problem" role="alert">
          {t('what.missing')}
        </p>
      )}
    </div>
  );
}
