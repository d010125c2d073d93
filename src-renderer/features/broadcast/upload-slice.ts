/**
 * Files on their way to Musique, one row each. The renderer holds the `File` (there are no
 * paths in a browser), reads it in chunks into main's staging area, and main checks it by
 * content and uploads it; progress comes back as `musique.uploadProgress` events.
 */
import type { StateCreator } from 'zustand';
import type {
  AudioItem,
  FileCheck,
  UploadCategory,
  UploadPhase,
  UploadProgress,
} from '../../../src-preload/contract/schemas/musique.ts';
import { ApiError, toApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';

export type UploadStage = 'reading' | 'checking' | 'rejected' | 'ready' | UploadPhase;

export interface UploadRow {
  key: string;
  file: File;
  fileName: string;
  size: number;
  stage: UploadStage;
  /** Bytes handed to main so far (reading), then bytes sent to Musique (uploading). */
  readBytes: number;
  sentBytes: number;
  uploadId?: string;
  check?: FileCheck;
  name: string;
  description: string;
  category: UploadCategory;
  waitUntil?: string;
  error?: ApiError;
  item?: AudioItem;
}

export interface UploadSlice {
  uploads: UploadRow[];
  addFiles: (files: readonly File[]) => void;
  editUpload: (
    key: string,
    patch: Partial<Pick<UploadRow, 'name' | 'description' | 'category'>>,
  ) => void;
  startUpload: (key: string) => Promise<void>;
  startAllUploads: () => Promise<void>;
  cancelUpload: (key: string) => Promise<void>;
  removeUpload: (key: string) => Promise<void>;
  clearFinishedUploads: () => void;
  applyUploadProgress: (progress: UploadProgress) => void;
}

const finished: ReadonlySet<UploadStage> = new Set(['done', 'cancelled', 'rejected']);
const sending: ReadonlySet<UploadStage> = new Set(['uploading', 'waiting', 'verifying']);
let nextKey = 1;

/** Rows being read that were cancelled or removed: their reading loop stops. */
const abandoned = new Set<string>();

export const nameIsValid = (name: string) => name.trim().length > 0;

export const createUploadSlice: StateCreator<UploadSlice, [], [], UploadSlice> = (set, get) => {
  const patch = (key: string, changes: Partial<UploadRow>) =>
    set({ uploads: get().uploads.map((row) => (row.key === key ? { ...row, ...changes } : row)) });
  const row = (key: string) => get().uploads.find((candidate) => candidate.key === key);

  /** Files are staged one after another, so one big file does not starve the rest. */
  let staging: Promise<void> = Promise.resolve();

  async function stage(key: string): Promise<void> {
    const current = row(key);
    if (!current || abandoned.has(key)) return;
    try {
      const ticket = await api.musique.uploadBegin({
        fileName: current.fileName,
        size: current.size,
      });
      if (!ticket.accepted) {
        patch(key, { stage: 'rejected', check: ticket.check });
        return;
      }
      patch(key, { uploadId: ticket.uploadId });
      for (let offset = 0; offset < current.size; offset += ticket.chunkBytes) {
        if (abandoned.has(key)) {
          await api.musique.uploadCancel({ uploadId: ticket.uploadId });
          return;
        }
        const slice = current.file.slice(offset, offset + ticket.chunkBytes);
        const bytes = new Uint8Array(await slice.arrayBuffer());
        const { received } = await api.musique.uploadChunk({
          uploadId: ticket.uploadId,
          offset,
          bytes,
        });
        patch(key, { readBytes: received });
      }
      patch(key, { stage: 'checking' });
      const check = await api.musique.uploadCheck({ uploadId: ticket.uploadId });
      if (!check.ok) {
        patch(key, { stage: 'rejected', check });
        return;
      }
      const name = row(key)?.name.trim() ? row(key)!.name : check.suggestedName;
      patch(key, { stage: 'ready', check, name });
    } catch (error) {
      patch(key, { stage: 'failed', error: toApiError(error) });
    }
  }

  return {
    uploads: [],
    addFiles(files) {
      const rows: UploadRow[] = files.map((file) => ({
        key: `file-${nextKey++}`,
        file,
        fileName: file.name,
        size: file.size,
        stage: 'reading',
        readBytes: 0,
        sentBytes: 0,
        name: '',
        description: '',
        category: 'announcement',
      }));
      set({ uploads: [...get().uploads, ...rows] });
      for (const added of rows) staging = staging.then(() => stage(added.key));
    },
    editUpload(key, changes) {
      patch(key, changes);
    },
    async startUpload(key) {
      const current = row(key);
      if (!current?.uploadId || !current.check?.ok || !nameIsValid(current.name)) return;
      if (sending.has(current.stage)) return;
      patch(key, { stage: 'uploading', sentBytes: 0, error: undefined, waitUntil: undefined });
      try {
        const result = await api.musique.uploadStart({
          uploadId: current.uploadId,
          name: current.name.trim(),
          description: current.description,
          category: current.category,
        });
        get().applyUploadProgress(result);
      } catch (error) {
        patch(key, { stage: 'failed', error: toApiError(error) });
      }
    },
    async startAllUploads() {
      const ready = get().uploads.filter((r) => r.stage === 'ready' && nameIsValid(r.name));
      for (const candidate of ready) await get().startUpload(candidate.key);
    },
    async cancelUpload(key) {
      const current = row(key);
      if (!current) return;
      if (current.stage === 'reading' || current.stage === 'checking') {
        abandoned.add(key);
        patch(key, { stage: 'cancelled' });
        return;
      }
      if (current.uploadId && sending.has(current.stage)) {
        await api.musique.uploadCancel({ uploadId: current.uploadId }).catch(() => null);
      }
    },
    async removeUpload(key) {
      const current = row(key);
      if (!current) return;
      abandoned.add(key);
      set({ uploads: get().uploads.filter((r) => r.key !== key) });
      // A file that never finished leaves nothing staged behind.
      if (current.uploadId && current.stage !== 'done') {
        await api.musique.uploadCancel({ uploadId: current.uploadId }).catch(() => null);
      }
    },
    clearFinishedUploads() {
      set({ uploads: get().uploads.filter((r) => !finished.has(r.stage)) });
    },
    applyUploadProgress(progress) {
      const current = get().uploads.find((r) => r.uploadId === progress.uploadId);
      if (!current) return;
      // A late progress event never reopens an upload that has already ended.
      if (!sending.has(current.stage) && sending.has(progress.phase)) return;
      patch(current.key, {
        stage: progress.phase,
        sentBytes: progress.sentBytes,
        waitUntil: progress.waitUntil,
        error: progress.error ? new ApiError(progress.error) : undefined,
        ...(progress.item ? { item: progress.item } : {}),
      });
    },
  };
};
