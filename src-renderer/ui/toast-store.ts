import { create } from 'zustand';

export interface Toast {
  id: number;
  title: string;
  description?: string;
  tone: 'info' | 'success' | 'error';
  /** Reference to quote (request ID) for errors. */
  reference?: string;
  durationMs?: number;
}

interface ToastStore {
  toasts: Toast[];
  notify: (toast: Omit<Toast, 'id'>) => number;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToasts = create<ToastStore>((set) => ({
  toasts: [],
  notify(toast) {
    const id = nextId++;
    // Keep the last five: a burst of failures must not bury the screen.
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }].slice(-5) }));
    return id;
  },
  dismiss(id) {
    set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
  },
}));

export const notify = (toast: Omit<Toast, 'id'>) => useToasts.getState().notify(toast);
