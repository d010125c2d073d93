/**
 * Versions up to 0.1.0 of the Electron app wrote the settings and the vault into one file,
 * `config.json` (electron-store takes `name`, not conf's `configName`, so both stores fell back
 * to its default name and each write replaced the other's keys). On the first start of a fixed
 * version the file is split: the settings' keys go to `settings.json`, the vault's to
 * `vault.json`, and the old file is kept as `config.json.migrated` — nothing is lost, even
 * when one of the new files already exists.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { DamagedFiles } from '../files/damaged-files.ts';
import type { Logger } from '../log/logger.ts';
import { StoredSettings } from './schema.ts';
import { inspectStoreFile } from './store-file.ts';

export const legacyConfigName = 'config.json';

const vaultKeys = new Set(['secrets', 'allowWeak']);
const settingsKeys = new Set([...Object.keys(StoredSettings.shape), '__internal__']);

export interface LegacySplit {
  settings: Record<string, unknown>;
  vault: Record<string, unknown>;
}

/** Pure: which keys of the combined file belong to which store. */
export function splitLegacyConfig(value: Record<string, unknown>): LegacySplit {
  const settings: Record<string, unknown> = {};
  const vault: Record<string, unknown> = {};
  for (const [key, part] of Object.entries(value)) {
    if (vaultKeys.has(key)) vault[key] = part;
    else if (settingsKeys.has(key)) settings[key] = part;
  }
  return { settings, vault };
}

export function migrateLegacyConfig(
  dir: string,
  files: { settings: string; vault: string },
  damagedFiles: DamagedFiles,
  log: Logger,
): void {
  const path = join(dir, legacyConfigName);
  let value: Record<string, unknown> | undefined;
  const found = inspectStoreFile({
    path,
    salvage: (parsed) => {
      value = parsed;
      return { kept: parsed, lost: [] };
    },
    describe: () => '',
  });
  if (found.state === 'missing') return;
  if (found.state === 'damaged' || !value) {
    damagedFiles.reportSync(path, {
      what:
        'Settings and saved sign-ins from the previous version could not be read: check ' +
        'Settings and sign in to Queye Music and Musique again.',
      reason: found.state === 'damaged' ? found.reason : 'unreadable',
    });
    return;
  }
  const split = splitLegacyConfig(value);
  const written: string[] = [];
  for (const [part, target] of [
    [split.settings, files.settings],
    [split.vault, files.vault],
  ] as const) {
    if (!Object.keys(part).length || existsSync(target)) continue;
    writeFileAtomic.sync(target, JSON.stringify(part, null, '\t'), { mode: 0o600 });
    written.push(target);
  }
  renameSync(path, `${path}.migrated`);
  log.info({ written, keptAs: `${legacyConfigName}.migrated` }, 'split the combined config file');
}
