/**
 * The broadcaster's library calls: service status, quota, the audio list and its items,
 * uploads (staged in chunks, checked, streamed) and the legacy usage log.
 */
import type { UploadProgress } from '../../../src-preload/contract/schemas/musique.ts';
import { appError } from '../core/errors.ts';
import type { HandlersOf } from '../core/feature.ts';
import type { Logger } from '../log/logger.ts';
import type { AccountStore } from './account.ts';
import type { QuotaTracker } from './governor/quota.ts';
import type { AnnouncementLibrary } from './announcement-library.ts';
import type { ServiceStatus } from './service-status.ts';
import type { SessionGate } from './session-gate.ts';
import type { Staging } from './upload/staging.ts';
import type { Uploader } from './upload/uploader.ts';
import { readUsageLog } from './usage-log.ts';

export interface AnnouncementLibraryHandlerDeps {
  gate: SessionGate;
  library: AnnouncementLibrary;
  status: Pick<ServiceStatus, 'check' | 'record'>;
  quota: Pick<QuotaTracker, 'snapshot'>;
  /** A refresh refused for the token marks the session rejected, as `gate.guard` would. */
  account: Pick<AccountStore, 'markRejected'>;
  staging: Staging;
  uploader: Uploader;
  log: Logger;
}

export function announcementLibraryHandlers(deps: AnnouncementLibraryHandlerDeps) {
  const { gate, library, status, quota, account, staging, uploader, log } = deps;

  return {
    'musique.serviceStatus': () => status.check(gate.session()),
    'musique.quota': () => quota.snapshot(),
    'musique.library': () => library.snapshot(),

    async 'musique.refreshLibrary'() {
      const session = gate.session();
      gate.require(session, 'audio.read');
      const snapshot = await library.refresh();
      status.record(snapshot.error);
      if (snapshot.error?.code.startsWith('token_') && snapshot.error.status === 401)
        account.markRejected(session, snapshot.error);
      return snapshot;
    },

    'musique.getAudio'({ id }) {
      const session = gate.session();
      gate.require(session, 'audio.read');
      return gate.guard(session, () => library.get(id));
    },

    'musique.deleteAudio'({ id }) {
      const session = gate.session();
      gate.require(session, 'audio.delete');
      return gate.guard(session, () => library.remove(id));
    },

    'musique.uploadBegin'({ fileName, size }) {
      gate.require(gate.session(), 'audio.write');
      return staging.begin(fileName, size);
    },

    async 'musique.uploadChunk'({ uploadId, offset, bytes }) {
      return { received: await staging.write(uploadId, offset, bytes) };
    },

    'musique.uploadCheck'({ uploadId }) {
      return staging.check(uploadId);
    },

    async 'musique.uploadStart'({ uploadId, name, description, category }) {
      const session = gate.session();
      gate.require(session, 'audio.write');
      const file = staging.get(uploadId);
      const check = file && (await staging.check(uploadId));
      if (!file || !check?.ok) {
        throw appError(
          'upload_not_ready',
          'This file has not passed the MP3 check, so it was not sent.',
          {
            action: 'Add an MP3 file of at most 10 MB.',
          },
        );
      }
      const result: UploadProgress = await gate.guard(session, () =>
        uploader.run(session.api, { file, name, description: description.trim(), category }),
      );
      log.info(
        {
          uploadId,
          phase: result.phase,
          bytes: file.size,
          id: result.item?.id,
          code: result.error?.code,
        },
        'musique upload finished',
      );
      if (result.error) status.record(result.error);
      if (result.phase === 'done' && result.item) await library.add(result.item);
      // A failed or unknown upload keeps its staged copy so it can be tried again.
      if (result.phase === 'done' || result.phase === 'cancelled') await staging.discard(uploadId);
      return result;
    },

    async 'musique.uploadCancel'({ uploadId }) {
      if (uploader.cancel(uploadId)) return uploader.active(uploadId) ?? null;
      await staging.discard(uploadId);
      return null;
    },

    'musique.usageLog'(query) {
      const session = gate.session();
      return gate.guard(session, () => readUsageLog(session.api, query));
    },
  } satisfies Partial<HandlersOf<'musique'>>;
}
