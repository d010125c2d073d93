/**
 * The composer's state: the choices of each step, the plan main made for them (asked again,
 * debounced, whenever a choice changes; an answer to older choices is dropped), and the test
 * send and the send itself.
 */
import { create } from 'zustand';
import type {
  BroadcastJob,
  BroadcastPlan,
  PassedChoice,
} from '../../../../src-preload/contract/schemas/broadcast.ts';
import type { DirectorySnapshot } from '../../../../src-preload/contract/schemas/stores.ts';
import { toApiError, type ApiError } from '../../../api/api-error.ts';
import { api } from '../../../api/client.ts';
import { createStaleAnswerGuard } from '../../../api/stale-answer-guard.ts';
import {
  broadcastArgs,
  initialHow,
  testArgs,
  type Draft,
  type HowChoice,
} from './composer-model.ts';
import type { StepId } from './composer-model.ts';
import { initialWhen, whenProblem, type WhenChoice } from './schedule.ts';
import {
  addExclusion,
  addPick,
  emptySelection,
  removeExclusion,
  removePick,
  resolveTargets,
  type Breakdown,
  type Pick,
  type TargetSelection,
} from './targets.ts';
import { serviceNow } from '../../demo/demo-store.ts';

/** Choices settle for this long before main is asked for a new plan. */
export const planDelayMs = 300;

export interface ComposerState {
  step: StepId;
  audioId?: string;
  audioName?: string;
  /** Upload rows that existed when the user chose to upload: a new one that finishes is chosen. */
  uploadBaseline?: string[];
  directory?: DirectorySnapshot;
  selection: TargetSelection;
  targets: Breakdown;
  when: WhenChoice;
  how: HowChoice;
  plan?: BroadcastPlan;
  planError?: ApiError;
  planning: boolean;
  testStoreId?: string;
  testing: boolean;
  testJob?: BroadcastJob;
  testError?: ApiError;
  starting: boolean;
  startError?: ApiError;

  setStep: (step: StepId) => void;
  chooseAudio: (id: string | undefined, name?: string) => void;
  beginInlineUpload: (existingKeys: string[]) => void;
  setDirectory: (directory: DirectorySnapshot | undefined) => void;
  setEveryStore: (everyStore: boolean) => void;
  addPick: (pick: Pick) => void;
  removePick: (pick: Pick) => void;
  exclude: (externalId: string) => void;
  include: (externalId: string) => void;
  setWhen: (patch: Partial<WhenChoice>) => void;
  setIfPassed: (choice: PassedChoice) => void;
  setHow: (patch: Partial<HowChoice>) => void;
  setTestStore: (externalId: string) => void;
  replanNow: () => Promise<void>;
  testSend: () => Promise<BroadcastJob | undefined>;
  send: () => Promise<BroadcastJob | undefined>;
  clearStartError: () => void;
  reset: () => void;
}

const guard = createStaleAnswerGuard();
let planTimer: ReturnType<typeof setTimeout> | undefined;

/** What to ask main to plan: nothing while a part is missing or the time is refused at its field. */
function planArgs(state: ComposerState) {
  const zones = state.targets.timeZones.map((zone) => zone.timeZone);
  if (whenProblem(state.when, serviceNow(), zones)) return undefined;
  return broadcastArgs(draftOf(state));
}

export const draftOf = (state: ComposerState): Draft => ({
  ...(state.audioId ? { audioId: state.audioId } : {}),
  ...(state.audioName ? { audioName: state.audioName } : {}),
  targets: state.targets,
  when: state.when,
  how: state.how,
});

const blank = {
  step: 'what' as StepId,
  selection: emptySelection,
  targets: resolveTargets(emptySelection, undefined),
  when: initialWhen,
  how: initialHow,
  planning: false,
  testing: false,
  starting: false,
};

export const useComposer = create<ComposerState>()((set, get) => {
  /** A choice changed: any plan in flight describes older choices; ask again once they settle. */
  const changed = (patch: Partial<ComposerState>) => {
    guard.pushed();
    set({ ...patch, planError: undefined, startError: undefined });
    if (planTimer) clearTimeout(planTimer);
    const args = planArgs(get());
    if (!args) {
      set({ plan: undefined, planning: false });
      return;
    }
    set({ planning: true });
    planTimer = setTimeout(() => void get().replanNow(), planDelayMs);
  };
  const retarget = (selection: TargetSelection, directory = get().directory) =>
    changed({ selection, directory, targets: resolveTargets(selection, directory) });

  return {
    ...blank,
    setStep: (step) => set({ step }),
    chooseAudio(id, name) {
      if (id === get().audioId) return;
      changed({ audioId: id, audioName: name, uploadBaseline: undefined, testJob: undefined });
    },
    beginInlineUpload: (existingKeys) => set({ uploadBaseline: existingKeys }),
    setDirectory(directory) {
      if (directory === get().directory) return;
      retarget(get().selection, directory);
      const test = get().testStoreId;
      if (test && !directory?.stores.some((s) => s.externalId === test && s.testStore))
        set({ testStoreId: undefined });
    },
    setEveryStore: (everyStore) => retarget({ ...get().selection, everyStore }),
    addPick: (pick) => retarget(addPick(get().selection, pick)),
    removePick: (pick) => retarget(removePick(get().selection, pick)),
    exclude: (externalId) => retarget(addExclusion(get().selection, externalId)),
    include: (externalId) => retarget(removeExclusion(get().selection, externalId)),
    setWhen(patch) {
      const when = { ...get().when, ...patch };
      // A new time is a new question: the answer for the old one's passed zones does not carry.
      const timeMoved =
        patch.kind !== undefined || patch.localDate !== undefined || patch.localTime !== undefined;
      if (timeMoved && !('ifPassed' in patch)) delete when.ifPassed;
      changed({ when });
    },
    setIfPassed: (ifPassed) => changed({ when: { ...get().when, ifPassed } }),
    setHow: (patch) => changed({ how: { ...get().how, ...patch } }),
    setTestStore: (testStoreId) => set({ testStoreId, testError: undefined }),
    async replanNow() {
      if (planTimer) clearTimeout(planTimer);
      planTimer = undefined;
      const args = planArgs(get());
      if (!args) return;
      const fresh = guard.begin();
      set({ planning: true });
      try {
        const plan = await api.broadcast.plan(args);
        if (fresh()) set({ plan, planError: undefined, planning: false });
      } catch (error) {
        if (fresh()) set({ plan: undefined, planError: toApiError(error), planning: false });
      }
    },
    async testSend() {
      const id = get().testStoreId;
      const args = id ? testArgs(draftOf(get()), id) : undefined;
      if (!args || get().testing) return undefined;
      set({ testing: true, testError: undefined, testJob: undefined });
      try {
        const job = await api.broadcast.start(args);
        set({ testing: false, testJob: job });
        return job;
      } catch (error) {
        set({ testing: false, testError: toApiError(error) });
        return undefined;
      }
    },
    async send() {
      const args = broadcastArgs(draftOf(get()));
      if (!args || get().starting) return undefined;
      set({ starting: true, startError: undefined });
      try {
        const job = await api.broadcast.start(args);
        set({ starting: false });
        return job;
      } catch (error) {
        set({ starting: false, startError: toApiError(error) });
        return undefined;
      }
    },
    clearStartError: () => set({ startError: undefined }),
    reset() {
      guard.pushed();
      if (planTimer) clearTimeout(planTimer);
      planTimer = undefined;
      const { directory } = get();
      set({
        ...blank,
        directory,
        targets: resolveTargets(emptySelection, directory),
        audioId: undefined,
        audioName: undefined,
        uploadBaseline: undefined,
        plan: undefined,
        planError: undefined,
        testJob: undefined,
        testError: undefined,
        startError: undefined,
      });
    },
  };
});
