import { create } from 'zustand';
import type {
  QueyeCredentialsArgs,
  QueyeStatus,
  QueyeTestResult,
} from '../../../src-preload/contract/schemas/queye.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';
import { createStaleAnswerGuard } from '../../api/stale-answer-guard.ts';

export type QueyeAction =
  'test' | 'connect' | 'reconnect' | 'retry' | 'cancel' | 'signOut' | undefined;

interface QueyeStore {
  status?: QueyeStatus;
  /** The call in flight, for busy buttons. */
  busy: QueyeAction;
  /** The last failed call, worded by main. */
  error?: ApiError;
  testResult?: QueyeTestResult;
  load: () => Promise<void>;
  test: (credentials: QueyeCredentialsArgs) => Promise<void>;
  /** Resolves true when the call succeeded (signed in, or now waiting for approval). */
  connect: (credentials: QueyeCredentialsArgs) => Promise<boolean>;
  reconnect: () => Promise<void>;
  retryApproval: () => Promise<void>;
  cancelApproval: () => Promise<void>;
  signOut: () => Promise<void>;
  clearFeedback: () => void;
}

// A pushed event is newer than any answer to a request sent before it arrived.
const answers = createStaleAnswerGuard();

export const useQueye = create<QueyeStore>((set, get) => {
  /** Runs one call with a busy flag; a status it returns replaces the current one. */
  const run = async <T>(action: QueyeAction, call: () => Promise<T>): Promise<T | undefined> => {
    if (get().busy) return undefined;
    set({ busy: action, error: undefined });
    try {
      const fresh = answers.begin();
      const value = await call();
      const status = value as QueyeStatus | undefined;
      if (status && typeof status === 'object' && 'state' in status && fresh()) set({ status });
      return value;
    } catch (error) {
      set({ error: toApiError(error) });
      return undefined;
    } finally {
      set({ busy: undefined });
    }
  };
  return {
    busy: undefined,
    async load() {
      try {
        const fresh = answers.begin();
        const status = await api.queye.status();
        if (fresh()) set({ status });
      } catch (error) {
        set({ error: toApiError(error) });
      }
    },
    async test(credentials) {
      set({ testResult: undefined });
      const result = await run('test', () => api.queye.test(credentials));
      if (result) set({ testResult: result });
    },
    async connect(credentials) {
      set({ testResult: undefined });
      return (await run('connect', () => api.queye.connect(credentials))) !== undefined;
    },
    async reconnect() {
      await run('reconnect', () => api.queye.reconnect());
    },
    async retryApproval() {
      await run('retry', () => api.queye.retryApproval());
    },
    async cancelApproval() {
      await run('cancel', () => api.queye.cancelApproval());
    },
    async signOut() {
      await run('signOut', () => api.queye.signOut());
    },
    clearFeedback() {
      set({ error: undefined, testResult: undefined });
    },
  };
});

export function subscribeQueye(): () => void {
  return onEvent('queye.changed', (status) => {
    answers.pushed();
    useQueye.setState({ status });
  });
}
