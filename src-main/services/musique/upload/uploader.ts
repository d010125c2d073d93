/**
 * Sends a checked, staged file to Musique and sees it through to a known end:
 * - progress is pushed as the connection takes the bytes;
 * - `429`: wait as long as Musique asks (the wait is shown), then send again from the start —
 *   a refused upload stored nothing;
 * - any other refusal (4xx), or a break before the whole file went out: failed, with the
 *   reason — Musique keeps nothing of an unfinished upload;
 * - `5xx`, a broken connection or a stall after the whole file went out, or a cancel at that
 *   point: the outcome is unknown, so the library is searched for the file before anything is
 *   offered again. If even that fails, the upload is marked unknown and says to check first.
 */
import type { ApiErrorShape } from '../../../../src-preload/contract/define.ts';
import type {
  AudioItem,
  UploadCategory,
  UploadProgress,
} from '../../../../src-preload/contract/schemas/musique.ts';
import { appError, isAppError } from '../../core/errors.ts';
import { sleep } from '../../http/retry.ts';
import type { Logger } from '../../log/logger.ts';
import type { MusiqueApi } from '../client.ts';
import { multipartBody } from './multipart.ts';
import type { StagedFile } from './staging.ts';

export interface UploadJob {
  file: StagedFile;
  name: string;
  description: string;
  category: UploadCategory;
}

export interface UploaderOptions {
  log: Logger;
  emit(progress: UploadProgress): void;
  /** How many `429` waits one upload may sit through before giving up. */
  maxWaits?: number;
  /** No byte taken by the connection for this long (or no answer after the last) = stalled. */
  stallMs?: number;
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
}

export interface Uploader {
  run(api: MusiqueApi, job: UploadJob): Promise<UploadProgress>;
  cancel(uploadId: string): boolean;
  active(uploadId: string): UploadProgress | undefined;
}

interface AttemptFailure {
  error: unknown;
  /** File bytes the connection took. */
  sent: number;
  /** The whole body, closing boundary included, went out. */
  complete: boolean;
  stalled: boolean;
}

const statusOf = (error: unknown) => (isAppError(error) ? (error.shape.status ?? 0) : 0);
const requestIdOf = (error: unknown) => (isAppError(error) ? error.shape.requestId : undefined);

export function createUploader(options: UploaderOptions): Uploader {
  const { log } = options;
  const now = options.now ?? Date.now;
  const wait = options.wait ?? sleep;
  const maxWaits = options.maxWaits ?? 5;
  const stallMs = options.stallMs ?? 60_000;
  const running = new Map<string, { cancel: AbortController; progress: UploadProgress }>();

  async function attempt(
    api: MusiqueApi,
    job: UploadJob,
    cancel: AbortSignal,
    report: (fileBytes: number) => void,
  ): Promise<{ item: AudioItem } | AttemptFailure> {
    const stall = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => stall.abort(new Error('stalled')), stallMs);
    };
    let bodyBytes = 0;
    const fields: Record<string, string> = { name: job.name, category: job.category };
    if (job.description) fields.description = job.description;
    const file = job.file;
    const multipart = multipartBody(
      fields,
      {
        field: 'file',
        path: file.path,
        size: file.size,
        fileName: file.fileName,
        contentType: 'audio/mpeg',
      },
      (bytes) => {
        bodyBytes = bytes;
        arm();
        report(fileBytes());
      },
    );
    const fileBytes = () => Math.min(file.size, Math.max(0, bodyBytes - multipart.headLength));
    arm();
    try {
      const item = await api.upload({
        body: multipart.body,
        contentType: multipart.contentType,
        contentLength: multipart.length,
        signal: AbortSignal.any([cancel, stall.signal]),
      });
      return { item };
    } catch (error) {
      return {
        error,
        sent: fileBytes(),
        complete: bodyBytes >= multipart.length,
        stalled: stall.signal.aborted && !cancel.aborted,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  /** After an unknown outcome: is the file in the library now? */
  async function findUploaded(api: MusiqueApi, job: UploadJob, since: number) {
    const items = await api.listAll();
    return items.find((item) => {
      const created = item.createdAt ? Date.parse(item.createdAt) : Number.NaN;
      return (
        item.name === job.name &&
        (item.size === undefined || item.size === job.file.size) &&
        (Number.isNaN(created) || created >= since - 5 * 60_000)
      );
    });
  }

  /** Why an attempt that stopped before the whole file went out failed. */
  function failureOf(failure: AttemptFailure, total: number): ApiErrorShape {
    const { error, sent } = failure;
    const status = statusOf(error);
    if (isAppError(error) && status > 0) return error.shape;
    const where = `after ${sent.toLocaleString('en')} of ${total.toLocaleString('en')} bytes`;
    const shape = failure.stalled
      ? appError(
          'upload_stalled',
          `The upload stalled ${where}: the connection stopped taking data.`,
          {
            action:
              'Check the network and try again; Musique keeps nothing of an unfinished upload.',
          },
        ).shape
      : appError('upload_broken', `The connection to Musique broke ${where}.`, {
          action:
            'Try again when the connection is back; Musique keeps nothing of an unfinished upload.',
        }).shape;
    return { ...shape, service: 'musique', requestId: requestIdOf(error) ?? shape.requestId };
  }

  async function settleUnknown(
    api: MusiqueApi,
    job: UploadJob,
    outcome: AttemptFailure,
    context: {
      base: { uploadId: string; totalBytes: number };
      cancelled: boolean;
      started: number;
      publish: (progress: UploadProgress) => UploadProgress;
    },
  ): Promise<UploadProgress> {
    const { base, cancelled, publish } = context;
    const total = base.totalBytes;
    publish({ ...base, phase: 'verifying', sentBytes: total });
    try {
      const found = await findUploaded(api, job, context.started);
      if (found) return publish({ ...base, phase: 'done', sentBytes: total, item: found });
    } catch (checkError) {
      log.warn(
        { err: checkError, uploadId: base.uploadId },
        'could not verify an upload of unknown outcome',
      );
      const error = appError(
        'upload_unknown_outcome',
        'The whole file was sent, but Musique’s answer never arrived and the library could not be checked.',
        {
          action: 'Refresh the library before trying again: the file may already be there.',
          requestId: requestIdOf(outcome.error),
        },
      );
      return publish({ ...base, phase: 'unknown', sentBytes: total, error: error.shape });
    }
    if (cancelled) return publish({ ...base, phase: 'cancelled', sentBytes: total });
    const cause = isAppError(outcome.error)
      ? outcome.error.shape.message
      : 'The answer never arrived.';
    const error = appError(
      'upload_not_stored',
      `${cause} Aislecast checked the library: the file is not there, so nothing was stored.`,
      { action: 'Try the upload again.', requestId: requestIdOf(outcome.error) },
    );
    return publish({
      ...base,
      phase: 'failed',
      sentBytes: total,
      error: { ...error.shape, service: 'musique' },
    });
  }

  return {
    active: (id) => running.get(id)?.progress,
    cancel(id) {
      const entry = running.get(id);
      if (!entry) return false;
      entry.cancel.abort(new Error('cancelled'));
      return true;
    },
    async run(api, job) {
      const id = job.file.id;
      if (running.has(id)) {
        throw appError('upload_running', 'This file is already being uploaded.', {
          action: 'Wait for it to finish or cancel it.',
        });
      }
      const cancel = new AbortController();
      const total = job.file.size;
      const base = { uploadId: id, totalBytes: total };
      const entry = {
        cancel,
        progress: { ...base, phase: 'uploading', sentBytes: 0 } as UploadProgress,
      };
      running.set(id, entry);
      const publish = (progress: UploadProgress) => {
        entry.progress = progress;
        options.emit(progress);
        return progress;
      };
      const started = now();
      try {
        for (let waits = 0; ; waits++) {
          publish({ ...base, phase: 'uploading', sentBytes: 0 });
          const outcome = await attempt(api, job, cancel.signal, (bytes) =>
            publish({ ...base, phase: 'uploading', sentBytes: bytes }),
          );
          if ('item' in outcome) {
            return publish({ ...base, phase: 'done', sentBytes: total, item: outcome.item });
          }
          const status = statusOf(outcome.error);
          const cancelled = cancel.signal.aborted;

          if (status === 429 && !cancelled) {
            if (waits >= maxWaits) {
              const error = appError(
                'upload_rate_limited',
                'Musique kept asking Aislecast to slow down, so the upload stopped.',
                {
                  action: 'Try again in a few minutes.',
                  requestId: requestIdOf(outcome.error),
                },
              );
              return publish({ ...base, phase: 'failed', sentBytes: 0, error: error.shape });
            }
            const hinted = isAppError(outcome.error) ? outcome.error.shape.retryAfterMs : undefined;
            const delay = Math.max(1000, hinted ?? 2 ** waits * 1000);
            publish({
              ...base,
              phase: 'waiting',
              sentBytes: 0,
              waitUntil: new Date(now() + delay).toISOString(),
            });
            try {
              await wait(delay, cancel.signal);
            } catch {
              return publish({ ...base, phase: 'cancelled', sentBytes: 0 });
            }
            continue;
          }
          if (!outcome.complete) {
            if (cancelled) return publish({ ...base, phase: 'cancelled', sentBytes: outcome.sent });
            log.warn({ err: outcome.error, uploadId: id }, 'upload failed');
            return publish({
              ...base,
              phase: 'failed',
              sentBytes: outcome.sent,
              error: failureOf(outcome, total),
            });
          }
          if (status > 0 && status < 500) {
            // Musique read the whole file and said no: nothing was stored.
            return publish({
              ...base,
              phase: 'failed',
              sentBytes: total,
              error: failureOf(outcome, total),
            });
          }
          return await settleUnknown(api, job, outcome, { base, cancelled, started, publish });
        }
      } finally {
        running.delete(id);
      }
    },
  };
}
