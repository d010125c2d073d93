import type { LibraryStatus } from '../../../src-preload/contract/schemas/library.ts';
import type { ConnectionStatus } from '../../../src-preload/contract/schemas/connection.ts';
import type { PublicSettings } from '../../../src-preload/contract/schemas/settings.ts';
import type { VaultStatus } from '../../../src-preload/contract/schemas/vault.ts';
import type { FakeHandlers } from './fake-bridge.ts';

/** Settings of a returning user (the first-run welcome has been answered). */
export const defaultSettings: PublicSettings = {
  app: { mode: 'accounts' },
  ui: { theme: 'system' },
  queye: { baseUrl: 'https://api.queyemusic.com/v1' },
  musique: { baseUrl: 'https://api.musique.app/api/v1/integration', profile: 'v1' },
  player: { volume: 0.8, muted: false },
  broadcast: { historyDays: 365 },
};

export const notConfigured: ConnectionStatus = {
  queye: { state: 'not-configured', demo: false },
  musique: { state: 'not-configured', demo: false },
};

/** The library status of an app with no Queye account. */
export const noLibrary: LibraryStatus = {
  state: 'none',
  revision: 0,
  demo: false,
  trackCount: 0,
  synced: false,
  resumable: false,
};

/** The vault on an OS keychain, nothing lost: what a settings page sees when all is well. */
export const keychainVault: VaultStatus = {
  protection: 'os',
  storage: 'encrypted',
  weakStorageAllowed: false,
  dropped: [],
};

/** What the shell calls on start-up, answered with neutral values. */
export function shellHandlers(overrides: FakeHandlers = {}): FakeHandlers {
  let settings = structuredClone(defaultSettings);
  return {
    'settings.get': () => settings,
    'settings.set': (patch) => {
      const p = patch as Partial<PublicSettings>;
      settings = {
        ...settings,
        ...Object.fromEntries(
          Object.entries(p).map(([k, v]) => [k, { ...settings[k as keyof PublicSettings], ...v }]),
        ),
      };
      return settings;
    },
    'connection.status': () => notConfigured,
    'demo.status': () => ({ active: false, busy: false }),
    'library.status': () => noLibrary,
    'library.snapshot': () => null,
    'app.damagedFiles': () => [],
    'player.loadQueue': () => null,
    'broadcast.jobs': () => [],
    'connection.check': () => notConfigured,
    'app.info': () => ({
      name: 'Aislecast',
      version: '9.9.9',
      runtime: 'browser-host' as const,
      platform: 'linux',
      versions: { node: '22' },
    }),
    ...overrides,
  };
}
