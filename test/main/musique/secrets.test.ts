import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mp3Fixture, useSandbox } from '../../support/sandbox.ts';
import { createHarness, type Harness } from './harness.ts';
import { stageFile } from './upload-helpers.ts';

/** Every file under `dir`, as text. */
async function allFiles(dir: string): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, text: await readFile(path, 'utf8') });
  }
  return out;
}

describe('R1: Musique secrets stay in main', () => {
  const sandbox = useSandbox();
  let h: Harness;
  let generated = '';
  beforeAll(async () => {
    h = await createHarness();
    h.useSandbox(sandbox(), 'legacy');
    const sb = sandbox();
    // A paste with a line break, a wrong company token, then a real generation.
    await h.call('musique.connect', { token: `${sb.credentials.musiqueApiToken}\n` });
    await h.call('musique.refreshLibrary');
    await h.call('musique.serviceStatus');
    await h.call('musique.usageLog', { limit: 5 });
    const mp3 = await mp3Fixture({ seconds: 4, seed: 9 });
    const uploadId = await stageFile(h, 'secret-test.mp3', mp3.bytes);
    await h.call('musique.uploadCheck', { uploadId });
    await h.call('musique.uploadStart', {
      uploadId,
      name: 'R1',
      description: '',
      category: 'other',
    });
    await h.call('musique.forget');
    await h.fail('musique.generateToken', {
      externalId: 'r1_probe',
      companyToken: 'comp_notTheRealOneAtAll',
    });
    await h.call('musique.generateToken', {
      externalId: 'r1_store',
      companyToken: sb.credentials.musiqueCompanyToken,
    });
    generated = (await h.context.vault.get('musique.apiToken')) ?? '';
    await h.call('musique.testToken');
    await h.call('musique.refreshLibrary');
    await h.context.media
      .handle(
        new Request(`media://audio/${(await h.call('musique.library')).items[0]!.id}`, {
          headers: { range: 'bytes=0-99' },
        }),
      )
      .then((r) => r.arrayBuffer());
    // A token Musique refuses, so error paths are logged too.
    sb.control.revokeToken(generated);
    await h.call('musique.testToken');
  });
  afterAll(() => h?.close());

  const secrets = () => {
    const { credentials } = sandbox();
    return {
      apiToken: credentials.musiqueApiToken,
      companyToken: credentials.musiqueCompanyToken,
      wrongCompanyToken: 'comp_notTheRealOneAtAll',
      generated,
    };
  };

  it('generated a token to look for', () => {
    expect(generated).toMatch(/^demo_test_/);
  });

  it('never puts them in a call result or an event', () => {
    expect(h.wire.length).toBeGreaterThan(20);
    for (const [name, secret] of Object.entries(secrets())) {
      const leak = h.wire.find((payload) => payload.includes(secret));
      expect(leak, `${name} crossed the bridge`).toBeUndefined();
    }
  });

  it('never writes them to a log line', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    for (const [name, secret] of Object.entries(secrets())) {
      expect(
        h.logs.find((line) => line.includes(secret)),
        `${name} was logged`,
      ).toBeUndefined();
    }
  });

  it('never writes them in plaintext to any file, settings included', async () => {
    const files = await allFiles(h.dir);
    expect(files.some((f) => f.path.endsWith('settings.json'))).toBe(true);
    for (const [name, secret] of Object.entries(secrets())) {
      const leak = files.find((file) => file.text.includes(secret));
      expect(leak?.path, `${name} is in a file`).toBeUndefined();
    }
  });
});
