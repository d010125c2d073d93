import { act } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { initialEngineState } from '../../../../src-renderer/features/player/engine-state.ts';
import {
  setPlayerEngine,
  usePlayer,
} from '../../../../src-renderer/features/player/player-store.ts';
import { createHarness, trackTable, type Harness, type HarnessOptions } from './engine-harness.ts';
import { clearLibrary, installLibrary, songs } from './library.ts';

/**
 * Component tests run the real engine on fake audio, writing the app's own player store, so a
 * click goes through the engine and the UI shows what the engine did.
 */
export function usePlayerHarness(count = 5) {
  let current: Harness | undefined;
  beforeEach(() => {
    usePlayer.setState(initialEngineState, true);
    installLibrary(songs(count));
  });
  afterEach(() => {
    current?.engine.dispose();
    current = undefined;
    setPlayerEngine(undefined);
    clearLibrary();
  });
  return (options: HarnessOptions = {}): Harness => {
    current = createHarness({ tracks: trackTable(count), ...options, store: usePlayer });
    setPlayerEngine(current.engine);
    return current;
  };
}

/** Runs engine work (fake audio events included) inside React's act. */
export function run(work: () => void): void {
  act(work);
}
