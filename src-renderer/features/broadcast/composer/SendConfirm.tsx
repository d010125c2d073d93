import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { useMusique } from '../../musique/index.ts';
import { useBroadcast } from '../broadcast-store.ts';
import { messagingLevel, typedCountMatches, type Confirmation } from './composer-model.ts';
import { useComposer } from './composer-store.ts';
import { formatInZone, pcTimeToMs } from './schedule.ts';
import { targetLine } from './TargetSummary.tsx';

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  stores: number;
  confirmation: Confirmation;
  busy: boolean;
  onConfirm: () => void;
}

/**
 * (Mounted afresh for each opening, so nothing typed or ticked carries over.)
 *
 * The confirmation before a send: the store count and the environment; on a production token
 * the count typed out; with messaging not healthy, an explicit "send anyway".
 */
export function SendConfirm({ open, onOpenChange, stores, confirmation, busy, onConfirm }: Props) {
  const { t } = useTranslation('composer');
  const account = useMusique((s) => s.account);
  const service = useBroadcast((s) => s.service);
  const audioName = useComposer((s) => s.audioName ?? s.audioId ?? '');
  const targets = useComposer((s) => s.targets);
  const when = useComposer((s) => s.when);
  const [typed, setTyped] = useState('');
  const [agreed, setAgreed] = useState(false);
  const typeRef = useRef<HTMLInputElement>(null);
  const agreeRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const environment = account?.environment;
  const envName = environment
    ? t(`check.environmentName.${environment.kind}`, { name: environment.name })
    : t('check.environmentName.unknown', { name: '?' });
  const level = t(`check.level.${messagingLevel(service) as 'unknown'}`);
  const typedOk = !confirmation.typed || typedCountMatches(typed, stores);
  const complete = typedOk && (!confirmation.messaging || agreed);
  const atMs = when.kind === 'at' ? pcTimeToMs(when.at) : undefined;
  const whenText =
    when.kind === 'local'
      ? t('check.confirm.whenLocal', { date: when.localDate, time: when.localTime })
      : atMs !== undefined
        ? t('check.confirm.whenAt', { when: formatInZone(new Date(atMs).toISOString()) })
        : t('check.confirm.whenNow');

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('check.confirm.title', { count: stores, environment: envName })}
      description={
        <>
          <p>
            {t('check.confirm.body', {
              audio: audioName,
              stores: targetLine(t, targets),
              when: whenText,
            })}
          </p>
          {confirmation.typed && <p>{t('check.confirm.production')}</p>}
          {confirmation.messaging && (
            <div className="composer-confirm__messaging">
              <p>{t('check.confirm.messaging', { level })}</p>
              <label>
                <input
                  ref={agreeRef}
                  type="checkbox"
                  checked={agreed}
                  onChange={(event) => setAgreed(event.target.checked)}
                />
                {t('check.confirm.messagingAgree', { level })}
              </label>
            </div>
          )}
          {confirmation.typed && (
            <div className="field">
              <label className="field__label" htmlFor={`${id}-typed`}>
                {t('check.confirm.type', { count: stores })}
              </label>
              <input
                ref={typeRef}
                id={`${id}-typed`}
                className="field__input"
                inputMode="numeric"
                autoComplete="off"
                value={typed}
                aria-invalid={typed !== '' && !typedOk ? true : undefined}
                onChange={(event) => setTyped(event.target.value)}
                onKeyDown={(event) => {
                  // Enter in the field sends once the confirmation is complete.
                  if (event.key !== 'Enter') return;
                  event.preventDefault();
                  if (complete && !busy) onConfirm();
                }}
              />
              {typed !== '' && !typedOk && (
                <p className="field__error">{t('check.confirm.typeProblem')}</p>
              )}
            </div>
          )}
        </>
      }
      confirmLabel={t('check.confirm.send')}
      cancelLabel={t('check.confirm.cancel')}
      busy={busy}
      confirmDisabled={!complete}
      initialFocus={confirmation.messaging ? agreeRef : confirmation.typed ? typeRef : undefined}
      onConfirm={() => {
        if (complete) onConfirm();
      }}
    />
  );
}
