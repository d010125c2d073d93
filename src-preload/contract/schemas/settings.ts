import { z } from 'zod';
import { BaseUrl } from './common.ts';

export const ThemePreference = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof ThemePreference>;

export const AppMode = z.enum(['unset', 'demo', 'accounts']);
export type AppMode = z.infer<typeof AppMode>;

export const MusiqueProfile = z.enum(['v1', 'legacy']);
export type MusiqueProfile = z.infer<typeof MusiqueProfile>;

/** The settings the renderer may read and change. Secrets never live here. */
export interface PublicSettings {
  app: { mode: AppMode };
  ui: { theme: ThemePreference };
  queye: { baseUrl: string };
  musique: { baseUrl: string; profile: MusiqueProfile };
  player: { volume: number; muted: boolean };
  /** How many days broadcast history is kept (jobs still running are never removed). */
  broadcast: { historyDays: number };
}

export const minHistoryDays = 7;
export const maxHistoryDays = 3650;
export const defaultHistoryDays = 365;

/** A partial update; unknown sections or keys are rejected, not ignored. */
export const SettingsPatch = z.strictObject({
  app: z.strictObject({ mode: AppMode }).partial().optional(),
  ui: z.strictObject({ theme: ThemePreference }).partial().optional(),
  queye: z.strictObject({ baseUrl: BaseUrl }).partial().optional(),
  musique: z.strictObject({ baseUrl: BaseUrl, profile: MusiqueProfile }).partial().optional(),
  player: z
    .strictObject({ volume: z.number().min(0).max(1), muted: z.boolean() })
    .partial()
    .optional(),
  broadcast: z
    .strictObject({ historyDays: z.number().int().min(minHistoryDays).max(maxHistoryDays) })
    .partial()
    .optional(),
});
export type SettingsPatch = z.input<typeof SettingsPatch>;
