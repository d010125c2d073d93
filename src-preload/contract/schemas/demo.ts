import { z } from 'zod';
import type { ApiErrorShape } from '../define.ts';

export interface DemoStatus {
  /** The built-in sandbox is running and both services are pointed at it. */
  active: boolean;
  /** Starting or stopping right now. */
  busy: boolean;
  /** What the demo contains, for the welcome and banner texts. */
  tracks?: number;
  stores?: number;
  startupMs?: number;
  /** The sandbox's clock (ms since the epoch), which the demo can move forward. */
  clock?: number;
  error?: ApiErrorShape;
}

export const DemoStopArgs = z.strictObject({
  /** Where the user goes next: back to the first-run choice, or to their own accounts. */
  then: z.enum(['welcome', 'accounts']),
});

/** Moves the demo sandbox's clock forward, so a scheduled send can be played without waiting. */
export const DemoAdvanceClockArgs = z.strictObject({
  /** Milliseconds forward: up to two days. */
  byMs: z
    .number()
    .int()
    .min(1)
    .max(2 * 86_400_000),
});
