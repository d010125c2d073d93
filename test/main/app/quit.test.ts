import { describe, expect, it, vi } from 'vitest';
import { quitAfterDispose } from '../../../src-main/app/quit.ts';

type Listener = (event: { preventDefault: () => void }) => void;

function fakeApp() {
  const listeners: Listener[] = [];
  return {
    app: {
      on: (name: string, listener: Listener) => {
        if (name === 'will-quit') listeners.push(listener);
      },
      quit: vi.fn(),
    },
    willQuit() {
      const event = { preventDefault: vi.fn() };
      for (const listener of listeners) listener(event);
      return event;
    },
  };
}

describe('quitting', () => {
  it('waits for the services to finish writing, then quits for real', async () => {
    const { app, willQuit } = fakeApp();
    let finish: () => void = () => {};
    const dispose = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    quitAfterDispose(app as never, dispose);

    expect(willQuit().preventDefault).toHaveBeenCalled();
    expect(dispose).toHaveBeenCalledTimes(1);
    // A second quit request meanwhile is held too, without disposing twice.
    expect(willQuit().preventDefault).toHaveBeenCalled();
    expect(dispose).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(app.quit).not.toHaveBeenCalled();

    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    // The quit it asks for goes through.
    expect(willQuit().preventDefault).not.toHaveBeenCalled();
  });

  it('quits after the grace period when disposing hangs or fails', async () => {
    vi.useFakeTimers();
    try {
      const hanging = fakeApp();
      quitAfterDispose(hanging.app as never, () => new Promise<void>(() => undefined), 1_000);
      hanging.willQuit();
      await vi.advanceTimersByTimeAsync(999);
      expect(hanging.app.quit).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(hanging.app.quit).toHaveBeenCalledTimes(1);

      const failing = fakeApp();
      quitAfterDispose(failing.app as never, () => Promise.reject(new Error('disk full')));
      failing.willQuit();
      await vi.advanceTimersByTimeAsync(0);
      expect(failing.app.quit).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
