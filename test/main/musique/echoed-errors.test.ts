import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../support/sandbox.ts';
import { createHarness, type Harness } from './harness.ts';

/**
 * Issue 10 item 3: Musique's error text can echo the token it refuses. The account keeps the
 * refusal to show it for as long as the account is on screen; what it keeps must already be
 * scrubbed, so no later view, event or reply can carry the token.
 */
const sandbox = useSandbox();
let echoing = false;
const echo: typeof fetch = async (input, init) => {
  const url = input instanceof Request ? input.url : input.toString();
  if (echoing && url.endsWith('/api/integration/test')) {
    const key = new Headers(init?.headers).get('x-api-key') ?? '';
    return new Response(
      JSON.stringify({
        error: { code: 'INVALID_TOKEN', message: `Token ${key} belongs to another environment` },
      }),
      { status: 401, headers: { 'content-type': 'application/json' } },
    );
  }
  return fetch(input, init);
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ fetch: echo });
  h.useSandbox(sandbox());
});
afterAll(() => h?.close());

describe('a Musique refusal that echoes the token', () => {
  it('is kept scrubbed: the account view built in main never holds the token', async () => {
    const token = sandbox().credentials.musiqueApiToken;
    echoing = true;
    // Straight from the feature, not through the router or the event bus that scrub again.
    const view = await h.feature.useTemporaryCredentials({
      apiToken: token,
      baseUrl: sandbox().musique.v1BaseUrl,
    });
    expect(view.status).toBe('rejected');
    expect(view.error?.message).toContain('[redacted]');
    expect(JSON.stringify(view)).not.toContain(token);
    await h.feature.clearTemporaryCredentials();
  });

  it('a refused paste answers without the token, and no event carries it', async () => {
    const token = sandbox().control.issueMusiqueToken({ externalId: 'echo_probe' }).token;
    echoing = true;
    const error = await h.fail('musique.connect', { token });
    expect(JSON.stringify(error)).not.toContain(token);
    expect(h.wire.join('\n')).not.toContain(token);
    expect(h.logs.join('\n')).not.toContain(token);
    echoing = false;
  });
});
