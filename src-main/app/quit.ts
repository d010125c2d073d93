import type { App } from 'electron';

/** Longest the quit waits for the services before it goes ahead anyway. */
export const quitGraceMs = 5_000;

/**
 * Holds the quit until the services have written what they hold (the library cache, the queue
 * and position, uploads in flight): Electron does not wait for a promise in `will-quit`, so the
 * first quit is put off, the services disposed, and the quit asked for again.
 */
export function quitAfterDispose(
  app: Pick<App, 'on' | 'quit'>,
  dispose: () => Promise<void> | undefined,
  graceMs = quitGraceMs,
): void {
  let stage: 'running' | 'closing' | 'done' = 'running';
  app.on('will-quit', (event) => {
    if (stage === 'done') return;
    event.preventDefault();
    if (stage === 'closing') return;
    stage = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    void Promise.race([Promise.resolve(dispose()).catch(() => undefined), grace]).then(() => {
      clearTimeout(timer);
      stage = 'done';
      app.quit();
    });
  });
}
