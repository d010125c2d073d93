/**
 * The one way main treats a data file it cannot use: the file is moved aside with a timestamp
 * (never deleted, so nothing is lost for good), the reason is logged, and the user is told in
 * plain words what was reset. Every file main owns goes through here instead of being silently
 * emptied or left to stop the start-up.
 */
import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, relative } from 'node:path';
import type { DamagedFileNotice } from '../../../src-preload/contract/schemas/app.ts';
import type { Logger } from '../log/logger.ts';

export interface DamageReport {
  /** What the user lost or what was reset, in plain words ("Your saved queue was reset."). */
  what: string;
  /** Why the file could not be used (for the log; never shown raw to the user). */
  reason: string;
}

export interface DamagedFiles {
  /** Moves the file aside, logs the reason and records a notice for the user. */
  report(path: string, damage: DamageReport): Promise<DamagedFileNotice>;
  /** The same, for callers that cannot wait (conf and electron-store open synchronously). */
  reportSync(path: string, damage: DamageReport): DamagedFileNotice;
  /** Notices the user has not dismissed yet, oldest first. */
  list(): DamagedFileNotice[];
  dismiss(id: string): DamagedFileNotice[];
  onChange(listener: (notices: DamagedFileNotice[]) => void): () => void;
}

/** `queue.json` → `queue.json.damaged-20261204T142233Z`: sorts by time, never matched as data. */
export function asideName(path: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${path}.damaged-${stamp}`;
}

export interface DamagedFilesOptions {
  /** Paths in notices are shown relative to this folder (the app's user-data folder). */
  dataDir: string;
  log: Logger;
  now?: () => Date;
}

export function createDamagedFiles({
  dataDir,
  log,
  now = () => new Date(),
}: DamagedFilesOptions): DamagedFiles {
  const notices: DamagedFileNotice[] = [];
  const listeners = new Set<(notices: DamagedFileNotice[]) => void>();
  const shown = (path: string) => relative(dataDir, path) || basename(path);

  const record = (
    path: string,
    damage: DamageReport,
    at: Date,
    movedTo: string | undefined,
    moveError?: unknown,
  ): DamagedFileNotice => {
    const notice: DamagedFileNotice = {
      id: randomBytes(6).toString('hex'),
      file: shown(path),
      what: damage.what,
      at: at.toISOString(),
      ...(movedTo ? { keptAs: shown(movedTo) } : {}),
    };
    log.warn(
      {
        file: notice.file,
        keptAs: notice.keptAs,
        reason: damage.reason,
        ...(moveError ? { err: moveError } : {}),
      },
      movedTo
        ? 'a damaged data file was moved aside and reset'
        : 'a damaged data file could not be moved aside',
    );
    notices.push(notice);
    const current = [...notices];
    for (const listener of listeners) listener(current);
    return notice;
  };

  const missing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT';

  return {
    async report(path, damage) {
      const at = now();
      const target = asideName(path, at);
      try {
        await rename(path, target);
        return record(path, damage, at, target);
      } catch (error) {
        return record(path, damage, at, undefined, missing(error) ? undefined : error);
      }
    },
    reportSync(path, damage) {
      const at = now();
      const target = asideName(path, at);
      try {
        renameSync(path, target);
        return record(path, damage, at, target);
      } catch (error) {
        return record(path, damage, at, undefined, missing(error) ? undefined : error);
      }
    },
    list: () => [...notices],
    dismiss(id) {
      const index = notices.findIndex((notice) => notice.id === id);
      if (index >= 0) {
        notices.splice(index, 1);
        const current = [...notices];
        for (const listener of listeners) listener(current);
      }
      return [...notices];
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
