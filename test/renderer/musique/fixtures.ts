import type {
  AudioItem,
  AnnouncementLibrarySnapshot,
  MusiqueAccount,
  QuotaSnapshot,
} from '../../../src-preload/contract/schemas/musique.ts';
import { useBroadcast } from '../../../src-renderer/features/broadcast/broadcast-store.ts';
import { useMusique } from '../../../src-renderer/features/musique/musique-store.ts';
import { useSettings } from '../../../src-renderer/features/settings/settings-store.ts';
import type { FakeHandlers } from '../support/fake-bridge.ts';
import { defaultSettings, keychainVault, shellHandlers } from '../support/fixtures.ts';

export const allPermissions = ['audio.read', 'audio.write', 'audio.delete', 'audio.send'];

export function account(overrides: Partial<MusiqueAccount> = {}): MusiqueAccount {
  return {
    status: 'connected',
    demo: false,
    tokenHint: 'msk_live_…cdef',
    environment: { name: 'live', kind: 'production' },
    externalId: 'hq_marketing',
    userId: 4348,
    permissions: allPermissions,
    testedAt: '2026-03-01T09:00:00.000Z',
    profile: 'v1',
    baseUrl: 'https://api.musique.app/api/v1/integration',
    ...overrides,
  };
}

export const noAccount = (): MusiqueAccount => ({
  status: 'none',
  demo: false,
  permissions: [],
  profile: 'v1',
  baseUrl: 'https://api.musique.app/api/v1/integration',
});

export function audio(id: string, overrides: Partial<AudioItem> = {}): AudioItem {
  return {
    id,
    name: `Item ${id}`,
    description: '',
    category: 'announcement',
    url: `https://cdn.example/${id}.mp3`,
    duration: 12,
    size: 190_000,
    format: 'mp3',
    createdAt: '2026-02-01T10:00:00.000Z',
    stats: { timesPlayed: 0, lastPlayedAt: null, totalRecipients: 0 },
    ...overrides,
  };
}

export const library = (
  items: AudioItem[],
  overrides: Partial<AnnouncementLibrarySnapshot> = {},
) => ({
  items,
  fetchedAt: '2026-03-01T09:00:00.000Z',
  stale: false,
  refreshing: false,
  ...overrides,
});

export const quota = (minute: number): QuotaSnapshot => ({
  windows: {
    minute: { limit: 100, remaining: minute, exact: true, resetAt: '2026-03-01T09:01:00.000Z' },
    hour: { limit: 1000, remaining: 900 + minute, exact: false },
  },
});

/** The shell's calls plus the vault status the settings page shows (OS keychain, all well). */
export function musiqueShell(overrides: FakeHandlers = {}): FakeHandlers {
  return shellHandlers({
    'vault.status': () => keychainVault,
    ...overrides,
  });
}

/** The calls the broadcaster makes on opening, answered for a connected account. */
export function broadcastHandlers(
  items: AudioItem[],
  overrides: FakeHandlers = {},
  who: MusiqueAccount = account(),
): FakeHandlers {
  return musiqueShell({
    'musique.account': () => who,
    'musique.library': () => library(items, { stale: true }),
    'musique.refreshLibrary': () => library(items),
    'musique.quota': () => quota(97),
    'musique.serviceStatus': () => ({
      info: { name: 'Musique Partner API', version: '1.4.2' },
      health: {
        status: 'healthy',
        components: [
          { name: 'database', status: 'healthy' },
          { name: 'storage', status: 'healthy' },
          { name: 'messaging', status: 'healthy' },
        ],
      },
      checkedAt: '2026-03-01T09:00:00.000Z',
    }),
    'musique.getAudio': (args) => items.find((i) => i.id === (args as { id: string }).id)!,
    ...overrides,
  });
}

/** Stores are module singletons: every test starts from their initial state. */
export function resetStores(): void {
  useMusique.setState(useMusique.getInitialState(), true);
  useBroadcast.setState(useBroadcast.getInitialState(), true);
  useSettings.setState({ settings: structuredClone(defaultSettings), error: undefined });
}
