import { Dialog } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import type { QueyeRotatedKey } from '../../../src-preload/contract/schemas/queye.ts';

/**
 * After a rotation: which key Aislecast now keeps (its hint only). The new key itself stays in
 * main — kept in the vault to sign in again — so nothing in this window, or any script in it,
 * can read it back over the bridge.
 */
export function RotatedKeyDialog({
  rotated,
  onClose,
}: {
  rotated: QueyeRotatedKey | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation('queye');
  return (
    <Dialog.Root
      open={rotated !== undefined}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog">
          <Dialog.Title className="dialog__title">{t('account.key.newTitle')}</Dialog.Title>
          <Dialog.Description className="dialog__body">
            {t('account.key.newBody')}
          </Dialog.Description>
          <code className="queye-newkey" data-testid="rotated-key">
            {rotated?.hint}
          </code>
          <p className="muted">{t('account.key.elsewhereHint')}</p>
          <div className="dialog__actions">
            <Dialog.Close className="button button--primary">{t('account.key.done')}</Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
