import type { AudioBank } from '../audio/audio-bank.ts';
import type { SandboxClock } from '../clock.ts';
import type { MusiqueState } from './state.ts';

/** What Musique routes need. `state` is swapped wholesale when the sandbox resets. */
export interface MusiqueRuntime {
  state: MusiqueState;
  clock: SandboxClock;
  bank: AudioBank;
  /** Where uploads are kept. */
  uploadDir: string;
}
