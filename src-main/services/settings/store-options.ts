import { z } from 'zod';
import type { Options } from 'conf';
import { StoredSettings, settingsDefaults } from './schema.ts';

export type Migration = NonNullable<Options<StoredSettings>['migrations']>[string];

/**
 * Versioned migrations, keyed by the app version that introduced the change (conf runs every
 * migration newer than the version recorded in the file, in order). Add an entry whenever a
 * release reshapes a stored key; never edit one that has shipped.
 */
export const settingsMigrations: Record<string, Migration> = {};

const jsonSchema = z.toJSONSchema(StoredSettings, { io: 'input' }) as {
  properties: Record<string, unknown>;
};

/**
 * The one description of the settings file, shared by electron-store in the app and plain
 * `conf` in the browser host and tests: same schema, same defaults, same migrations.
 */
export function settingsStoreOptions(
  projectVersion: string,
  migrations: Record<string, Migration> = settingsMigrations,
): Options<StoredSettings> {
  return {
    configName: 'settings',
    defaults: settingsDefaults,
    schema: jsonSchema.properties,
    migrations,
    projectVersion,
    configFileMode: 0o600,
    clearInvalidConfig: true,
  };
}
