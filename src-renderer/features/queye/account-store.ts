import { create } from 'zustand';
import type {
  QueyeAccessLogEntry,
  QueyeClientInfo,
  QueyeKeyInfo,
  QueyeRotatedKey,
} from '../../../src-preload/contract/schemas/queye.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';

type Decision = 'approve' | 'deny' | 'revoke';

interface AccountStore {
  loading: boolean;
  keyInfo?: QueyeKeyInfo;
  clients: QueyeClientInfo[];
  log: QueyeAccessLogEntry[];
  logCursor?: string;
  /** Loading the panel failed; `insufficient_scope` gets its own explanation. */
  error?: ApiError;
  /** An action (rotate, lock, decide, more log) failed. */
  actionError?: ApiError;
  busy?: string;
  /** A finished rotation (the new key's hint; main kept the key), until acknowledged. */
  rotated?: QueyeRotatedKey;
  load: () => Promise<void>;
  rotate: () => Promise<void>;
  dismissRotated: () => void;
  lock: () => Promise<void>;
  decide: (clientId: string, decision: Decision) => Promise<void>;
  moreLog: () => Promise<void>;
  reset: () => void;
}

const empty = {
  loading: false,
  keyInfo: undefined,
  clients: [],
  log: [],
  logCursor: undefined,
  error: undefined,
  actionError: undefined,
  busy: undefined,
  rotated: undefined,
};

export const useAccount = create<AccountStore>((set, get) => {
  const act = async (name: string, work: () => Promise<void>) => {
    if (get().busy) return;
    set({ busy: name, actionError: undefined });
    try {
      await work();
    } catch (error) {
      set({ actionError: toApiError(error) });
    } finally {
      set({ busy: undefined });
    }
  };
  return {
    ...empty,
    async load() {
      set({ loading: true, error: undefined });
      try {
        const [keyInfo, clients, log] = await Promise.all([
          api.queye.keyInfo(),
          api.queye.clients(),
          api.queye.accessLog(),
        ]);
        set({ keyInfo, clients, log: log.items, logCursor: log.nextCursor });
      } catch (error) {
        set({ error: toApiError(error) });
      } finally {
        set({ loading: false });
      }
    },
    rotate: () =>
      act('rotate', async () => {
        const rotated = await api.queye.rotateKey();
        set({ rotated, keyInfo: await api.queye.keyInfo() });
      }),
    dismissRotated: () => set({ rotated: undefined }),
    lock: () =>
      act('lock', async () => {
        set({ keyInfo: await api.queye.lockKey() });
      }),
    decide: (clientId, decision) =>
      act(`${decision}:${clientId}`, async () => {
        const updated = await api.queye.decideClient({ clientId, decision });
        set({
          clients: get().clients.map((client) =>
            client.clientId === clientId ? { ...updated, current: client.current } : client,
          ),
        });
      }),
    moreLog: () =>
      act('log', async () => {
        const cursor = get().logCursor;
        if (!cursor) return;
        const page = await api.queye.accessLog({ cursor });
        set({ log: [...get().log, ...page.items], logCursor: page.nextCursor });
      }),
    reset: () => set(empty),
  };
});
