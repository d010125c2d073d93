import { createReadStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { audioSource } from '../audio/track-audio.ts';
import type { Handler, RequestContext } from '../http/pipeline.ts';
import { rangeReply, type RangeSource } from '../http/range.ts';
import { SandboxApiError, badRequest, jsonReply, notFound } from '../http/reply.ts';
import { audioJson, type StoredAudio } from './audio-store.ts';
import { guarded } from './guard.ts';
import type { MusiqueRuntime } from './runtime.ts';
import { receiveUpload } from './upload.ts';

const categoryShape = /^[a-z][a-z0-9_-]{0,39}$/;

function pageParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw badRequest(`${name} must be an integer from 1 to ${max} (got "${raw}").`);
  }
  return Number(raw);
}

/** Metadata from the multipart text fields, checked. */
function describe(fields: Record<string, string>, filename: string) {
  const name = (fields.name ?? '').trim() || filename.replace(/\.[^.]*$/, '').trim() || 'Untitled';
  if (name.length > 200) throw badRequest('name must be at most 200 characters.');
  const description = fields.description ?? '';
  if (description.length > 2000) throw badRequest('description must be at most 2000 characters.');
  const category = (fields.category ?? 'announcement').trim();
  if (!categoryShape.test(category)) {
    throw badRequest(
      'category must be a short lower-case word such as announcement, promotion or emergency.',
    );
  }
  return { name, description, category };
}

export function audioRoutes(rt: MusiqueRuntime): Record<string, Handler> {
  const item = (ctx: RequestContext): StoredAudio => {
    const found = rt.state.audio.get(ctx.params.id ?? '');
    if (!found) throw notFound(`Audio ${ctx.params.id} not found.`);
    return found;
  };

  const list = guarded(rt, { permission: 'audio.read' }, (ctx) => {
    const page = pageParam(ctx.query, 'page', 1, 1_000_000);
    const limit = pageParam(ctx.query, 'limit', 50, 100);
    const all = rt.state.audio.list();
    const start = (page - 1) * limit;
    return jsonReply(200, {
      items: all.slice(start, start + limit).map((entry) => audioJson(entry, ctx.origin)),
      page,
      limit,
      total: all.length,
      hasMore: start + limit < all.length,
    });
  });

  const upload = guarded(
    rt,
    { permission: 'audio.write', needs: ['database', 'storage'] },
    async (ctx) => {
      const received = await receiveUpload(ctx, rt.uploadDir);
      try {
        const meta = describe(received.fields, received.filename);
        const id = rt.state.nextId('aud');
        const path = join(rt.uploadDir, `${id}.mp3`);
        await rename(received.tempPath, path);
        const created: StoredAudio = {
          id,
          ...meta,
          size: received.size,
          duration: Math.round(received.facts.durationSec * 1000) / 1000,
          createdMs: rt.clock.now(),
          source: { kind: 'upload', path },
          stats: { timesPlayed: 0, lastPlayedMs: null, totalRecipients: 0 },
        };
        rt.state.audio.add(created);
        return jsonReply(201, audioJson(created, ctx.origin));
      } catch (error) {
        await rm(received.tempPath, { force: true });
        throw error;
      }
    },
  );

  const get = guarded(rt, { permission: 'audio.read' }, (ctx) =>
    jsonReply(200, audioJson(item(ctx), ctx.origin)),
  );

  const remove = guarded(rt, { permission: 'audio.delete' }, async (ctx) => {
    const found = item(ctx);
    const pending = rt.state.sends.pendingFor(found.id, rt.clock.now());
    if (pending > 0) {
      throw new SandboxApiError(
        409,
        'audio_has_pending_sends',
        `This audio has ${pending} scheduled send(s) still pending; it can be deleted once they have played.`,
      );
    }
    await rt.state.audio.remove(found.id);
    return jsonReply(200, { deleted: true, id: found.id });
  });

  return {
    'GET /api/v1/integration/audio': list,
    'GET /api/audio': list,
    'POST /api/v1/integration/audio': upload,
    'POST /api/audio': upload,
    'GET /api/v1/integration/audio/:id': get,
    'GET /api/audio/:id': get,
    'DELETE /api/v1/integration/audio/:id': remove,
    'DELETE /api/:id': remove,
    // The `url` of an audio object: public like a CDN link, with byte ranges for previews.
    'GET /media/audio/:file': async (ctx) => {
      const id = /^(.+)\.mp3$/.exec(ctx.params.file ?? '')?.[1] ?? '';
      const found = rt.state.audio.get(id);
      if (!found) throw notFound('No such audio file.');
      const source: RangeSource =
        found.source.kind === 'seeded'
          ? await audioSource(rt.bank, found.source.audio)
          : fileSource(found.source.path, found.size);
      return rangeReply(ctx.req.headers.range, source);
    },
  };
}

function fileSource(path: string, size: number): RangeSource {
  return {
    size,
    contentType: 'audio/mpeg',
    open: (start, end) => createReadStream(path, { start, end }),
  };
}
