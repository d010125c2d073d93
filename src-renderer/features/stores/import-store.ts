import { create } from 'zustand';
import type {
  ColumnMapping,
  ImportField,
  ImportPreview,
  ImportProgress,
  ImportResult,
} from '../../../src-preload/contract/schemas/stores.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';
import { useStores } from './stores-store.ts';

export type ImportStage = 'idle' | 'sending' | 'checking' | 'preview' | 'saving' | 'done';

interface ImportState {
  stage: ImportStage;
  fileName?: string;
  /** Bytes sent so far while the file goes to main. */
  sent: number;
  size: number;
  progress?: ImportProgress;
  preview?: ImportPreview;
  existing: 'update' | 'skip';
  useSuggestedTimeZones: boolean;
  result?: ImportResult;
  error?: ApiError;
  choose: (file: File) => Promise<void>;
  /** Maps `field` to a column, or unmaps it (`undefined`), and checks the rows again. */
  remap: (field: ImportField, column: number | undefined) => Promise<void>;
  setExisting: (existing: 'update' | 'skip') => void;
  setUseSuggestedTimeZones: (use: boolean) => void;
  confirm: () => Promise<void>;
  close: () => Promise<void>;
}

const initial = {
  stage: 'idle' as ImportStage,
  fileName: undefined,
  sent: 0,
  size: 0,
  progress: undefined,
  preview: undefined,
  result: undefined,
  error: undefined,
  existing: 'update' as const,
  useSuggestedTimeZones: true,
};

/**
 * One CSV import at a time: the file goes to main in chunks, main parses and checks it (with
 * progress events) and answers with a preview; the user fixes the mapping, chooses what to do
 * with stores already there, and confirms. Nothing is saved before that.
 */
export const useStoreImport = create<ImportState>((set, get) => {
  // A later file or mapping wins over an answer still on its way for an earlier one.
  let attempt = 0;
  return {
    ...initial,
    async choose(file) {
      const mine = ++attempt;
      const previous = get().preview?.importId;
      if (previous) void api.stores.importCancel({ importId: previous }).catch(() => undefined);
      set({ ...initial, stage: 'sending', fileName: file.name, size: file.size });
      try {
        const ticket = await api.stores.importBegin({ fileName: file.name, size: file.size });
        for (let offset = 0; offset < file.size; offset += ticket.chunkBytes) {
          if (mine !== attempt) return;
          const slice = file.slice(offset, offset + ticket.chunkBytes);
          const bytes = new Uint8Array(await slice.arrayBuffer());
          const { received } = await api.stores.importChunk({
            importId: ticket.importId,
            offset,
            bytes,
          });
          set({ sent: received });
        }
        set({ stage: 'checking' });
        const preview = await api.stores.importPreview({ importId: ticket.importId });
        if (mine === attempt) set({ stage: 'preview', preview, progress: undefined });
      } catch (error) {
        if (mine === attempt) set({ stage: 'idle', error: toApiError(error) });
      }
    },
    async remap(field, column) {
      const { preview } = get();
      if (!preview) return;
      const mine = ++attempt;
      const mapping: ColumnMapping = { ...preview.mapping };
      if (column === undefined) delete mapping[field];
      else mapping[field] = column;
      set({ stage: 'checking', error: undefined });
      try {
        const next = await api.stores.importPreview({ importId: preview.importId, mapping });
        if (mine === attempt) set({ stage: 'preview', preview: next, progress: undefined });
      } catch (error) {
        if (mine === attempt) set({ stage: 'preview', error: toApiError(error) });
      }
    },
    setExisting: (existing) => set({ existing }),
    setUseSuggestedTimeZones: (useSuggestedTimeZones) => set({ useSuggestedTimeZones }),
    async confirm() {
      const { preview, existing, useSuggestedTimeZones } = get();
      if (!preview) return;
      set({ stage: 'saving', error: undefined });
      try {
        const result = await api.stores.importConfirm({
          importId: preview.importId,
          existing,
          useSuggestedTimeZones,
        });
        set({ stage: 'done', result, progress: undefined });
        // Main announces the change too; asking here means the list never waits on the event.
        void useStores.getState().load();
      } catch (error) {
        set({ stage: 'preview', error: toApiError(error) });
      }
    },
    async close() {
      attempt++;
      const { preview, stage } = get();
      set({ ...initial });
      if (preview && stage !== 'done') {
        await api.stores.importCancel({ importId: preview.importId }).catch(() => undefined);
      }
    },
  };
});

export function subscribeStoreImport(): () => void {
  return onEvent('stores.importProgress', (progress) => {
    const { preview, stage } = useStoreImport.getState();
    if (stage === 'idle' || stage === 'done') return;
    if (preview && preview.importId !== progress.importId) return;
    useStoreImport.setState({ progress });
  });
}
