import { describe, expect, it } from 'vitest';
import { checkSendBody, readSendReceipt } from '../../../src-main/services/musique/send.ts';
import { UpstreamError } from '../../../src-main/services/http/upstream-error.ts';
import { useSandbox } from '../../support/sandbox.ts';
import { musiqueStack } from './support.ts';

const sandbox = useSandbox({ stores: 50 });

async function firstAudio(): Promise<string> {
  const { api } = musiqueStack(sandbox());
  const page = await api.listPage(1);
  const id = page.items[0]?.id;
  if (!id) throw new Error('the sandbox has no audio');
  return id;
}

describe('send client', () => {
  it.each(['v1', 'legacy'] as const)(
    'sends with every option under the %s profile and keeps the request ID',
    async (profile) => {
      const audioId = await firstAudio();
      const { api } = musiqueStack(sandbox(), { profile });
      const at = new Date(sandbox().control.now() + 3_600_000);
      at.setUTCMilliseconds(0);
      const receipt = await api.send(audioId, {
        externalIds: ['store_0001', 'store_0002'],
        scheduleAt: at.toISOString(),
        priority: 'high',
        repeat: 3,
        volume: 40,
      });
      expect(receipt.sendId).toMatch(/^snd_/);
      expect(receipt.requestId).toMatch(/^req_/);
      expect(receipt.status).toBe('scheduled');
      expect(receipt.scheduled).toBe(true);
      expect(receipt.destinations.map((d) => d.externalId)).toEqual(['store_0001', 'store_0002']);
      const ledger = sandbox()
        .control.ledger()
        .filter((entry) => entry.sendId === receipt.sendId);
      expect(ledger).toHaveLength(2);
      expect(ledger[0]).toMatchObject({ priority: 'high', repeat: 3, volume: 40, scheduled: true });
      const path =
        profile === 'v1' ? `/api/v1/integration/audio/${audioId}/send` : `/api/${audioId}/send`;
      expect(sandbox().control.requests({ pathPrefix: path }).at(-1)?.requestId).toBe(
        receipt.requestId,
      );
    },
  );

  it('reads an enveloped answer as a bare one', async () => {
    const audioId = await firstAudio();
    const { api } = musiqueStack(sandbox());
    sandbox().control.setEnvelope(true);
    try {
      const receipt = await api.send(audioId, { externalIds: ['store_0003'] });
      expect(receipt).toMatchObject({ status: 'sent', scheduled: false });
      expect(receipt.sendId).toMatch(/^snd_/);
    } finally {
      sandbox().control.setEnvelope(false);
    }
    expect(
      readSendReceipt({ data: { sendId: 's1', status: 'sent', destinations: [] } }),
    ).toMatchObject({
      sendId: 's1',
    });
  });

  it('is never repeated on a 5xx, and the failure carries the request ID', async () => {
    const audioId = await firstAudio();
    const { api } = musiqueStack(sandbox());
    sandbox().control.clearRequests();
    sandbox().control.addFault({
      kind: 'status',
      status: 502,
      method: 'POST',
      path: '/api/v1/integration/audio/*/send',
      times: 1,
    });
    const error = await api.send(audioId, { externalIds: ['store_0004'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).info.requestId).toMatch(/^req_/);
    expect(sandbox().control.requests({ pathPrefix: '/api/v1/integration/audio' })).toHaveLength(1);
    sandbox().control.clearFaults();
  });

  it('refuses bad options before any request', () => {
    const bad = [
      { externalIds: [] },
      { externalIds: ['a', 'a'] },
      { externalIds: Array.from({ length: 501 }, (_, i) => `s${i}`) },
      { externalIds: ['a'], repeat: 0 },
      { externalIds: ['a'], repeat: 11 },
      { externalIds: ['a'], volume: 101 },
      { externalIds: ['a'], volume: 2.5 },
      { externalIds: ['a'], scheduleAt: '2026-12-05T14:00:00+01:00' },
      { externalIds: ['a'], priority: 'loud' as never },
    ];
    for (const body of bad)
      expect(() => checkSendBody(body), JSON.stringify(body).slice(0, 60)).toThrow();
    expect(() =>
      checkSendBody({
        externalIds: ['a'],
        repeat: 10,
        volume: 0,
        priority: 'urgent',
        scheduleAt: '2026-12-05T14:00:00Z',
      }),
    ).not.toThrow();
  });
});
