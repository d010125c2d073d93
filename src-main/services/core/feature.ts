import type { CallName, Namespace } from '../../../src-preload/contract/types.ts';
import type { ConnectionMonitor } from '../connection/connection-monitor.ts';
import type { DamagedFiles } from '../files/damaged-files.ts';
import type { Logger } from '../log/logger.ts';
import type { Redactor } from '../log/redactor.ts';
import type { MediaRouter } from '../media/media-router.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { Vault } from '../vault/vault.ts';
import type { EventBus } from './events.ts';
import type { Handlers } from './router.ts';

/** What every feature of main receives: the shared services, never Electron. */
export interface FeatureContext {
  log: Logger;
  events: EventBus;
  settings: SettingsService;
  vault: Vault;
  redactor: Redactor;
  connection: ConnectionMonitor;
  media: MediaRouter;
  /** Where a feature hands a data file it cannot use (moved aside, logged, the user told). */
  damagedFiles: DamagedFiles;
  /** Folder for caches and durable queues (the app's userData). */
  dataDir: string;
  fetch: typeof fetch;
}

/** A feature contributes handlers for its calls and may run work after start-up. */
export interface Feature<K extends CallName> {
  handlers: Pick<Handlers, K>;
  /** Runs once every feature exists (load caches, resume queues); must not throw. */
  start?(): Promise<void> | void;
  dispose?(): Promise<void> | void;
}

/** The calls of one contract namespace (`CallsOf<'stores'>`): names come from the contract. */
export type CallsOf<N extends Namespace> = Extract<CallName, `${N}.${string}`>;

/** The handlers of one namespace, as a handlers file returns them. */
export type HandlersOf<N extends Namespace> = Pick<Handlers, CallsOf<N>>;

/** Any feature, whatever calls it handles: what `registerFeatures` and start-up take. */
export interface AnyFeature {
  handlers: Partial<Handlers>;
  start?(): Promise<void> | void;
  dispose?(): Promise<void> | void;
}
