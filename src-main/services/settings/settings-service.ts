import type {
  PublicSettings,
  SettingsPatch,
} from '../../../src-preload/contract/schemas/settings.ts';
import type { StoredSettings, WindowBounds } from './schema.ts';

/** The part of conf / electron-store the service relies on. */
export interface SettingsStore {
  readonly store: StoredSettings;
  set<K extends keyof StoredSettings>(key: K, value: StoredSettings[K]): void;
  readonly path: string;
}

export interface SettingsService {
  get(): PublicSettings;
  /** Applies an already-validated patch and returns the full settings. */
  update(patch: SettingsPatch): PublicSettings;
  windowBounds(): WindowBounds | null;
  saveWindowBounds(bounds: WindowBounds): void;
  onChange(listener: (settings: PublicSettings) => void): () => void;
  readonly path: string;
}

const sections = ['app', 'ui', 'queye', 'musique', 'player', 'broadcast'] as const;

export function createSettingsService(store: SettingsStore): SettingsService {
  const listeners = new Set<(settings: PublicSettings) => void>();
  const read = (): PublicSettings => {
    const all = store.store;
    return {
      app: { ...all.app },
      ui: { ...all.ui },
      queye: { ...all.queye },
      musique: { ...all.musique },
      player: { ...all.player },
      broadcast: { ...all.broadcast },
    };
  };
  return {
    path: store.path,
    get: read,
    update(patch) {
      const current = store.store;
      let changed = false;
      for (const section of sections) {
        const part = patch[section];
        if (!part) continue;
        const next = { ...current[section], ...part };
        if (JSON.stringify(next) === JSON.stringify(current[section])) continue;
        store.set(section, next);
        changed = true;
      }
      const settings = read();
      if (changed) for (const listener of listeners) listener(settings);
      return settings;
    },
    windowBounds: () => store.store.window,
    saveWindowBounds: (bounds) => store.set('window', bounds),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
