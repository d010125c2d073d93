import { create } from 'zustand';
import type { MusiqueAccount } from '../../../src-preload/contract/schemas/musique.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';
import { createStaleAnswerGuard } from '../../api/stale-answer-guard.ts';

export type AccountAction = 'connect' | 'generate' | 'test' | 'revoke' | 'forget';

/** A failure shown at a form field (`details.field`) or above the form. */
export interface AccountFailure {
  action: AccountAction;
  error: ApiError;
  field?: string;
}

interface MusiqueStore {
  account?: MusiqueAccount;
  busy?: AccountAction;
  failure?: AccountFailure;
  load: () => Promise<void>;
  connect: (token: string) => Promise<boolean>;
  generate: (externalId: string, companyToken: string) => Promise<boolean>;
  test: () => Promise<boolean>;
  revoke: () => Promise<boolean>;
  forget: () => Promise<boolean>;
  clearFailure: () => void;
}

// A pushed event is newer than any answer to a request sent before it arrived.
const answers = createStaleAnswerGuard();

/** The Musique account as the renderer knows it: a view from main, never the token. */
export const useMusique = create<MusiqueStore>((set, get) => {
  const run = async (action: AccountAction, work: () => Promise<MusiqueAccount>) => {
    if (get().busy) return false;
    set({ busy: action, failure: undefined });
    try {
      set({ account: await work(), busy: undefined });
      return true;
    } catch (thrown) {
      const error = toApiError(thrown);
      const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
      set({ busy: undefined, failure: { action, error, ...(field ? { field } : {}) } });
      return false;
    }
  };
  return {
    async load() {
      const fresh = answers.begin();
      try {
        const account = await api.musique.account();
        if (fresh()) set({ account });
      } catch (error) {
        set({ failure: { action: 'test', error: toApiError(error) } });
      }
    },
    connect: (token) => run('connect', () => api.musique.connect({ token })),
    generate: (externalId, companyToken) =>
      run('generate', () => api.musique.generateToken({ externalId, companyToken })),
    test: () => run('test', () => api.musique.testToken()),
    revoke: () => run('revoke', () => api.musique.revokeToken()),
    forget: () => run('forget', () => api.musique.forget()),
    clearFailure: () => set({ failure: undefined }),
  };
});

export function subscribeMusique(): () => void {
  return onEvent('musique.accountChanged', (account) => {
    answers.pushed();
    useMusique.setState({ account });
  });
}

/** Whether the connected token may do `permission`, and if not, why (for disabled controls). */
export function permissionState(
  account: MusiqueAccount | undefined,
  permission: string,
): { allowed: boolean; reason?: 'not-connected' | 'rejected' | 'missing' } {
  if (!account || account.status === 'none') return { allowed: false, reason: 'not-connected' };
  if (account.status === 'rejected') return { allowed: false, reason: 'rejected' };
  // Until a test has said otherwise, let Musique decide.
  if (!account.testedAt || account.permissions.includes(permission)) return { allowed: true };
  return { allowed: false, reason: 'missing' };
}
