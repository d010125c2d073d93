import { act, render, screen } from '@testing-library/react';
import type {
  BroadcastJob,
  BroadcastPlan,
  BroadcastRequestArgs,
} from '../../../../src-preload/contract/schemas/broadcast.ts';
import type {
  MusiqueAccount,
  MusiqueServiceStatus,
} from '../../../../src-preload/contract/schemas/musique.ts';
import type { StoreRecord } from '../../../../src-preload/contract/schemas/stores.ts';
import { BroadcastScreen } from '../../../../src-renderer/features/broadcast/BroadcastScreen.tsx';
import { useBroadcast } from '../../../../src-renderer/features/broadcast/broadcast-store.ts';
import { useComposer } from '../../../../src-renderer/features/broadcast/composer/composer-store.ts';
import { useStores } from '../../../../src-renderer/features/stores/stores-store.ts';
import { installFakeBridge, type FakeHandlers } from '../../support/fake-bridge.ts';
import { sampleStores, storesBridge } from '../../support/stores-bridge.ts';
import { account, audio, broadcastHandlers, resetStores } from '../../musique/fixtures.ts';

// The stores tests' sample directory, with a store in Tokyo between Brazil and Portugal.
export const directoryStores: StoreRecord[] = [
  ...sampleStores.slice(0, 2),
  {
    externalId: 'jp_001',
    name: 'Aisle Shibuya',
    region: 'Tokyo',
    tags: ['express'],
    timeZone: 'Asia/Tokyo',
    testStore: false,
  },
  ...sampleStores.slice(2),
];

export const items = [audio('a1', { name: 'Opening hours' }), audio('a2', { name: 'Lunch deal' })];

export interface PlanScript {
  /** Zones whose local time has passed (local schedules). */
  passed?: BroadcastPlan['passed'];
  outsideHours?: BroadcastPlan['outsideHours'];
}

const zoneOf = (id: string) => directoryStores.find((s) => s.externalId === id)?.timeZone ?? '';

/** A plan as main answers it: one group per zone for local times, `ifPassed` applied. */
export function planFor(args: BroadcastRequestArgs, script: PlanScript = {}): BroadcastPlan {
  const passed = args.schedule.kind === 'local' ? (script.passed ?? []) : [];
  const ifPassed = args.schedule.kind === 'local' ? args.schedule.ifPassed : undefined;
  const passedZones = new Map(passed.map((p) => [p.timeZone, p]));
  const byZone = new Map<string, number>();
  for (const id of args.externalIds) byZone.set(zoneOf(id), (byZone.get(zoneOf(id)) ?? 0) + 1);
  let skipped = 0;
  const groups: BroadcastPlan['groups'] = [];
  if (args.schedule.kind !== 'local') {
    groups.push({
      stores: args.externalIds.length,
      requests: 1,
      ...(args.schedule.kind === 'at' ? { scheduleAt: args.schedule.at } : {}),
    });
  } else {
    for (const [timeZone, stores] of byZone) {
      const gone = passedZones.get(timeZone);
      if (gone && ifPassed === 'skip') {
        skipped += stores;
        continue;
      }
      groups.push({
        timeZone,
        stores,
        requests: 1,
        scheduleAt: gone ? gone.scheduleAt : '2030-01-01T12:00:00.000Z',
        ...(gone && ifPassed ? { moved: ifPassed as 'now' | 'nextDay' } : {}),
      });
    }
  }
  const stores = args.externalIds.length - skipped;
  return {
    stores,
    requests: groups.length,
    groups,
    timeZones: byZone.size,
    testStores: args.externalIds.filter(
      (id) => directoryStores.find((s) => s.externalId === id)?.testStore,
    ).length,
    passed,
    skipped,
    outsideHours: script.outsideHours ?? { count: 0, stores: [] },
    forecast: {
      requests: groups.length,
      startsAt: 0,
      finishesAt: 0,
      withoutWaiting: groups.length,
      summary: `${groups.length} requests; starts now; done in under a minute`,
    },
  };
}

export function jobFor(args: BroadcastRequestArgs, id = 'job_1'): BroadcastJob {
  return {
    id,
    audioId: args.audioId,
    createdAt: '2026-12-05T00:00:00.000Z',
    updatedAt: '2026-12-05T00:00:00.000Z',
    schedule: args.schedule,
    options: args.options,
    sender: { externalId: 'hq_marketing', environment: 'live', host: 'api.musique.app' },
    chunkSize: 100,
    requests: 1,
    phase: 'running',
    counts: {
      total: args.externalIds.length,
      pending: args.externalIds.length,
      inFlight: 0,
      sent: 0,
      failed: 0,
      unknown: 0,
      cancelled: 0,
    },
    unknown: [],
    ...(args.test ? { test: true } : {}),
  };
}

export const healthyService = (
  messaging: 'healthy' | 'degraded' = 'healthy',
): MusiqueServiceStatus => ({
  info: { name: 'Musique Partner API', version: '1.4.2' },
  health: {
    status: messaging === 'healthy' ? 'healthy' : 'degraded',
    components: [
      { name: 'database', status: 'healthy' },
      { name: 'messaging', status: messaging },
    ],
  },
  checkedAt: '2026-03-01T09:00:00.000Z',
});

export interface Options {
  stores?: StoreRecord[];
  who?: MusiqueAccount;
  plan?: PlanScript;
  /** A job, or a failed outcome (`{ ok: false, error }`). */
  start?: (args: BroadcastRequestArgs) => unknown;
  overrides?: FakeHandlers;
}

export const development = () =>
  account({ environment: { name: 'dev', kind: 'development' }, tokenHint: 'msk_dev_…cdef' });

/** Mounts the broadcaster on the composer over a fake bridge; returns the bridge's call log. */
export async function openComposer(options: Options = {}) {
  resetStores();
  useComposer.setState(useComposer.getInitialState(), true);
  useStores.setState({ snapshot: undefined, view: [] });
  const directory = storesBridge(options.stores ?? directoryStores);
  const bridge = installFakeBridge(
    broadcastHandlers(
      items,
      {
        ...directory.handlers,
        'musique.serviceStatus': () => healthyService(),
        'broadcast.plan': (args) => planFor(args as BroadcastRequestArgs, options.plan),
        'broadcast.start': (args) =>
          (options.start ?? ((a: BroadcastRequestArgs) => jobFor(a)))(
            args as BroadcastRequestArgs,
          ) as never,
        ...options.overrides,
      },
      options.who ?? account(),
    ),
  );
  useBroadcast.setState({ tab: 'compose' });
  render(<BroadcastScreen />);
  await screen.findByRole('heading', { name: 'What to send' });
  await act(() => useStores.getState().load());
  return bridge;
}

export const callsOf = (bridge: { calls: Array<{ name: string; args: unknown }> }, name: string) =>
  bridge.calls.filter((c) => c.name === name).map((c) => c.args as BroadcastRequestArgs);
