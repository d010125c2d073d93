import { describe, expect, it, vi } from 'vitest';
import {
  createStreamTokenCache,
  type IssuedStream,
} from '../../../src-main/services/stream/stream-token-cache.ts';

function setup(options: { expiresIn?: number; capacity?: number } = {}) {
  let now = 1_000_000;
  let serial = 0;
  const pending: Array<{ resolve: (value: IssuedStream) => void; reject: (e: Error) => void }> = [];
  const issue = vi.fn(
    (trackId: number) =>
      new Promise<IssuedStream>((resolve, reject) => {
        pending.push({ resolve, reject });
        void trackId;
      }),
  );
  const cache = createStreamTokenCache({
    issue,
    now: () => now,
    capacity: options.capacity,
  });
  const answer = (index = 0) =>
    pending
      .splice(index, 1)[0]!
      .resolve({ url: `https://x/stream?st=t${++serial}`, expiresIn: options.expiresIn ?? 300 });
  return {
    cache,
    issue,
    answer,
    fail: () => pending.shift()!.reject(new Error('boom')),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('the per-track stream token cache', () => {
  it('shares one request between concurrent asks for a track', async () => {
    const { cache, issue, answer } = setup();
    const first = cache.get(1);
    const second = cache.get(1);
    expect(issue).toHaveBeenCalledTimes(1);
    answer();
    expect(await first).toBe(await second);
  });

  it('keeps a token until 30 s before its expiry, then renews it', async () => {
    const { cache, issue, answer, advance } = setup();
    const pending = cache.get(1);
    answer();
    const grant = await pending;
    advance(269_000);
    expect(await cache.get(1)).toBe(grant);
    advance(1_000);
    const renewed = cache.get(1);
    expect(issue).toHaveBeenCalledTimes(2);
    answer();
    expect((await renewed).url).not.toBe(grant.url);
  });

  it('renews a short-lived token at four fifths of its life', async () => {
    const { cache, issue, answer, advance } = setup({ expiresIn: 10 });
    const pending = cache.get(1);
    answer();
    await pending;
    advance(7_999);
    void cache.get(1);
    expect(issue).toHaveBeenCalledTimes(1);
    advance(1);
    void cache.get(1);
    expect(issue).toHaveBeenCalledTimes(2);
  });

  it('drops a refused token only if it is still the cached one', async () => {
    const { cache, issue, answer } = setup();
    const pending = cache.get(1);
    answer();
    const old = await pending;
    cache.invalidate(1, old);
    const next = cache.get(1);
    answer();
    const fresh = await next;
    cache.invalidate(1, old);
    expect(await cache.get(1)).toBe(fresh);
    expect(issue).toHaveBeenCalledTimes(2);
  });

  it('does not cache a failure', async () => {
    const { cache, issue, fail, answer } = setup();
    const failed = cache.get(1);
    fail();
    await expect(failed).rejects.toThrow('boom');
    const retried = cache.get(1);
    answer();
    await expect(retried).resolves.toMatchObject({ url: expect.any(String) as unknown });
    expect(issue).toHaveBeenCalledTimes(2);
  });

  it('forgets answers still in flight when cleared', async () => {
    const { cache, issue, answer } = setup();
    const before = cache.get(1);
    cache.clear();
    answer();
    await before;
    const after = cache.get(1);
    expect(issue).toHaveBeenCalledTimes(2);
    answer();
    await after;
  });

  it('remembers a bounded number of tracks, least recently used first out', async () => {
    const { cache, issue, answer } = setup({ capacity: 2 });
    for (const id of [1, 2]) {
      const pending = cache.get(id);
      answer();
      await pending;
    }
    await cache.get(1);
    const third = cache.get(3);
    answer();
    await third;
    expect(issue).toHaveBeenCalledTimes(3);
    await cache.get(1);
    expect(issue).toHaveBeenCalledTimes(3);
    void cache.get(2);
    expect(issue).toHaveBeenCalledTimes(4);
  });
});
