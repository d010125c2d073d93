import { isoAt } from '../clock.ts';
import { readJsonObject } from '../http/body.ts';
import type { Handler } from '../http/pipeline.ts';
import { SandboxApiError, jsonReply, notFound } from '../http/reply.ts';
import { guarded } from './guard.ts';
import type { MusiqueRuntime } from './runtime.ts';
import { validateSend } from './send-validation.ts';
import type { SendRecord } from './sends.ts';

/**
 * Send audio to stores by External ID. Atomic: one unknown ID fails the whole request with 422
 * and the list of unknown IDs, and nothing is sent. Everything accepted lands in the ledger.
 */
export function sendRoutes(rt: MusiqueRuntime): Record<string, Handler> {
  const send = guarded(
    rt,
    { permission: 'audio.send', needs: ['database', 'messaging'] },
    async (ctx, token) => {
      const { state, clock } = rt;
      const audio = state.audio.get(ctx.params.id ?? '');
      if (!audio) throw notFound(`Audio ${ctx.params.id} not found.`);
      const body = await readJsonObject(ctx.req, ctx.acceptBody);
      const now = clock.now();
      const request = validateSend(body, now);
      const unknown = request.externalIds.filter((id) => !state.stores.has(id));
      if (unknown.length > 0) {
        throw new SandboxApiError(
          422,
          'unknown_external_ids',
          `${unknown.length} External ID(s) are unknown; nothing was sent.`,
          {
            details: { unknown },
          },
        );
      }
      const scheduled = request.scheduleAtMs !== undefined;
      const record: SendRecord = {
        sendId: state.nextId('snd'),
        audioId: audio.id,
        senderExternalId: token.externalId,
        destinations: request.externalIds.map((externalId) => ({
          externalId,
          userId: state.stores.get(externalId)?.userId ?? 0,
        })),
        priority: request.priority,
        repeat: request.repeat,
        volume: request.volume,
        acceptedMs: now,
        dueMs: request.scheduleAtMs ?? now,
        scheduled,
        settled: false,
      };
      state.sends.add(record);
      state.sends.settle(now, state.audio);
      const status = scheduled ? 'scheduled' : 'sent';
      return jsonReply(200, {
        sendId: record.sendId,
        audioId: audio.id,
        destinations: record.destinations.map((destination) => ({ ...destination, status })),
        scheduled,
        scheduleAt: scheduled ? isoAt(record.dueMs) : null,
        status,
      });
    },
  );
  return {
    'POST /api/v1/integration/audio/:id/send': send,
    'POST /api/:id/send': send,
  };
}
