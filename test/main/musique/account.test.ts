import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../support/sandbox.ts';
import { scriptedServer } from '../../support/http-server.ts';
import { createHarness, type Harness } from './harness.ts';

const sandbox = useSandbox();
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  h.useSandbox(sandbox());
});
afterAll(() => h?.close());
afterEach(async () => {
  if ((await h.call('musique.account')).status !== 'none') await h.call('musique.forget');
  h.useSandbox(sandbox());
});

const fresh = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
const musiqueRequests = () => sandbox().control.requests({ service: 'musique' }).length;

describe('pasting a token', () => {
  it('drops the whitespace and line breaks a paste brings along', async () => {
    const token = sandbox().credentials.musiqueApiToken;
    const pasted = `  ${token.slice(0, 12)}\n${token.slice(12)}\r\n\t`;
    const account = await h.call('musique.connect', { token: pasted });
    expect(account).toMatchObject({ status: 'connected', externalId: 'hq_demo' });
  });

  it('refuses a malformed token at the field without sending anything', async () => {
    const before = musiqueRequests();
    const error = await h.fail('musique.connect', { token: 'not a token at all' });
    expect(error).toMatchObject({ code: 'token_malformed', details: { field: 'token' } });
    expect(error.action).toMatch(/nothing was sent/i);
    const empty = await h.fail('musique.connect', { token: ' \n ' });
    expect(empty.code).toBe('token_empty');
    expect(musiqueRequests()).toBe(before);
  });

  it('says when the token was revoked', async () => {
    const issued = sandbox().control.issueMusiqueToken({ externalId: fresh('rev') });
    sandbox().control.revokeToken(issued.token);
    const error = await h.fail('musique.connect', { token: issued.token });
    expect(error).toMatchObject({
      code: 'token_revoked',
      status: 401,
      details: { field: 'token' },
    });
    expect(error.message).toMatch(/revoked/);
    expect(error.action).toMatch(/Generate a new token/);
    expect(error.requestId).toMatch(/\S/);
  });

  it('says when the token is for another environment', async () => {
    const hash = sandbox().credentials.musiqueApiToken.split('_')[2]!;
    const error = await h.fail('musique.connect', { token: `demo_prod_${hash}` });
    expect(error.code).toBe('token_wrong_environment');
    expect(error.message).toMatch(/different Musique environment/);
    expect(error.action).toMatch(/base URL/);
  });

  it('says when the X-API-Key header does not reach Musique', async () => {
    // A proxy that strips the header, as some corporate proxies do.
    const target = new URL(sandbox().musique.origin);
    const proxy = createServer((req, res) => {
      const headers = { ...req.headers };
      delete headers['x-api-key'];
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      h.context.settings.update({
        musique: { baseUrl: `http://127.0.0.1:${port}/api/v1/integration` },
      });
      const error = await h.fail('musique.connect', {
        token: sandbox().credentials.musiqueApiToken,
      });
      expect(error.code).toBe('token_missing_header');
      expect(error.action).toMatch(/proxy or firewall/);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('accepts a token of an unknown environment and shows it as such', async () => {
    const server = await scriptedServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ valid: true, externalId: 'x1', userId: 7, permissions: ['audio.read'] }),
      );
    });
    try {
      h.context.settings.update({ musique: { baseUrl: `${server.url}/api/v1/integration` } });
      const account = await h.call('musique.connect', { token: 'msk_qa_0123456789abcdef' });
      expect(account.environment).toEqual({ name: 'qa', kind: 'unknown' });
      expect(account.permissions).toEqual(['audio.read']);
    } finally {
      await h.call('musique.forget');
      await server.close();
    }
  });
});

describe('generating a token', () => {
  it('generates, saves and tests a token for a new External ID', async () => {
    const externalId = fresh('hq');
    const account = await h.call('musique.generateToken', {
      externalId: ` ${externalId} `,
      companyToken: `${sandbox().credentials.musiqueCompanyToken}\n`,
    });
    expect(account).toMatchObject({
      status: 'connected',
      externalId,
      environment: { name: 'test', kind: 'development' },
    });
    expect(account.permissions).toContain('audio.write');
    expect(account.userId).toEqual(expect.any(Number));
  });

  it('says the External ID is in use, at that field', async () => {
    const error = await h.fail('musique.generateToken', {
      externalId: sandbox().credentials.musiqueExternalId,
      companyToken: sandbox().credentials.musiqueCompanyToken,
    });
    expect(error).toMatchObject({
      code: 'external_id_in_use',
      status: 409,
      details: { field: 'externalId' },
    });
    expect(error.action).toMatch(/another External ID/);
  });

  it('says the company token is wrong, at that field', async () => {
    const error = await h.fail('musique.generateToken', {
      externalId: fresh('hq'),
      companyToken: 'comp_wrongwrongwrong',
    });
    expect(error).toMatchObject({
      code: 'invalid_company_token',
      details: { field: 'companyToken' },
    });
    expect(error.message).toMatch(/company token/);
  });

  it('checks the fields before asking Musique', async () => {
    const before = musiqueRequests();
    expect(
      (await h.fail('musique.generateToken', { externalId: '  ', companyToken: 'comp_x' })).details,
    ).toEqual({ field: 'externalId' });
    expect(
      (await h.fail('musique.generateToken', { externalId: 'a b', companyToken: 'comp_x' })).code,
    ).toBe('external_id_invalid');
    expect(
      (await h.fail('musique.generateToken', { externalId: 'ok_id', companyToken: ' ' })).details,
    ).toEqual({ field: 'companyToken' });
    expect(musiqueRequests()).toBe(before);
  });
});

describe('a connected token', () => {
  it('shows missing permissions after a test and refuses those actions without a request', async () => {
    const issued = sandbox().control.issueMusiqueToken({ externalId: fresh('ro') });
    await h.call('musique.connect', { token: issued.token });
    sandbox().control.setTokenPermissions(issued.token, ['audio.read']);
    // Before a new test the app still believes it may delete: Musique says no, by name.
    const refused = await h.fail('musique.deleteAudio', { id: 'aud_whatever' });
    expect(refused).toMatchObject({ code: 'insufficient_permissions', status: 403 });
    expect(refused.message).toMatch(/audio\.delete/);
    const account = await h.call('musique.testToken');
    expect(account.permissions).toEqual(['audio.read']);
    const before = musiqueRequests();
    const local = await h.fail('musique.uploadBegin', { fileName: 'a.mp3', size: 10 });
    expect(local.code).toBe('missing_permission');
    expect(local.message).toMatch(/audio\.write/);
    expect(musiqueRequests()).toBe(before);
  });

  it('notices a token revoked elsewhere and shows it signed out', async () => {
    const issued = sandbox().control.issueMusiqueToken({ externalId: fresh('gone') });
    await h.call('musique.connect', { token: issued.token });
    sandbox().control.revokeToken(issued.token);
    const account = await h.call('musique.testToken');
    expect(account.status).toBe('rejected');
    expect(account.error?.code).toBe('token_revoked');
    expect(h.context.connection.status().musique.state).toBe('signed-out');
  });

  it('revokes the token at Musique, then forgets it here', async () => {
    const issued = sandbox().control.issueMusiqueToken({ externalId: fresh('bye') });
    await h.call('musique.connect', { token: issued.token });
    await h.call('musique.refreshLibrary');
    const account = await h.call('musique.revokeToken');
    expect(account.status).toBe('none');
    expect(await h.context.vault.has('musique.apiToken')).toBe(false);
    const probe = await fetch(`${sandbox().musique.v1BaseUrl}/audio`, {
      headers: { 'x-api-key': issued.token },
    });
    expect(probe.status).toBe(401);
    expect(h.context.connection.status().musique.state).toBe('not-configured');
  });

  it('keeps the token in the vault across a restart', async () => {
    await h.connect(sandbox());
    const again = await createHarness({ userDataDir: h.dir });
    try {
      const account = await again.call('musique.account');
      expect(account).toMatchObject({ status: 'connected', externalId: 'hq_demo' });
      expect(account.permissions).toHaveLength(4);
    } finally {
      await again.close();
    }
  });
});

describe('demo credentials', () => {
  it('connect in memory only and give way to the saved account afterwards', async () => {
    const account = await h.feature.useTemporaryCredentials({
      apiToken: sandbox().credentials.musiqueApiToken,
      baseUrl: sandbox().musique.v1BaseUrl,
    });
    expect(account).toMatchObject({ status: 'connected', demo: true, externalId: 'hq_demo' });
    expect(await h.context.vault.has('musique.apiToken')).toBe(false);
    expect(h.context.connection.status().musique).toMatchObject({ demo: true });
    expect((await h.fail('musique.connect', { token: 'demo_test_abcdef' })).code).toBe(
      'demo_active',
    );
    const after = await h.feature.clearTemporaryCredentials();
    expect(after).toMatchObject({ status: 'none', demo: false });
  });
});
