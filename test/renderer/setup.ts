import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { initI18n } from '../../src-renderer/i18n/index.ts';

initI18n();
afterEach(() => {
  cleanup();
  window.location.hash = '';
});
