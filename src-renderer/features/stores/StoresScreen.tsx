import { Download, Plus, Store, Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreRecord } from '../../../src-preload/contract/schemas/stores.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';
import { downloadText } from '../../lib/download.ts';
import { formatCount } from '../../lib/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { BulkBar } from './BulkBar.tsx';
import { StoreFilterBar } from './StoreFilterBar.tsx';
import { GroupPanel } from './GroupPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { subscribeStoreImport, useStoreImport } from './import-store.ts';
import { StoreEditor } from './StoreEditor.tsx';
import { StoreTable } from './StoreTable.tsx';
import { subscribeStores, useStores } from './stores-store.ts';
import './stores.css';

/** The store directory: every store a broadcast can reach, its groups, import and export. */
export function StoresScreen() {
  const { t } = useTranslation('stores');
  const snapshot = useStores((state) => state.snapshot);
  const loadError = useStores((state) => state.loadError);
  const selection = useStores((state) => state.selection);
  const remove = useStores((state) => state.remove);
  const importStage = useStoreImport((state) => state.stage);
  const importError = useStoreImport((state) => state.error);
  const choose = useStoreImport((state) => state.choose);
  const fileInput = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState<StoreRecord | 'new'>();
  const [removing, setRemoving] = useState<string[]>();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    const offStores = subscribeStores();
    const offImport = subscribeStoreImport();
    void useStores.getState().load();
    return () => {
      offStores();
      offImport();
    };
  }, []);

  const exportCsv = async (externalIds?: string[]) => {
    try {
      const file = await api.stores.export(externalIds ? { externalIds } : undefined);
      downloadText(file.fileName, file.csv);
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  const picker = (
    <input
      ref={fileInput}
      type="file"
      accept=".csv,.txt,text/csv,text/plain"
      className="visually-hidden"
      tabIndex={-1}
      aria-label={t('actions.importFile')}
      data-testid="stores-import-file"
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) void choose(file);
      }}
    />
  );
  const openPicker = () => fileInput.current?.click();

  if (loadError && !snapshot) {
    return <ErrorNotice error={loadError} onRetry={() => void useStores.getState().load()} />;
  }
  if (!snapshot) return <p className="stores-muted">{t('loading')}</p>;

  const importing = importStage !== 'idle';
  const summary = snapshot.summary;
  return (
    <div className="stores-screen">
      {picker}
      {importError && !importing && <ErrorNotice error={importError} />}
      {importing ? (
        <ImportPanel />
      ) : summary.stores === 0 ? (
        <EmptyState
          icon={<Store size={40} />}
          title={t('empty.title')}
          body={t('empty.body')}
          action={{ label: t('actions.import'), onClick: openPicker }}
        />
      ) : (
        <>
          <div className="stores-toolbar">
            <p className="stores-summary" aria-live="polite">
              {t('summary', {
                stores: t('summaryStores', {
                  count: summary.stores,
                  shown: formatCount(summary.stores),
                }),
                regions: t('summaryRegions', {
                  count: summary.regions,
                  shown: formatCount(summary.regions),
                }),
                zones: t('summaryZones', {
                  count: summary.timeZones,
                  shown: formatCount(summary.timeZones),
                }),
              })}
              {summary.testStores > 0 && ` ${t('summaryTest', { count: summary.testStores })}`}
              {snapshot.demo && ` ${t('demoNote')}`}
            </p>
            <button type="button" className="button" onClick={openPicker}>
              <Upload size={16} aria-hidden="true" /> {t('actions.import')}
            </button>
            <button type="button" className="button" onClick={() => void exportCsv()}>
              <Download size={16} aria-hidden="true" /> {t('actions.exportAll')}
            </button>
            <button
              type="button"
              className="button button--primary"
              onClick={() => setEditing('new')}
            >
              <Plus size={16} aria-hidden="true" /> {t('actions.add')}
            </button>
          </div>
          <StoreFilterBar />
          <BulkBar
            onExport={(ids) => void exportCsv(ids)}
            onRemove={() => setRemoving([...selection.selected])}
          />
          {error && <ErrorNotice error={error} onDismiss={() => setError(undefined)} />}
          <div className="stores-body">
            <div className="stores-view">
              <StoreTable
                onEdit={(store) => setEditing(store)}
                onRemove={(stores) => setRemoving(stores.map((s) => s.externalId))}
              />
            </div>
            <GroupPanel />
          </div>
        </>
      )}
      {summary.stores === 0 && !importing && (
        <p className="stores-muted stores-empty-add">
          <button type="button" className="button button--quiet" onClick={() => setEditing('new')}>
            {t('actions.addByHand')}
          </button>
        </p>
      )}
      {editing && (
        <StoreEditor
          store={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
        />
      )}
      <ConfirmDialog
        open={removing !== undefined}
        onOpenChange={(open) => !open && setRemoving(undefined)}
        title={t('remove.title', { count: removing?.length ?? 0 })}
        description={t('remove.body')}
        confirmLabel={t('remove.confirm')}
        cancelLabel={t('remove.cancel')}
        destructive
        onConfirm={() => {
          const ids = removing ?? [];
          setRemoving(undefined);
          void remove(ids).catch((caught) => setError(toApiError(caught)));
        }}
      />
    </div>
  );
}
