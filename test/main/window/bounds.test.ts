import { describe, expect, it } from 'vitest';
import { defaultWindowSize, restoreBounds } from '../../../src-main/services/window/bounds.ts';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window bounds', () => {
  it('uses defaults on first start', () => {
    expect(restoreBounds(null, [screen])).toEqual({ ...defaultWindowSize, maximized: false });
  });
  it('restores bounds that are still on a display', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: true };
    expect(restoreBounds(saved, [screen])).toEqual(saved);
  });
  it('recentres a window whose monitor is gone, shrunk to fit', () => {
    const saved = { x: 2500, y: 100, width: 2400, height: 900, maximized: false };
    expect(restoreBounds(saved, [screen])).toEqual({ width: 1920, height: 900, maximized: false });
  });
});
