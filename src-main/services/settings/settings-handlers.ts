import type { Handlers } from '../core/router.ts';
import type { SettingsService } from './settings-service.ts';

export function settingsHandlers(
  settings: SettingsService,
): Pick<Handlers, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.update(patch),
  };
}
