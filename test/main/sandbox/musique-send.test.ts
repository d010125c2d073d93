import { describe, expect, it } from 'vitest';
import { fetchJson, musiqueHeaders, useSandbox } from '../../support/sandbox.ts';

type ErrorBody = { error: { code: string; message: string; type: string; unknown?: string[] } };
type SendAnswer = {
  sendId: string;
  audioId: string;
  destinations: Array<{ externalId: string; userId: number; status: string }>;
  scheduled: boolean;
  scheduleAt: string | null;
  status: string;
};

const sandbox = useSandbox({ seed: 11 });
const ids = (count: number, from = 0) =>
  sandbox()
    .stores.slice(from, from + count)
    .map((store) => store.externalId);

async function audioId(): Promise<string> {
  const { body } = await fetchJson<{ items: Array<{ id: string }> }>(
    `${sandbox().musique.v1BaseUrl}/audio`,
    {
      headers: musiqueHeaders(sandbox()),
    },
  );
  return body.items[0]!.id;
}

async function send(json: unknown, id?: string, legacy = false) {
  const target = id ?? (await audioId());
  const url = legacy
    ? `${sandbox().musique.origin}/api/${target}/send`
    : `${sandbox().musique.v1BaseUrl}/audio/${target}/send`;
  return fetchJson<SendAnswer & ErrorBody>(url, { headers: musiqueHeaders(sandbox()), json });
}

describe('send validation', () => {
  it('refuses each bad field with 400 invalid_request and a message that says why', async () => {
    const now = sandbox().control.now();
    const past = new Date(now - 60_000).toISOString();
    const one = ids(1);
    const cases: Array<[Record<string, unknown>, string | RegExp]> = [
      [{}, 'externalIds is required: a non-empty array of External IDs.'],
      [{ externalIds: 'store_0001' }, 'externalIds must be an array of External ID strings.'],
      [{ externalIds: [] }, 'externalIds must not be empty: name at least one External ID.'],
      [
        { externalIds: Array.from({ length: 501 }, (_, i) => `s${i}`) },
        'externalIds may hold at most 500 IDs per request (got 501); send in chunks.',
      ],
      [{ externalIds: [7] }, 'externalIds[0] must be a non-empty string (got 7).'],
      [{ externalIds: ['a', ''] }, 'externalIds[1] must be a non-empty string (got "").'],
      [{ externalIds: [one[0], one[0]] }, `externalIds lists "${one[0]!}" more than once.`],
      [
        { externalIds: one, scheduleAt: 1767225600 },
        'scheduleAt must be an ISO-8601 date-time string.',
      ],
      [
        { externalIds: one, scheduleAt: 'tomorrow 9am' },
        'scheduleAt must be an ISO-8601 date-time with a time zone, e.g. 2026-05-01T09:30:00Z (got "tomorrow 9am").',
      ],
      [
        { externalIds: one, scheduleAt: '2099-05-01T09:30:00' },
        /^scheduleAt must be an ISO-8601 date-time with a time zone/,
      ],
      [
        { externalIds: one, scheduleAt: '2099-02-30T09:30:00Z' },
        /^scheduleAt must be an ISO-8601 date-time with a time zone/,
      ],
      [
        { externalIds: one, scheduleAt: past },
        /^scheduleAt is in the past: .* is before the server time /,
      ],
      [
        { externalIds: one, priority: 'asap' },
        'priority must be one of low, normal, high, urgent (got "asap").',
      ],
      [{ externalIds: one, repeat: 11 }, 'repeat must be an integer from 1 to 10 (got 11).'],
      [{ externalIds: one, repeat: 0 }, 'repeat must be an integer from 1 to 10 (got 0).'],
      [{ externalIds: one, repeat: 1.5 }, 'repeat must be an integer from 1 to 10 (got 1.5).'],
      [{ externalIds: one, repeat: '2' }, 'repeat must be an integer from 1 to 10 (got "2").'],
      [{ externalIds: one, volume: -1 }, 'volume must be an integer from 0 to 100 (got -1).'],
      [{ externalIds: one, volume: 101 }, 'volume must be an integer from 0 to 100 (got 101).'],
    ];
    for (const [json, message] of cases) {
      const { status, body } = await send(json);
      expect({ json, status, code: body.error?.code, type: body.error?.type }).toEqual({
        json,
        status: 400,
        code: 'invalid_request',
        type: 'invalid_request_error',
      });
      if (typeof message === 'string') expect(body.error.message).toBe(message);
      else expect(body.error.message).toMatch(message);
    }
    expect(sandbox().control.ledger()).toEqual([]);
  });

  it('refuses a non-JSON body and an unknown audio', async () => {
    const target = `${sandbox().musique.v1BaseUrl}/audio/${await audioId()}/send`;
    const text = await fetchJson<ErrorBody>(target, {
      method: 'POST',
      headers: { ...musiqueHeaders(sandbox()), 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.body.error.message).toBe('Content-Type must be application/json.');
    const broken = await fetchJson<ErrorBody>(target, {
      method: 'POST',
      headers: { ...musiqueHeaders(sandbox()), 'content-type': 'application/json' },
      body: '{"externalIds": [',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^The request body is not valid JSON/);
    const missing = await send({ externalIds: ids(1) }, 'aud_missing');
    expect(missing).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found', message: 'Audio aud_missing not found.' } },
    });
  });

  it('fails atomically with 422 listing every unknown External ID', async () => {
    const known = ids(3);
    const { status, body } = await send({
      externalIds: [known[0], 'store_nope', known[1], 'ghost', known[2]],
    });
    expect(status).toBe(422);
    expect(body).toEqual({
      error: {
        code: 'unknown_external_ids',
        message: '2 External ID(s) are unknown; nothing was sent.',
        type: 'invalid_request_error',
        unknown: ['store_nope', 'ghost'],
      },
    });
    expect(sandbox().control.ledger()).toEqual([]);
  });
});

describe('sending', () => {
  it('sends now to up to 500 stores and records every pair in the ledger', async () => {
    const id = await audioId();
    const before = (
      await fetchJson<{ stats: { timesPlayed: number; totalRecipients: number } }>(
        `${sandbox().musique.v1BaseUrl}/audio/${id}`,
        { headers: musiqueHeaders(sandbox()) },
      )
    ).body.stats;
    const targets = ids(500, 100);
    const { status, body } = await send(
      { externalIds: targets, priority: 'urgent', repeat: 2, volume: 70 },
      id,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ audioId: id, scheduled: false, scheduleAt: null, status: 'sent' });
    expect(body.destinations).toHaveLength(500);
    expect(body.destinations[0]).toEqual({
      externalId: targets[0],
      userId: sandbox().stores[100]!.userId,
      status: 'sent',
    });
    const ledger = sandbox()
      .control.ledger()
      .filter((entry) => entry.sendId === body.sendId);
    expect(ledger.map((entry) => entry.externalId)).toEqual(targets);
    expect(ledger[0]).toMatchObject({
      audioId: id,
      priority: 'urgent',
      repeat: 2,
      volume: 70,
      delivered: true,
      scheduled: false,
      senderExternalId: 'hq_demo',
    });
    const after = (
      await fetchJson<{
        stats: { timesPlayed: number; totalRecipients: number; lastPlayedAt: string };
      }>(`${sandbox().musique.v1BaseUrl}/audio/${id}`, { headers: musiqueHeaders(sandbox()) })
    ).body.stats;
    expect(after.timesPlayed - before.timesPlayed).toBe(1000);
    expect(after.totalRecipients - before.totalRecipients).toBe(500);
  });

  it('schedules on the sandbox clock: due sends become delivered and reach the stats', async () => {
    const id = await audioId();
    const at = new Date(sandbox().control.now() + 2 * 3_600_000)
      .toISOString()
      .replace('Z', '+00:00');
    const { body } = await send({ externalIds: ids(3, 900), scheduleAt: at }, id, true);
    expect(body).toMatchObject({
      scheduled: true,
      status: 'scheduled',
      scheduleAt: new Date(at).toISOString(),
    });
    expect(body.destinations.every((destination) => destination.status === 'scheduled')).toBe(true);
    const stats = async () =>
      (
        await fetchJson<{ stats: { totalRecipients: number } }>(
          `${sandbox().musique.v1BaseUrl}/audio/${id}`,
          { headers: musiqueHeaders(sandbox()) },
        )
      ).body.stats.totalRecipients;
    const before = await stats();
    const pending = () =>
      sandbox()
        .control.ledger()
        .filter((entry) => entry.sendId === body.sendId);
    expect(
      pending().every(
        (entry) => !entry.delivered && entry.deliveredAt === new Date(at).toISOString(),
      ),
    ).toBe(true);
    sandbox().control.advance(2 * 3_600_000 - 1000);
    expect(pending().some((entry) => entry.delivered)).toBe(false);
    expect(await stats()).toBe(before);
    sandbox().control.advance(1000);
    expect(pending().every((entry) => entry.delivered)).toBe(true);
    expect(await stats()).toBe(before + 3);
  });

  it('lets a test prove no store got the same audio twice', async () => {
    const id = await audioId();
    const [a, b, c] = ids(3, 1000);
    await send({ externalIds: [a, b] }, id);
    expect(
      sandbox()
        .control.ledgerDuplicates()
        .filter((dup) => dup.audioId === id && [a, b, c].includes(dup.externalId)),
    ).toEqual([]);
    const again = await send({ externalIds: [b, c] }, id);
    const duplicates = sandbox()
      .control.ledgerDuplicates()
      .filter((dup) => dup.audioId === id && [a, b, c].includes(dup.externalId));
    expect(duplicates).toEqual([
      { audioId: id, externalId: b, sendIds: [expect.any(String) as unknown, again.body.sendId] },
    ]);
  });
});
