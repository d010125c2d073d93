import { create } from 'zustand';
import type {
  PublicSettings,
  SettingsPatch,
} from '../../../src-preload/contract/schemas/settings.ts';
import type { ApiError } from '../../api/api-error.ts';
import { toApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';
import { createStaleAnswerGuard } from '../../api/stale-answer-guard.ts';

interface SettingsStore {
  settings?: PublicSettings;
  error?: ApiError;
  load: () => Promise<void>;
  /** Applies the change at once and rolls it back if main refuses it. */
  update: (patch: SettingsPatch) => Promise<boolean>;
}

function merge(settings: PublicSettings, patch: SettingsPatch): PublicSettings {
  const next = { ...settings } as Record<string, object>;
  for (const [section, values] of Object.entries(patch)) {
    if (values) next[section] = { ...next[section], ...values };
  }
  return next as unknown as PublicSettings;
}

// A pushed event is newer than any answer to a request sent before it arrived.
const answers = createStaleAnswerGuard();

export const useSettings = create<SettingsStore>((set, get) => ({
  async load() {
    try {
      const fresh = answers.begin();
      const settings = await api.settings.get();
      if (fresh()) set({ settings, error: undefined });
    } catch (error) {
      set({ error: toApiError(error) });
    }
  },
  async update(patch) {
    const previous = get().settings;
    if (previous) set({ settings: merge(previous, patch) });
    try {
      set({ settings: await api.settings.set(patch), error: undefined });
      return true;
    } catch (error) {
      set({ settings: previous, error: toApiError(error) });
      return false;
    }
  },
}));

export function subscribeSettings(): () => void {
  return onEvent('settings.changed', (settings) => {
    answers.pushed();
    useSettings.setState({ settings });
  });
}
