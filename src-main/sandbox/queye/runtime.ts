import type { AudioBank } from '../audio/audio-bank.ts';
import type { SandboxClock } from '../clock.ts';
import type { SandboxQueyeState } from './state.ts';

/** What Queye routes need. `state` is swapped wholesale when the sandbox resets. */
export interface QueyeRuntime {
  state: SandboxQueyeState;
  clock: SandboxClock;
  bank: AudioBank;
}
