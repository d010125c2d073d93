import { z } from 'zod';

export interface AppInfo {
  name: string;
  version: string;
  runtime: 'electron' | 'browser-host';
  platform: string;
  versions: { node: string; electron?: string; chrome?: string };
}

export const PingArgs = z.strictObject({ echo: z.string().max(200).optional() }).optional();

export interface Pong {
  pong: true;
  echo?: string;
  at: string;
}

/**
 * A data file main could not use: moved aside (never deleted) and reset. Shown to the user
 * until dismissed, so nothing is lost without a word.
 */
export interface DamagedFileNotice {
  id: string;
  /** The file, relative to the app's data folder (e.g. `player/queue.json`). */
  file: string;
  /** What was reset, in plain words. */
  what: string;
  /** Where the damaged copy was kept, relative to the data folder (absent if it could not be moved). */
  keptAs?: string;
  at: string;
}

export const DamagedFileIdArgs = z.strictObject({ id: z.string().min(1).max(64) });
