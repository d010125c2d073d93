import { Toast } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { useToasts } from './toast-store.ts';

/** Radix toasts: announced politely, pausable on hover/focus, dismissible by keyboard (F8). */
export function Toaster() {
  const { t } = useTranslation();
  const toasts = useToasts((state) => state.toasts);
  const dismiss = useToasts((state) => state.dismiss);
  return (
    <Toast.Provider swipeDirection="right">
      {toasts.map((toast) => (
        <Toast.Root
          key={toast.id}
          className={`toast toast--${toast.tone}`}
          duration={toast.durationMs ?? (toast.tone === 'error' ? 10_000 : 5_000)}
          type={toast.tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => !open && dismiss(toast.id)}
        >
          <Toast.Title className="toast__title">{toast.title}</Toast.Title>
          {toast.description && (
            <Toast.Description className="toast__description">
              {toast.description}
            </Toast.Description>
          )}
          {toast.reference && (
            <code className="toast__reference">
              {t('error.requestId', { id: toast.reference })}
            </code>
          )}
          <Toast.Close className="toast__close" aria-label={t('error.dismiss')}>
            ×
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  );
}
