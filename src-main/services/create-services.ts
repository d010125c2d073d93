import type { AppInfo } from '../../src-preload/contract/schemas/app.ts';
import { appHandlers } from './app/app-handlers.ts';
import { connectionHandlers } from './connection/connection-handlers.ts';
import {
  createConnectionMonitor,
  type ConnectionMonitor,
} from './connection/connection-monitor.ts';
import { createEventBus, type EventBus } from './core/events.ts';
import { createRouter, type Handlers, type Router } from './core/router.ts';
import type { Logger } from './log/logger.ts';
import type { Redactor } from './log/redactor.ts';
import { createMediaRouter, type MediaRouter } from './media/media-router.ts';
import { settingsHandlers } from './settings/settings-handlers.ts';
import {
  createSettingsService,
  type SettingsService,
  type SettingsStore,
} from './settings/settings-service.ts';
import type { SecretBox } from './vault/secret-box.ts';
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
}

export interface Services {
  /** The router object of handlers: `{[call]: (args, ctx) => Promise<Outcome>}`. */
  router: Router;
  events: EventBus;
  media: MediaRouter;
  settings: SettingsService;
  vault: Vault;
  connection: ConnectionMonitor;
  dispose(): Promise<void>;
}

export function createServices(config: ServicesConfig): Services {
  const log = config.logger;
  const events = createEventBus();
  const settings = createSettingsService(config.settingsStore);
  const vault = createVault({
    box: config.secretBox,
    store: config.vaultStore,
    redactor: config.redactor,
    log: log.child({ service: 'vault' }),
  });
  const connection = createConnectionMonitor(events.emit);
  const media = createMediaRouter(log.child({ service: 'media' }));
  const disposers: Array<() => unknown> = [];

  disposers.push(settings.onChange((next) => events.emit('settings.changed', next)));

  const handlers: Handlers = {
    ...appHandlers(config.appInfo),
    ...settingsHandlers(settings),
    ...connectionHandlers(connection),
  };

  return {
    router: createRouter(handlers, log.child({ service: 'router' })),
    events,
    media,
    settings,
    vault,
    connection,
    async dispose() {
      for (const dispose of disposers.splice(0).reverse()) await dispose();
    },
  };
}
