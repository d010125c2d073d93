import { join } from 'node:path';
import { z } from 'zod';
import type { Options } from 'conf';
import { StoredSettings, settingsDefaults } from './schema.ts';
import type { StoreFileSpec } from './store-file.ts';

/** `settings.json` in the user-data folder (conf's `configName`, electron-store's `name`). */
export const settingsFileName = 'settings';

export type SettingsMigration = NonNullable<Options<StoredSettings>['migrations']>[string];

/**
 * Versioned migrations, keyed by the app version that introduced the change (conf runs every
 * migration newer than the version recorded in the file, in order). Add an entry whenever a
 * release reshapes a stored key; never edit one that has shipped.
 */
export const settingsMigrations: Record<string, SettingsMigration> = {};

const jsonSchema = z.toJSONSchema(StoredSettings, { io: 'input' }) as {
  properties: Record<string, unknown>;
};

/**
 * The one description of the settings file, shared by electron-store in the app and plain
 * `conf` in the browser host and tests: same schema, same defaults, same migrations.
 */
export function settingsStoreOptions(
  projectVersion: string,
  migrations: Record<string, SettingsMigration> = settingsMigrations,
): Options<StoredSettings> {
  return {
    configName: settingsFileName,
    defaults: settingsDefaults,
    schema: jsonSchema.properties,
    migrations,
    projectVersion,
    configFileMode: 0o600,
    // Never wiped silently: `settingsFile` sets a damaged file aside and tells the user.
    clearInvalidConfig: false,
  };
}

/** What each part of the settings file means to the user, for the notice after a reset. */
const sectionWords: Record<keyof StoredSettings, string> = {
  app: 'the choice between the demo and your accounts',
  ui: 'the theme',
  queye: 'the Queye Music address',
  musique: 'the Musique address and profile',
  player: 'the volume',
  broadcast: 'how long broadcast history is kept',
  window: 'the window size and position',
};

/** The services whose saved sign-in is tied to the address kept in the settings. */
export const addressedServices = ['queye', 'musique'] as const;
export type AddressedService = (typeof addressedServices)[number];
const serviceNames: Record<AddressedService, string> = {
  queye: 'Queye Music',
  musique: 'Musique',
};

/** Which services lose their address when these sections (or the whole file) are reset. */
export function servicesReset(reset: string[] | 'all'): AddressedService[] {
  return addressedServices.filter((service) => reset === 'all' || reset.includes(service));
}

/**
 * The settings file as `openStoreFile` checks it: each section stands or falls alone.
 * `signedIn` names the services with a saved sign-in: a sign-in is only ever sent to the
 * address it was saved with, so when that address is reset the sign-in is removed too, and
 * the notice says so.
 */
export function settingsFile(
  dir: string,
  signedIn: readonly AddressedService[] = [],
): StoreFileSpec {
  return {
    path: join(dir, `${settingsFileName}.json`),
    salvage(value) {
      const kept: Record<string, unknown> = {};
      const lost: string[] = [];
      for (const [key, part] of Object.entries(value)) {
        const section = StoredSettings.shape[key as keyof StoredSettings] as z.ZodType | undefined;
        // conf's own bookkeeping (the migrated version) and keys of newer versions stay.
        if (!section || section.safeParse(part).success) kept[key] = part;
        else lost.push(key);
      }
      return { kept, lost };
    },
    describe(lost) {
      const words = lost.map((key) => sectionWords[key as keyof StoredSettings] ?? key);
      const reset = words.length
        ? `Some settings could not be read and were reset to their defaults: ${words.join(', ')}.`
        : 'Your settings could not be read and were reset to their defaults (theme, volume, ' +
          'service addresses, window size). Check the addresses under Settings.';
      const removed = servicesReset(lost.length ? lost : 'all').filter((service) =>
        signedIn.includes(service),
      );
      if (!removed.length) return reset;
      const names = removed.map((service) => serviceNames[service]).join(' and ');
      return (
        `${reset} The saved sign-in for ${names} belonged to the address that was lost, so it ` +
        `was removed rather than sent elsewhere: sign in to ${names} again.`
      );
    },
  };
}
