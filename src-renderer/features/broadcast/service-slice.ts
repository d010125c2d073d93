import type { StateCreator } from 'zustand';
import type {
  MusiqueServiceStatus,
  QuotaSnapshot,
} from '../../../src-preload/contract/schemas/musique.ts';
import { toApiError, type ApiError } from '../../api/api-error.ts';
import { api } from '../../api/client.ts';

/** How often the open broadcaster asks for Musique's health: modest, to spare the quota. */
export const statusPollMs = 30_000;

export interface ServiceSlice {
  service?: MusiqueServiceStatus;
  serviceError?: ApiError;
  serviceChecking: boolean;
  quota?: QuotaSnapshot;
  checkService: () => Promise<void>;
  loadQuota: () => Promise<void>;
}

export const createServiceSlice: StateCreator<ServiceSlice, [], [], ServiceSlice> = (set, get) => ({
  serviceChecking: false,
  async checkService() {
    if (get().serviceChecking) return;
    set({ serviceChecking: true });
    try {
      const service = await api.musique.serviceStatus();
      set({ service, serviceError: undefined, serviceChecking: false });
    } catch (error) {
      set({ serviceError: toApiError(error), serviceChecking: false });
    }
  },
  async loadQuota() {
    try {
      set({ quota: await api.musique.quota() });
    } catch {
      // The meter waits for the next pushed figure.
    }
  },
});
