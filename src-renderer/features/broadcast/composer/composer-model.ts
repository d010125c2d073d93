/**
 * The composer's decisions as plain functions: the send options as typed, the call's arguments,
 * what keeps a broadcast from being sent (each with its reason), and how strongly a send must be
 * confirmed. Tested without React.
 */
import type {
  BroadcastPlan,
  BroadcastRequestArgs,
  SendOptions,
} from '../../../../src-preload/contract/schemas/broadcast.ts';
import type {
  MusiqueAccount,
  MusiqueServiceStatus,
} from '../../../../src-preload/contract/schemas/musique.ts';
import type { Breakdown } from './targets.ts';
import { toSchedule, whenProblem, type WhenChoice, type WhenProblem } from './schedule.ts';

export const steps = ['what', 'who', 'when', 'how', 'check'] as const;
export type StepId = (typeof steps)[number];

export const priorities = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof priorities)[number];

/** The send options as the fields hold them (text, so a half-typed number is not lost). */
export interface HowChoice {
  priority: Priority;
  repeat: string;
  volume: string;
}

export const initialHow: HowChoice = { priority: 'normal', repeat: '1', volume: '80' };

export interface HowProblems {
  repeat?: 'range';
  volume?: 'range';
}

const wholeIn = (text: string, min: number, max: number): number | undefined => {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
};

export function howProblems(how: HowChoice): HowProblems {
  return {
    ...(wholeIn(how.repeat, 1, 10) === undefined ? { repeat: 'range' as const } : {}),
    ...(wholeIn(how.volume, 0, 100) === undefined ? { volume: 'range' as const } : {}),
  };
}

export function sendOptions(how: HowChoice): SendOptions | undefined {
  const repeat = wholeIn(how.repeat, 1, 10);
  const volume = wholeIn(how.volume, 0, 100);
  if (repeat === undefined || volume === undefined) return undefined;
  return { priority: how.priority, repeat, volume };
}

export interface Draft {
  audioId?: string;
  audioName?: string;
  targets: Breakdown;
  when: WhenChoice;
  how: HowChoice;
}

/** The arguments of `broadcast.plan` / `broadcast.start`, or undefined while a part is missing. */
export function broadcastArgs(draft: Draft): BroadcastRequestArgs | undefined {
  const schedule = toSchedule(draft.when);
  const options = sendOptions(draft.how);
  if (!draft.audioId || !draft.targets.stores || !schedule || !options) return undefined;
  return {
    audioId: draft.audioId,
    ...(draft.audioName ? { audioName: draft.audioName } : {}),
    externalIds: draft.targets.externalIds,
    schedule,
    options,
  };
}

/** The arguments of a test send: the same audio and options, now, to one test store. */
export function testArgs(draft: Draft, testStoreId: string): BroadcastRequestArgs | undefined {
  const options = sendOptions(draft.how);
  if (!draft.audioId || !options) return undefined;
  return {
    audioId: draft.audioId,
    ...(draft.audioName ? { audioName: draft.audioName } : {}),
    externalIds: [testStoreId],
    schedule: { kind: 'now' },
    options,
    test: true,
  };
}

/** Why a broadcast cannot be sent yet; each names the step that fixes it. */
export type Blocker =
  | { kind: 'noAudio'; step: 'what' }
  | { kind: 'noStores'; step: 'who' }
  | { kind: 'when'; step: 'when'; problem: WhenProblem }
  | { kind: 'passedChoice'; step: 'when'; zones: number }
  | { kind: 'how'; step: 'how' }
  | { kind: 'noPlan'; step: 'check' };

export function blockers(draft: Draft, plan: BroadcastPlan | undefined, nowMs: number): Blocker[] {
  const out: Blocker[] = [];
  if (!draft.audioId) out.push({ kind: 'noAudio', step: 'what' });
  if (!draft.targets.stores) out.push({ kind: 'noStores', step: 'who' });
  const problem = whenProblem(
    draft.when,
    nowMs,
    draft.targets.timeZones.map((z) => z.timeZone),
  );
  if (problem) out.push({ kind: 'when', step: 'when', problem });
  else if (draft.when.kind === 'local' && !draft.when.ifPassed && plan?.passed.length)
    out.push({ kind: 'passedChoice', step: 'when', zones: plan.passed.length });
  const how = howProblems(draft.how);
  if (how.repeat || how.volume) out.push({ kind: 'how', step: 'how' });
  if (!out.length && !plan) out.push({ kind: 'noPlan', step: 'check' });
  return out;
}

/** The first step with something to fix, or undefined when every step is complete. */
export function firstBlockedStep(list: readonly Blocker[]): StepId | undefined {
  return steps.find((step) => list.some((b) => b.step === step && b.kind !== 'noPlan'));
}

/** Messaging carries sends to the stores: anything but a healthy report asks again. */
export function messagingHealthy(service: MusiqueServiceStatus | undefined): boolean {
  const messaging = service?.health?.components.find((c) => c.name === 'messaging');
  return messaging?.status === 'healthy';
}

export function messagingLevel(service: MusiqueServiceStatus | undefined): string {
  return service?.health?.components.find((c) => c.name === 'messaging')?.status ?? 'unknown';
}

export const isProduction = (account: MusiqueAccount | undefined) =>
  account?.environment?.kind === 'production';

export interface Confirmation {
  /** Ask before sending at all. */
  ask: boolean;
  /** Production token: the store count must be typed. */
  typed: boolean;
  /** Messaging is not healthy: an explicit "send anyway". */
  messaging: boolean;
}

/**
 * One store on a development token with healthy messaging goes at once; more than one store, a
 * production token or unhealthy messaging asks first, each adding what it needs.
 */
export function confirmationFor(
  stores: number,
  account: MusiqueAccount | undefined,
  service: MusiqueServiceStatus | undefined,
): Confirmation {
  const typed = isProduction(account);
  const messaging = !messagingHealthy(service);
  return { ask: stores > 1 || typed || messaging, typed, messaging };
}

/** Whether what was typed is the store count ("1,204" and "1204" both are). */
export function typedCountMatches(typed: string, stores: number): boolean {
  const digits = typed.replace(/[\s,.'\u00a0\u202f]/g, '');
  return /^\d+$/.test(digits) && Number(digits) === stores;
}
