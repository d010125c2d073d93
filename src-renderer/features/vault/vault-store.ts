import { create } from 'zustand';
import type { VaultStatus } from '../../../src-preload/contract/schemas/vault.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api, onEvent } from '../../api/client.ts';

interface VaultStore {
  status?: VaultStatus;
  error?: ApiError;
  busy: boolean;
  load: () => Promise<void>;
  /** The user's choice on a weak keychain: store with weak protection, or memory only. */
  setWeakStorage: (allowed: boolean) => Promise<void>;
}

export const useVault = create<VaultStore>((set) => ({
  busy: false,
  async load() {
    try {
      set({ status: await api.vault.status(), error: undefined });
    } catch (error) {
      set({ error: toApiError(error) });
    }
  },
  async setWeakStorage(allowed) {
    set({ busy: true });
    try {
      set({ status: await api.vault.setWeakStorage({ allowed }), error: undefined });
    } catch (error) {
      set({ error: toApiError(error) });
    } finally {
      set({ busy: false });
    }
  },
}));

export function subscribeVault(): () => void {
  return onEvent('vault.changed', (status) => useVault.setState({ status }));
}
