// The renderer's main-thread time of one gesture, from Chrome's own task accounting (CDP
// `Performance.getMetrics`): what a person feels as a keystroke's delay, rendering included.
import type { CDPSession, Page } from 'playwright-core';

/** The renderer main thread's busy time so far (script, style, layout, paint), in ms. */
export async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Two frames: whatever an input changed has been rendered and painted. */
export const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );

/**
 * Main-thread time of `act` and the rendering it causes, less what measuring alone costs
 * (the metric calls and the settling frames, measured around doing nothing).
 */
export async function mainThreadMs(page: Page, cdp: CDPSession, act: () => Promise<void>) {
  const idle0 = await taskMs(cdp);
  await settle(page);
  const idle1 = await taskMs(cdp);
  await act();
  await settle(page);
  const busy = (await taskMs(cdp)) - idle1;
  return Math.max(0, busy - (idle1 - idle0));
}
