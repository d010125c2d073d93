import { afterEach, beforeEach } from 'vitest';

/**
 * happy-dom does no layout, so every element measures 0×0 and a virtualized list renders
 * nothing. This gives elements a fixed client size for the duration of each test.
 */
export function useFixedLayout(size = { width: 1000, height: 400 }): void {
  const saved = {
    height: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
    width: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
  };
  beforeEach(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get: () => size.height,
    });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
      configurable: true,
      get: () => size.width,
    });
  });
  afterEach(() => {
    if (saved.height) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved.height);
    if (saved.width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.width);
  });
}
