/**
 * The broadcaster's library calls: service status, quota, the audio list and its items,
 * uploads (staged in chunks, checked, streamed) and the legacy usage log.
 */
import type { UploadProgress } from '../../../src-preload/contract/schemas/musique.ts';
import { appError } from '../core/errors.ts';
import type { HandlersOf } from '../core/feature.ts';
import type { MusiqueRuntime } from './runtime.ts';
import { readUsageLog } from './usage-log.ts';

/** Part of the `musique.*` calls; the feature checks that its two parts cover them all. */
export function libraryHandlers(rt: MusiqueRuntime) {
  const { library, staging, uploader } = rt;

  return {
    'musique.serviceStatus': () => rt.status.check(rt.session()),
    'musique.quota': () => rt.quota.snapshot(),
    'musique.library': () => library.snapshot(),

    async 'musique.refreshLibrary'() {
      const session = rt.session();
      rt.require(session, 'audio.read');
      const snapshot = await library.refresh();
      rt.status.record(snapshot.error);
      if (snapshot.error?.code.startsWith('token_') && snapshot.error.status === 401)
        rt.account.markRejected(session, snapshot.error);
      return snapshot;
    },

    'musique.getAudio'({ id }) {
      const session = rt.session();
      rt.require(session, 'audio.read');
      return rt.guard(session, () => library.get(id));
    },

    'musique.deleteAudio'({ id }) {
      const session = rt.session();
      rt.require(session, 'audio.delete');
      return rt.guard(session, () => library.remove(id));
    },

    'musique.uploadBegin'({ fileName, size }) {
      rt.require(rt.session(), 'audio.write');
      return staging.begin(fileName, size);
    },

    async 'musique.uploadChunk'({ uploadId, offset, bytes }) {
      return { received: await staging.write(uploadId, offset, bytes) };
    },

    'musique.uploadCheck'({ uploadId }) {
      return staging.check(uploadId);
    },

    async 'musique.uploadStart'({ uploadId, name, description, category }) {
      const session = rt.session();
      rt.require(session, 'audio.write');
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
      const result: UploadProgress = await rt.guard(session, () =>
        uploader.run(session.api, { file, name, description: description.trim(), category }),
      );
      rt.log.info(
        {
          uploadId,
          phase: result.phase,
          bytes: file.size,
          id: result.item?.id,
          code: result.error?.code,
        },
        'musique upload finished',
      );
      if (result.error) rt.status.record(result.error);
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
      const session = rt.session();
      return rt.guard(session, () => readUsageLog(session.api, query));
    },
  } satisfies Partial<HandlersOf<'musique'>>;
}
