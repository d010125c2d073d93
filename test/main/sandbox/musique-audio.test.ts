import { describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../support/sandbox.ts';
import {
  fetchJson,
  mp3Fixture,
  musiqueHeaders,
  useSandbox,
  wavFixture,
} from '../../support/sandbox.ts';

type Audio = Record<string, unknown> & {
  id: string;
  size: number;
  url: string;
  stats: Record<string, unknown>;
};
type ErrorBody = { error: { code: string; message: string; type: string } };

const sandbox = useSandbox();
const v1 = () => sandbox().musique.v1BaseUrl;

function form(parts: Array<[string, Buffer | string, string?]>): FormData {
  const data = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, new Blob([new Uint8Array(value)]), filename);
  }
  return data;
}

async function upload(
  sb: SandboxHandle,
  body: FormData | Buffer,
  url = `${sb.musique.v1BaseUrl}/audio`,
  headers: Record<string, string> = {},
) {
  return fetchJson<Audio & ErrorBody>(url, {
    method: 'POST',
    headers: { ...musiqueHeaders(sb), ...headers },
    body: body instanceof FormData ? body : new Uint8Array(body),
  });
}

/** A multipart body streamed without Content-Length, so the server cannot judge it up front. */
function chunkedMultipart(
  file: Buffer,
  filename: string,
): { body: ReadableStream<Uint8Array>; type: string } {
  const boundary = 'sandboxtestboundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: audio/mpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const parts = [
    head,
    ...Array.from({ length: Math.ceil(file.length / 65536) }, (_, i) =>
      file.subarray(i * 65536, (i + 1) * 65536),
    ),
    tail,
  ];
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    body: new ReadableStream({
      pull(controller) {
        const next = parts.shift();
        if (next) controller.enqueue(new Uint8Array(next));
        else controller.close();
      },
    }),
  };
}

describe('audio list and get', () => {
  it('lists the seeded announcements newest first with paging on both profiles', async () => {
    const page = await fetchJson<{
      items: Audio[];
      page: number;
      limit: number;
      total: number;
      hasMore: boolean;
    }>(`${v1()}/audio?page=1&limit=3`, {
      headers: musiqueHeaders(sandbox()),
    });
    expect(page.body).toMatchObject({ page: 1, limit: 3, total: 4, hasMore: true });
    const created = page.body.items.map((item) => Date.parse(item.createdAt as string));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const legacy = await fetchJson<{ items: Audio[]; hasMore: boolean }>(
      `${sandbox().musique.origin}/api/audio?page=2&limit=3`,
      {
        headers: musiqueHeaders(sandbox()),
      },
    );
    expect(legacy.body.items).toHaveLength(1);
    expect(legacy.body.hasMore).toBe(false);
    for (const query of ['limit=101', 'limit=0', 'page=0', 'page=x']) {
      const { status, body } = await fetchJson<ErrorBody>(`${v1()}/audio?${query}`, {
        headers: musiqueHeaders(sandbox()),
      });
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_request');
    }
  });

  it('serves seeded audio as real MP3 at its url', async () => {
    const [item] = (
      await fetchJson<{ items: Audio[] }>(`${v1()}/audio`, { headers: musiqueHeaders(sandbox()) })
    ).body.items;
    const response = await fetch(item!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect((await response.arrayBuffer()).byteLength).toBe(item!.size);
  });
});

describe('upload', () => {
  it('stores an MP3 and serves it back byte for byte, with ranges', async () => {
    const mp3 = await mp3Fixture({ seconds: 6, seed: 4 });
    const created = await upload(
      sandbox(),
      form([
        ['file', mp3.bytes, 'promo.mp3'],
        ['name', 'Promo'],
        ['description', 'Two for one'],
        ['category', 'promotion'],
      ]),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Promo',
      description: 'Two for one',
      category: 'promotion',
      size: mp3.bytes.length,
      format: 'mp3',
    });
    expect(created.body.duration as number).toBeCloseTo(6, 1);
    const fetched = await fetchJson<Audio>(
      `${sandbox().musique.origin}/api/audio/${created.body.id}`,
      { headers: musiqueHeaders(sandbox()) },
    );
    expect(fetched.body).toEqual(created.body);
    const whole = Buffer.from(await (await fetch(created.body.url)).arrayBuffer());
    expect(whole.equals(mp3.bytes)).toBe(true);
    const part = await fetch(created.body.url, { headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(mp3.bytes.subarray(10, 20))).toBe(true);
  });

  it('accepts an MP3 behind an ID3v2 tag and names it after the file when no name is given', async () => {
    const mp3 = await mp3Fixture({ seconds: 2, seed: 5 });
    const tag = Buffer.alloc(10 + 600);
    tag.write('ID3', 0, 'ascii');
    tag[3] = 4;
    tag[9] = 600 & 0x7f;
    tag[8] = 600 >> 7;
    const created = await upload(
      sandbox(),
      form([['file', Buffer.concat([tag, mp3.bytes]), 'Tagged Jingle.mp3']]),
    );
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Tagged Jingle');
    expect(created.body.category).toBe('announcement');
  });

  it('refuses non-MP3 content whatever the file is called (415)', async () => {
    const wav = await wavFixture({ seconds: 1, seed: 2 });
    const cases: Array<[Buffer, string]> = [
      [wav.bytes, 'jingle.mp3'],
      [Buffer.from('This is not audio at all, just text.\n'.repeat(50)), 'notes.mp3'],
      [
        Buffer.concat([
          Buffer.from('ID3'),
          Buffer.alloc(7),
          Buffer.from('plain text after a tag '.repeat(20)),
        ]),
        'fake.mp3',
      ],
    ];
    for (const [bytes, name] of cases) {
      const { status, body } = await upload(sandbox(), form([['file', bytes, name]]));
      expect({ name, status, body }).toEqual({
        name,
        status: 415,
        body: {
          error: {
            code: 'unsupported_format',
            message:
              'Only MP3 audio is accepted; this file is not MP3 (checked by its content, not its name).',
            type: 'invalid_request_error',
          },
        },
      });
    }
  });

  it('refuses a file over 10 MB (413), whether its length is declared or streamed, and takes one just under', async () => {
    const big = await mp3Fixture({ seconds: 700, seed: 6, kbps: 128 });
    expect(big.bytes.length).toBeGreaterThan(10 * 1024 * 1024);
    const expected = {
      code: 'file_too_large',
      message: 'The file is larger than the 10 MB limit (10485760 bytes).',
      type: 'invalid_request_error',
    };
    const declared = await upload(sandbox(), form([['file', big.bytes, 'big.mp3']]));
    expect({ status: declared.status, body: declared.body }).toEqual({
      status: 413,
      body: { error: expected },
    });
    const streamed = chunkedMultipart(big.bytes, 'big.mp3');
    const chunked = await fetchJson(`${v1()}/audio`, {
      method: 'POST',
      headers: { ...musiqueHeaders(sandbox()), 'content-type': streamed.type },
      body: streamed.body,
      duplex: 'half',
    } as RequestInit);
    expect({ status: chunked.status, body: chunked.body }).toEqual({
      status: 413,
      body: { error: expected },
    });
    const fits = await mp3Fixture({ seconds: 655, seed: 6, kbps: 128 });
    expect(fits.bytes.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    expect((await upload(sandbox(), form([['file', fits.bytes, 'fits.mp3']]))).status).toBe(201);
    expect(
      sandbox()
        .control.requests({ service: 'musique' })
        .filter((entry) => entry.status >= 500),
    ).toEqual([]);
  });

  it('refuses malformed requests with 400', async () => {
    const mp3 = await mp3Fixture({ seconds: 2, seed: 5 });
    const cases: Array<[FormData | Buffer, Record<string, string>, string]> = [
      [
        form([['name', 'No file here']]),
        {},
        'Missing file: upload the MP3 in a multipart field named "file".',
      ],
      [
        form([['audio', mp3.bytes, 'a.mp3']]),
        {},
        'Missing file: upload the MP3 in a multipart field named "file".',
      ],
      [form([['file', Buffer.alloc(0), 'empty.mp3']]), {}, 'The uploaded file is empty.'],
      [
        form([
          ['file', mp3.bytes, 'a.mp3'],
          ['file', mp3.bytes, 'b.mp3'],
        ]),
        {},
        'Send exactly one file, in the field named "file".',
      ],
      [
        form([
          ['file', mp3.bytes, 'a.mp3'],
          ['category', 'Big Promo!'],
        ]),
        {},
        'category must be a short lower-case word such as announcement, promotion or emergency.',
      ],
      [
        mp3.bytes,
        { 'content-type': 'audio/mpeg' },
        'Upload the audio as multipart/form-data, in a field named "file".',
      ],
      [
        Buffer.from('--x\r\ngarbage'),
        { 'content-type': 'multipart/form-data; boundary=x' },
        'Malformed multipart body: Unexpected end of form.',
      ],
    ];
    for (const [body, headers, message] of cases) {
      const response = await upload(sandbox(), body, undefined, headers);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 400,
        body: { error: { code: 'invalid_request', message, type: 'invalid_request_error' } },
      });
    }
  });

  it('answers 503 while storage is down', async () => {
    const mp3 = await mp3Fixture({ seconds: 2, seed: 5 });
    sandbox().control.setHealth({ storage: 'down' });
    try {
      expect((await upload(sandbox(), form([['file', mp3.bytes, 'a.mp3']]))).status).toBe(503);
    } finally {
      sandbox().control.setHealth({ storage: 'healthy' });
    }
  });
});

describe('delete', () => {
  it('deletes on both profiles, and refuses while scheduled sends are pending', async () => {
    const mp3 = await mp3Fixture({ seconds: 2, seed: 5 });
    const a = (await upload(sandbox(), form([['file', mp3.bytes, 'a.mp3']]))).body;
    const deleted = await fetchJson(`${v1()}/audio/${a.id}`, {
      method: 'DELETE',
      headers: musiqueHeaders(sandbox()),
    });
    expect(deleted.body).toEqual({ deleted: true, id: a.id });
    expect(
      (await fetchJson(`${v1()}/audio/${a.id}`, { headers: musiqueHeaders(sandbox()) })).status,
    ).toBe(404);
    expect((await fetch(a.url)).status).toBe(404);

    const b = (await upload(sandbox(), form([['file', mp3.bytes, 'b.mp3']]))).body;
    const at = new Date(sandbox().control.now() + 3_600_000).toISOString();
    await fetchJson(`${v1()}/audio/${b.id}/send`, {
      headers: musiqueHeaders(sandbox()),
      json: { externalIds: [sandbox().stores[1]!.externalId], scheduleAt: at },
    });
    const legacyDelete = `${sandbox().musique.origin}/api/${b.id}`;
    const refused = await fetchJson(legacyDelete, {
      method: 'DELETE',
      headers: musiqueHeaders(sandbox()),
    });
    expect(refused).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'audio_has_pending_sends',
          message:
            'This audio has 1 scheduled send(s) still pending; it can be deleted once they have played.',
          type: 'conflict_error',
        },
      },
    });
    sandbox().control.advance(3_600_000);
    expect(
      (await fetchJson(legacyDelete, { method: 'DELETE', headers: musiqueHeaders(sandbox()) }))
        .status,
    ).toBe(200);
  });
});
