import type { SandboxHandle } from '../../support/sandbox.ts';
import { connectDemo } from '../library/support/library.ts';
import { startHarness, type Harness, type HarnessOptions } from '../queye/support/harness.ts';
import type {
  StreamFeature,
  StreamFeatureOptions,
} from '../../../src-main/services/stream/stream-feature.ts';

export interface StreamRig {
  harness: Harness;
  stream: StreamFeature;
  /** `media://track/<id>` through the media router, as Electron's protocol handler calls it. */
  media(id: string | number, range?: string, method?: string): Promise<Response>;
  close(): Promise<void>;
}

/** The Queye session signed in to `sandbox`, with the stream feature on its hand-driven clock. */
export async function startStreamRig(
  sandbox: SandboxHandle,
  options: { harness?: HarnessOptions; stream?: StreamFeatureOptions } = {},
): Promise<StreamRig> {
  const harness = await startHarness({
    library: false,
    ...options.harness,
    stream: { ...options.harness?.stream, ...options.stream },
  });
  await connectDemo(harness, sandbox);
  const stream = harness.stream;
  return {
    harness,
    stream,
    media: (id, range, method = 'GET') =>
      harness.context.media.handle(
        new Request(`media://track/${id}`, { method, headers: range ? { range } : {} }),
      ),
    close: () => harness.close(),
  };
}

export interface SandboxTrack {
  id: number;
  duration: number;
  format: string;
  size: number;
}

export const sandboxTracks = (sandbox: SandboxHandle) =>
  sandbox.control.tracks() as unknown as SandboxTrack[];

export const tokenRequests = (sandbox: SandboxHandle) =>
  sandbox.control.requests({ service: 'queye', pathPrefix: '/v1/stream/token' });

export const streamRequests = (sandbox: SandboxHandle, trackId: number) =>
  sandbox.control.requests({ service: 'queye', pathPrefix: `/v1/stream/${trackId}` });

/** Bytes `start..end` of a track straight from the sandbox, with a token of its own. */
export async function directBytes(
  sandbox: SandboxHandle,
  trackId: number,
  start: number,
  end: number,
): Promise<Buffer> {
  const { token } = await issueStreamToken(sandbox, trackId);
  const response = await fetch(`${sandbox.queye.baseUrl}/stream/${trackId}?st=${token}`, {
    headers: { range: `bytes=${start}-${end}` },
  });
  return Buffer.from(await response.arrayBuffer());
}

export async function issueStreamToken(sandbox: SandboxHandle, trackId: number) {
  const access = sandbox.control.issueQueyeTokens().accessToken;
  const response = await fetch(`${sandbox.queye.baseUrl}/stream/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-queye-client-key': sandbox.credentials.queyeClientKey,
      authorization: `Bearer ${access}`,
    },
    body: JSON.stringify({ track_id: trackId }),
  });
  const body = (await response.json()) as { stream_token: string };
  return { token: body.stream_token };
}
