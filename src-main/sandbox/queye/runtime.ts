import type { AudioBank } from '../audio/audio-bank.ts';
import type { SandboxClock } from '../clock.ts';
import type { QueyeState } from './state.ts';

/** What Queye routes need. `state` is swapped wholesale when the sandbox resets. */
export interface QueyeRuntime {
  state: QueyeState;
  clock: SandboxClock;
  bank: AudioBank;
}
