import { Copy } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueyeRotatedKey } from '../../../src-preload/contract/schemas/queye.ts';

/**
 * The new key after a rotation, shown this once. Closing the dialog any way but "Store it"
 * means Aislecast does not keep it; the renderer forgets it either way.
 */
export function RotatedKeyDialog({
  rotated,
  onDecide,
}: {
  rotated: QueyeRotatedKey | undefined;
  onDecide: (keep: boolean) => void;
}) {
  const { t } = useTranslation('queye');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!rotated) return;
    try {
      await navigator.clipboard.writeText(rotated.key);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog.Root
      open={rotated !== undefined}
      onOpenChange={(open) => {
        if (!open) {
          setCopied(false);
          onDecide(false);
        }
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
            {rotated?.key}
          </code>
          <button type="button" className="button" onClick={() => void copy()}>
            <Copy size={14} aria-hidden="true" />
            {copied ? t('account.key.copied') : t('account.key.copy')}
          </button>
          <p className="muted">{t('account.key.storeHint')}</p>
          <div className="dialog__actions">
            <Dialog.Close className="button">{t('account.key.dontStore')}</Dialog.Close>
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setCopied(false);
                onDecide(true);
              }}
            >
              {t('account.key.store')}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
