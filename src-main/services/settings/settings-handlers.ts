import type { HandlersOf } from '../core/feature.ts';
import type { SettingsService } from './settings-service.ts';

export function settingsHandlers(settings: SettingsService): HandlersOf<'settings'> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.update(patch),
  };
}
