import { useEffect } from 'react';
import type { ThemePreference } from '../../src-preload/contract/schemas/settings.ts';

const query = '(prefers-color-scheme: dark)';

/** Applies the chosen theme, following the OS live when the choice is "system". */
export function useTheme(preference: ThemePreference | undefined): void {
  useEffect(() => {
    const root = document.documentElement;
    const media = window.matchMedia(query);
    const apply = () => {
      const dark =
        preference === 'dark' || ((preference ?? 'system') === 'system' && media.matches);
      root.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [preference]);
}
