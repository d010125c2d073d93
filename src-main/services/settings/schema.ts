import { z } from 'zod';
import {
  AppMode,
  MusiqueProfile,
  ThemePreference,
  defaultHistoryDays,
  maxHistoryDays,
  minHistoryDays,
} from '../../../src-preload/contract/schemas/settings.ts';

export const WindowBounds = z.strictObject({
  /** Absent where the window cannot learn its position (Wayland): the compositor places it. */
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

/** Everything in the settings file. Non-secret by construction: secrets live in the vault. */
export const StoredSettings = z.strictObject({
  app: z.strictObject({ mode: AppMode }),
  ui: z.strictObject({ theme: ThemePreference }),
  queye: z.strictObject({ baseUrl: z.string() }),
  musique: z.strictObject({ baseUrl: z.string(), profile: MusiqueProfile }),
  player: z.strictObject({ volume: z.number().min(0).max(1), muted: z.boolean() }),
  broadcast: z.strictObject({
    historyDays: z.number().int().min(minHistoryDays).max(maxHistoryDays),
  }),
  window: WindowBounds.nullable(),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

export const settingsDefaults: StoredSettings = {
  app: { mode: 'unset' },
  ui: { theme: 'system' },
  queye: { baseUrl: 'https://api.queyemusic.com/v1' },
  musique: { baseUrl: 'https://api.musique.app/api/v1/integration', profile: 'v1' },
  player: { volume: 0.8, muted: false },
  // A file written before history retention existed has no such section: conf fills it in.
  broadcast: { historyDays: defaultHistoryDays },
  window: null,
};
