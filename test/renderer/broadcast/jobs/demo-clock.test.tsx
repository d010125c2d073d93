import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoStatus } from '../../../../src-preload/contract/schemas/demo.ts';
import { DemoClockOffer } from '../../../../src-renderer/features/broadcast/jobs/DemoClockOffer.tsx';
import { useDemo } from '../../../../src-renderer/features/demo/demo-store.ts';
import { formatDate } from '../../../../src-renderer/lib/format.ts';
import { installFakeBridge } from '../../support/fake-bridge.ts';
import { job, resetAll, row } from './fixtures.ts';

const hour = 3_600_000;

beforeEach(() => {
  resetAll();
  useDemo.setState({ status: { active: false, busy: false } });
});

const at = (ms: number) => formatDate(new Date(ms).toISOString(), true);

describe('the demo clock', () => {
  it('is not shown outside the demo', () => {
    installFakeBridge({});
    render(<DemoClockOffer job={job({ schedule: { kind: 'at', at: '2030-01-01T00:00:00Z' } })} />);
    expect(screen.queryByTestId('demo-clock')).toBeNull();
  });

  it('moves the sandbox clock to the next scheduled play, and shows the clock', async () => {
    const clock = Date.now() + 5 * hour;
    const playsAt = clock + 2 * hour;
    const asked: unknown[] = [];
    installFakeBridge({
      'demo.advanceClock': (args) => {
        asked.push(args);
        return { active: true, busy: false, clock: playsAt + 1000 } satisfies DemoStatus;
      },
    });
    useDemo.setState({ status: { active: true, busy: false, clock } });
    render(
      <DemoClockOffer
        job={job({ schedule: { kind: 'at', at: new Date(playsAt).toISOString() } })}
      />,
    );
    expect(screen.getByText(`Demo clock: ${at(clock)}`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: `Move the demo clock to ${at(playsAt)}` }));
    await waitFor(() => expect(asked).toEqual([{ byMs: 2 * hour + 1000 }]));
    // Once there, nothing scheduled is left to play.
    await waitFor(() => expect(screen.queryByRole('button')).toBeNull());
    expect(screen.getByText(`Demo clock: ${at(playsAt + 1000)}`)).toBeTruthy();
  });

  it("finds a local-time job's next play from its stores' zones", async () => {
    const clock = Date.parse('2030-03-12T10:00:00Z');
    installFakeBridge({
      'stores.list': () => ({
        revision: 1,
        demo: true,
        stores: [
          {
            externalId: 'pt_1',
            name: 'Lisboa',
            region: '',
            tags: [],
            timeZone: 'Europe/Lisbon',
            testStore: false,
          },
          {
            externalId: 'us_1',
            name: 'Queens',
            region: '',
            tags: [],
            timeZone: 'America/New_York',
            testStore: false,
          },
        ],
        groups: [],
        summary: { stores: 2, regions: 0, timeZones: 2, testStores: 0 },
      }),
      'broadcast.rows': () => ({ rows: [row('pt_1'), row('us_1')], total: 2 }),
    });
    useDemo.setState({ status: { active: true, busy: false, clock } });
    render(
      <DemoClockOffer job={job({ schedule: { kind: 'local', localTime: '2030-03-12T09:00' } })} />,
    );
    // 09:00 has passed in Lisbon; in New York (EDT) it is 13:00 UTC.
    const playsAt = Date.parse('2030-03-12T13:00:00Z');
    expect(
      await screen.findByRole('button', { name: `Move the demo clock to ${at(playsAt)}` }),
    ).toBeTruthy();
  });
});
