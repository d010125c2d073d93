// P10: a 10 MB MP3 through the app's Musique client (staged file → checked → streamed multipart
// with progress) against a bare multipart `fetch` of the same file to the same sandbox.
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from '../../src-preload/contract/define.ts';
import type { UploadProgress } from '../../src-preload/contract/schemas/musique.ts';
import type { CallName } from '../../src-preload/contract/types.ts';
import { generateMp3, startSandbox } from '../../src-main/sandbox/index.ts';
import { createServices } from '../../src-main/services/create-services.ts';
import { createNodeRuntime } from '../../src-main/services/runtime/node-runtime.ts';
import { median, round, timed } from '../support/stats.ts';
import type { BenchSuite } from '../support/types.ts';

const mb = 1024 * 1024;

export const uploadSuite: BenchSuite = {
  name: 'upload',
  title: 'P10: uploading a 10 MB MP3 to Musique',
  async run({ runs, log }) {
    // Limits high enough that the benchmark never waits on a rate window.
    const sandbox = await startSandbox({
      warmAudio: false,
      rateLimits: { perMinute: 100_000, perHour: 100_000, perDay: 100_000 },
    });
    const dir = await mkdtemp(join(tmpdir(), 'aislecast-bench-upload-'));
    const runtime = createNodeRuntime({ userDataDir: join(dir, 'profile'), logLevel: 'warn' });
    const services = createServices(runtime.config);
    try {
      await services.ready;
      const call = async <T>(name: CallName, args?: unknown): Promise<T> => {
        const outcome = await (
          services.router[name] as (a: unknown, c: { origin: string }) => Promise<Outcome<T>>
        )(args, { origin: 'bench' });
        if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
        return outcome.value;
      };
      services.settings.update({ musique: { baseUrl: sandbox.musique.v1BaseUrl, profile: 'v1' } });
      await call('musique.connect', { token: sandbox.credentials.musiqueApiToken });

      const bytes = await generateMp3({ seconds: 655, kbps: 128 });
      const file = join(dir, 'ten-megabytes.mp3');
      await writeFile(file, bytes);
      log(`file ${round(bytes.length / mb, 2)} MB`);

      const progress: UploadProgress[] = [];
      services.events.listen((name, payload) => {
        if (name === 'musique.uploadProgress') progress.push(payload as UploadProgress);
      });

      /** The renderer's part: the bytes to main in 1 MB chunks, then the content check. */
      const stage = async () => {
        const ticket = await call<{ accepted: boolean; uploadId: string; chunkBytes: number }>(
          'musique.uploadBegin',
          { fileName: 'ten-megabytes.mp3', size: bytes.length },
        );
        if (!ticket.accepted) throw new Error('the 10 MB file was refused by size');
        for (let offset = 0; offset < bytes.length; offset += ticket.chunkBytes) {
          const chunk = new Uint8Array(bytes.subarray(offset, offset + ticket.chunkBytes));
          await call('musique.uploadChunk', { uploadId: ticket.uploadId, offset, bytes: chunk });
        }
        const check = await call<{ ok: boolean }>('musique.uploadCheck', {
          uploadId: ticket.uploadId,
        });
        if (!check.ok) throw new Error('the 10 MB file failed its check');
        return ticket.uploadId;
      };
      const viaClient = async (uploadId: string) => {
        const result = await call<UploadProgress>('musique.uploadStart', {
          uploadId,
          name: 'Bench upload',
          description: '',
          category: 'other',
        });
        if (result.phase !== 'done') throw new Error(`client upload ended ${result.phase}`);
      };
      const bare = async () => {
        const form = new FormData();
        form.append('name', 'Bench upload (bare)');
        form.append('category', 'other');
        form.append('file', await openAsBlob(file, { type: 'audio/mpeg' }), 'ten-megabytes.mp3');
        const response = await fetch(`${sandbox.musique.v1BaseUrl}/audio`, {
          method: 'POST',
          headers: { 'x-api-key': sandbox.credentials.musiqueApiToken },
          body: form,
        });
        await response.json();
        if (response.status !== 201) throw new Error(`bare upload answered ${response.status}`);
      };

      // One warm-up of each, then alternate so both see the same machine state.
      await viaClient(await stage());
      await bare();
      const client: number[] = [];
      const baseline: number[] = [];
      const staging: number[] = [];
      const events: number[] = [];
      for (let i = 0; i < runs; i++) {
        const staged = await timed(stage);
        staging.push(staged.ms);
        const before = progress.length;
        client.push((await timed(() => viaClient(staged.value))).ms);
        const mine = progress.slice(before).filter((p) => p.uploadId === staged.value);
        events.push(mine.filter((p) => p.phase === 'uploading' && p.sentBytes > 0).length);
        baseline.push((await timed(bare)).ms);
      }
      const ratio = median(client) / median(baseline);
      log(
        `client ${client.map((v) => round(v)).join(', ')} ms; bare ${baseline.map((v) => round(v)).join(', ')} ms; staging ${staging.map((v) => round(v)).join(', ')} ms; progress events ${events.join(', ')}`,
      );
      return [
        {
          id: 'P10',
          metric: 'upload 10 MB through the client ÷ bare multipart fetch (medians)',
          value: round(ratio, 2),
          unit: 'ratio',
          target: '≤ 1.5×',
          pass: ratio <= 1.5,
        },
        {
          id: 'P10-events',
          metric: 'progress events during one 10 MB upload (median)',
          value: median(events),
          unit: 'count',
          target: 'progress throughout (≥ 10)',
          pass: median(events) >= 10,
        },
        {
          id: 'P10-client',
          metric: 'client upload time (median)',
          value: round(median(client)),
          unit: 'ms',
        },
        {
          id: 'P10-bare',
          metric: 'bare multipart fetch time (median)',
          value: round(median(baseline)),
          unit: 'ms',
        },
        {
          id: 'P10-staging',
          metric: 'handing 10 MB to main in 1 MB chunks + content check (median)',
          value: round(median(staging)),
          unit: 'ms',
        },
      ];
    } finally {
      await services.dispose();
      await runtime.close();
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};
