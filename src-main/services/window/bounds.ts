import type { WindowBounds } from '../settings/schema.ts';

export interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const defaultWindowSize = { width: 1280, height: 800 } as const;

/**
 * Saved bounds are only reused when a good part of the window still lands on a connected
 * display (a monitor may have been unplugged since); otherwise the window is centred on the
 * primary work area at its saved size, shrunk to fit.
 */
export function restoreBounds(
  saved: WindowBounds | null,
  displays: WorkArea[],
): { x?: number; y?: number; width: number; height: number; maximized: boolean } {
  const primary = displays[0];
  if (!saved || !primary) return { ...defaultWindowSize, maximized: false };
  const { x, y } = saved;
  if (x === undefined || y === undefined)
    return {
      width: Math.min(saved.width, primary.width),
      height: Math.min(saved.height, primary.height),
      maximized: saved.maximized,
    };
  const visible = displays.some((area) => {
    const overlapX = Math.min(x + saved.width, area.x + area.width) - Math.max(x, area.x);
    const overlapY = Math.min(y + saved.height, area.y + area.height) - Math.max(y, area.y);
    return overlapX >= Math.min(200, saved.width) && overlapY >= Math.min(100, saved.height);
  });
  if (visible) return { ...saved };
  return {
    width: Math.min(saved.width, primary.width),
    height: Math.min(saved.height, primary.height),
    maximized: saved.maximized,
  };
}
