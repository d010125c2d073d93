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
  error?: ApiErrorShape;
}

export const DemoStopArgs = z.strictObject({
  /** Where the user goes next: back to the first-run choice, or to their own accounts. */
  then: z.enum(['welcome', 'accounts']),
});
