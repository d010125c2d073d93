import { useTranslation } from 'react-i18next';
import { permissionState, useMusique } from '../musique/index.ts';

/** Whether the token may do `permission`, and the sentence that says why not. */
export function usePermission(permission: string): { allowed: boolean; reason?: string } {
  const { t } = useTranslation('broadcast');
  const account = useMusique((state) => state.account);
  const state = permissionState(account, permission);
  if (state.allowed || !state.reason) return { allowed: true };
  return { allowed: false, reason: t(`permission.${state.reason}`, { permission }) };
}
