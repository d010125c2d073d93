import { describe, expect, it } from 'vitest';
import { useSettings } from '../../../src-renderer/features/settings/settings-store.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { defaultSettings } from '../support/fixtures.ts';

describe('settings store', () => {
  it('shows a change at once and keeps it when main accepts it', async () => {
    let release: () => void = () => undefined;
    installFakeBridge({
      'settings.set': () =>
        new Promise((resolve) => {
          release = () => resolve({ ...defaultSettings, ui: { theme: 'dark' } });
        }),
    });
    useSettings.setState({ settings: defaultSettings, error: undefined });
    const pending = useSettings.getState().update({ ui: { theme: 'dark' } });
    expect(useSettings.getState().settings?.ui.theme).toBe('dark');
    release();
    await expect(pending).resolves.toBe(true);
    expect(useSettings.getState().settings?.ui.theme).toBe('dark');
  });

  it('rolls the change back and keeps the error when main refuses it', async () => {
    installFakeBridge({
      'settings.set': () => ({
        ok: false,
        error: { code: 'invalid_arguments', message: 'Bad value.' },
      }),
    });
    useSettings.setState({ settings: defaultSettings, error: undefined });
    await expect(useSettings.getState().update({ ui: { theme: 'light' } })).resolves.toBe(false);
    expect(useSettings.getState().settings?.ui.theme).toBe('system');
    expect(useSettings.getState().error?.message).toBe('Bad value.');
  });
});
