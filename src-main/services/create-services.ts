import type { AppInfo } from '../../src-preload/contract/schemas/app.ts';
import type { SandboxOptions } from '../sandbox/index.ts';
import { appHandlers } from './app/app-handlers.ts';
import { connectionHandlers } from './connection/connection-handlers.ts';
import {
  createConnectionMonitor,
  type ConnectionMonitor,
} from './connection/connection-monitor.ts';
import { createEventBus, type EventBus } from './core/events.ts';
import { createBroadcastFeature, type StoreDirectoryPort } from './broadcast/broadcast-feature.ts';
import { createDemoFeature } from './demo/demo-feature.ts';
import { createDamagedFiles, type DamagedFiles } from './files/damaged-files.ts';
import type { AnyFeature, FeatureContext } from './core/feature.ts';
import { registerFeatures } from './core/register-features.ts';
import { createRouter, type Router } from './core/router.ts';
import type { Logger } from './log/logger.ts';
import type { Redactor } from './log/redactor.ts';
import {
  createLibraryFeature,
  type LibraryFeature,
  type LibraryFeatureOptions,
} from './library/library-feature.ts';
import { createMediaRouter, type MediaRouter } from './media/media-router.ts';
import {
  createMusiqueFeature,
  type MusiqueFeature,
  type MusiqueFeatureOptions,
} from './musique/musique-feature.ts';
import { settingsHandlers } from './settings/settings-handlers.ts';
import {
  createSettingsService,
  type SettingsService,
  type SettingsStore,
} from './settings/settings-service.ts';
import {
  createQueyeFeature,
  type QueyeFeature,
  type QueyeFeatureOptions,
} from './queye/queye-feature.ts';
import { createPlayerFeature } from './player/player-feature.ts';
import {
  createStreamFeature,
  type StreamFeature,
  type StreamFeatureOptions,
} from './stream/stream-feature.ts';
import {
  createStoresFeature,
  demoStoreRecords,
  type StoresFeature,
} from './stores/stores-feature.ts';
import type { SecretBox } from './vault/secret-box.ts';
import { vaultHandlers } from './vault/vault-handlers.ts';
import { createVault, type CipherStore, type Vault } from './vault/vault.ts';

/** Everything main's services need from their host (the Electron shell or the browser host). */
export interface ServicesConfig {
  appInfo: AppInfo;
  settingsStore: SettingsStore;
  vaultStore: CipherStore;
  secretBox: SecretBox;
  /** Folder for caches and durable queues. */
  dataDir: string;
  logger: Logger;
  redactor: Redactor;
  /** Electron passes `net.fetch` (system proxy and certificates); Node uses global fetch. */
  fetch?: typeof fetch;
  /** Overrides for the in-process demo sandbox (tests and benchmarks). */
  demoSandbox?: SandboxOptions;
  /**
   * Damaged files found before the services existed (the host opens the settings and vault
   * files first) are reported here; created by the services when the host has none.
   */
  damagedFiles?: DamagedFiles;
  /**
   * Where the broadcast outbox finds each store's time zone. The app's store directory unless a
   * test puts another in its place.
   */
  storeDirectory?: StoreDirectoryPort;
  /**
   * Handed to the feature factories: hand-driven clocks, short retries, sync off. Tests and
   * benchmarks only; the app runs every feature on its defaults.
   */
  featureOptions?: FeatureOptions;
}

export interface FeatureOptions {
  queye?: QueyeFeatureOptions;
  library?: LibraryFeatureOptions;
  stream?: StreamFeatureOptions;
  musique?: MusiqueFeatureOptions;
}

export interface Services {
  /** The router object of handlers: `{[call]: (args, ctx) => Promise<Outcome>}`. */
  router: Router;
  events: EventBus;
  media: MediaRouter;
  settings: SettingsService;
  vault: Vault;
  connection: ConnectionMonitor;
  damagedFiles: DamagedFiles;
  /** The store directory (the send engine resolves External IDs through `stores.lookup`). */
  stores: StoresFeature;
  /** Resolves once every feature's start-up work (cache loads, resumes) has run. */
  ready: Promise<void>;
  /** What the features were built from, and the features whose state tests look into. */
  context: FeatureContext;
  features: {
    queye: QueyeFeature;
    library: LibraryFeature;
    stream: StreamFeature;
    musique: MusiqueFeature;
  };
  dispose(): Promise<void>;
}

export function createServices(config: ServicesConfig): Services {
  const log = config.logger;
  const events = createEventBus(config.redactor);
  const settings = createSettingsService(config.settingsStore);
  const vault = createVault({
    box: config.secretBox,
    store: config.vaultStore,
    redactor: config.redactor,
    log: log.child({ service: 'vault' }),
  });
  const damagedFiles =
    config.damagedFiles ??
    createDamagedFiles({ dataDir: config.dataDir, log: log.child({ service: 'files' }) });
  const connection = createConnectionMonitor(events.emit);
  const media = createMediaRouter(log.child({ service: 'media' }));
  const context: FeatureContext = {
    log,
    events,
    settings,
    vault,
    redactor: config.redactor,
    connection,
    media,
    damagedFiles,
    dataDir: config.dataDir,
    fetch: config.fetch ?? ((input, init) => fetch(input, init)),
  };

  // Each feature contributes the handlers for its calls; `features` below is the one list.
  const app = { handlers: appHandlers(config.appInfo, damagedFiles) };
  const settingsFeature = { handlers: settingsHandlers(context.settings) };
  const connectionFeature = { handlers: connectionHandlers(context.connection) };
  const vaultFeature = { handlers: vaultHandlers(context) };
  const tuning = config.featureOptions ?? {};
  const queye = createQueyeFeature(context, tuning.queye);
  const library = createLibraryFeature(context, queye.connection, tuning.library);
  const stream = createStreamFeature(context, queye.connection, tuning.stream);
  const player = createPlayerFeature(context, queye.connection);
  const musique = createMusiqueFeature(context, tuning.musique);
  const stores = createStoresFeature(context);
  // The directory's record carries the time zone, the test-store mark and the opening hours.
  const storeDirectory: StoreDirectoryPort = config.storeDirectory ?? {
    find: (externalId) => stores.lookup.get(externalId),
  };
  const broadcast = createBroadcastFeature(context, musique.sending, storeDirectory);
  const demo = createDemoFeature(context, {
    participants: [
      {
        name: 'queye',
        enter: async (sandbox) => {
          await queye.useTemporaryCredentials({
            clientKey: sandbox.credentials.queyeClientKey,
            userKey: sandbox.credentials.queyeUserKey,
            baseUrl: sandbox.queye.baseUrl,
          });
        },
        leave: async () => {
          await queye.clearTemporaryCredentials();
        },
      },
      {
        name: 'musique',
        enter: async (sandbox) => {
          // The demo's Musique runs on the sandbox's clock (which the demo can move forward).
          musique.followClock(() => sandbox.control.now());
          await musique.useTemporaryCredentials({
            apiToken: sandbox.credentials.musiqueApiToken,
            baseUrl: sandbox.musique.v1BaseUrl,
          });
        },
        leave: async () => {
          musique.followClock(undefined);
          await musique.clearTemporaryCredentials();
        },
      },
      {
        name: 'stores',
        enter: (sandbox) => {
          stores.enterDemo(demoStoreRecords(sandbox.stores));
          return Promise.resolve();
        },
        leave: () => {
          stores.leaveDemo();
          return Promise.resolve();
        },
      },
    ],
    sandboxOptions: config.demoSandbox,
  });

  // In start-up order (disposed in reverse); the demo last, so the services it points at the
  // sandbox exist before it starts.
  const features = [
    app,
    settingsFeature,
    connectionFeature,
    vaultFeature,
    queye,
    library,
    stream,
    player,
    musique,
    stores,
    broadcast,
    demo,
  ] as const;
  const handlers = registerFeatures(features);
  const lifecycle: readonly AnyFeature[] = features;

  const disposers: Array<() => unknown> = [
    settings.onChange((next) => events.emit('settings.changed', next)),
    damagedFiles.onChange((notices) => events.emit('app.damagedFilesChanged', notices)),
  ];
  const ready = (async () => {
    for (const feature of lifecycle) {
      try {
        await feature.start?.();
      } catch (error) {
        log.error({ err: error }, 'a feature failed to start');
      }
    }
  })();

  return {
    router: createRouter(handlers, log.child({ service: 'router' }), config.redactor),
    events,
    media,
    settings,
    vault,
    connection,
    damagedFiles,
    stores,
    ready,
    context,
    features: { queye, library, stream, musique },
    async dispose() {
      await ready;
      for (const feature of [...lifecycle].reverse()) {
        await feature.dispose?.();
      }
      for (const dispose of disposers.splice(0).reverse()) await dispose();
    },
  };
}
