import { describe, expect, it } from 'vitest';
import { parseStreamAnswer } from '../../../src-main/services/stream/stream-grant.ts';

const base = 'https://api.queyemusic.com/v1';

describe('reading POST /stream/token tolerantly', () => {
  it('uses the stream_url and expires_in given', () => {
    expect(
      parseStreamAnswer(
        { stream_url: `${base}/stream/12?st=abc`, stream_token: 'abc', expires_in: 120 },
        12,
        base,
      ),
    ).toEqual({ url: `${base}/stream/12?st=abc`, expiresIn: 120 });
  });

  it('builds /stream/{id}?st= from a bare token, defaulting to 300 s', () => {
    expect(parseStreamAnswer({ stream_token: 'a b&c' }, 7, `${base}/`)).toEqual({
      url: `${base}/stream/7?st=a+b%26c`,
      expiresIn: 300,
    });
    expect(parseStreamAnswer({ streamToken: 'xyz', expiresIn: '60' }, 7, base).url).toBe(
      `${base}/stream/7?st=xyz`,
    );
  });

  it('accepts camelCase and relative URLs', () => {
    expect(parseStreamAnswer({ streamUrl: '/v1/stream/9?st=q' }, 9, base).url).toBe(
      'https://api.queyemusic.com/v1/stream/9?st=q',
    );
  });

  it('refuses a URL that would send the token over plain http to another machine', () => {
    expect(() =>
      parseStreamAnswer({ stream_url: 'http://cdn.example.com/s/1?st=abc' }, 1, base),
    ).toThrow(/could not read/);
    expect(
      parseStreamAnswer({ stream_url: 'http://127.0.0.1:9000/v1/stream/1?st=abc' }, 1, base).url,
    ).toBe('http://127.0.0.1:9000/v1/stream/1?st=abc');
  });

  it('refuses an answer with neither URL nor token', () => {
    for (const body of [{}, null, 'text', { stream_url: '' }, { expires_in: 300 }]) {
      expect(() => parseStreamAnswer(body, 1, base)).toThrow(/could not read/);
    }
  });
});
