import { Send } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../../lib/navigation-store.ts';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { notify } from '../../../ui/toast-store.ts';
import { EnvironmentBadge, useMusique } from '../../musique/index.ts';
import { useBroadcast } from '../broadcast-store.ts';
import { usePermission } from '../use-permission.ts';
import { confirmationFor, messagingLevel, type Blocker } from './composer-model.ts';
import { useComposer } from './composer-store.ts';
import { SendConfirm } from './SendConfirm.tsx';
import { Summary } from './Summary.tsx';
import { TestSend } from './TestSend.tsx';
import { OutsideHours, PassedZones } from './WhenStep.tsx';

interface Props {
  blockers: Blocker[];
  /** Grows with each Ctrl/Cmd+Enter: send, through the same confirmations as the button. */
  sendRequest: number;
}

/** The summary, the forecast, Musique's health and environment; the test send and the send. */
export function CheckStep({ blockers, sendRequest }: Props) {
  const { t } = useTranslation('composer');
  const go = useNavigation((s) => s.go);
  const account = useMusique((s) => s.account);
  const service = useBroadcast((s) => s.service);
  const plan = useComposer((s) => s.plan);
  const planError = useComposer((s) => s.planError);
  const planning = useComposer((s) => s.planning);
  const starting = useComposer((s) => s.starting);
  const startError = useComposer((s) => s.startError);
  const when = useComposer((s) => s.when);
  const targets = useComposer((s) => s.targets);
  const canSend = usePermission('audio.send');
  const [confirming, setConfirming] = useState(false);
  // Each opening of the confirmation starts from nothing typed or ticked.
  const [confirmKey, setConfirmKey] = useState(0);
  const errorRef = useRef<HTMLDivElement>(null);
  const todoRef = useRef<HTMLDivElement>(null);

  const stores = targets.stores - (plan?.skipped ?? 0);
  const ready = canSend.allowed && blockers.length === 0 && !planning && !starting;
  const confirmation = confirmationFor(stores, account, service);

  async function doSend() {
    const job = await useComposer.getState().send();
    setConfirming(false);
    if (!job) {
      // The notice renders with this update: focus it once it is there.
      setTimeout(() => errorRef.current?.focus());
      return;
    }
    notify({ tone: 'success', title: t('check.started', { count: job.counts.total }) });
    useBroadcast.getState().openJob(job.id);
    useComposer.getState().reset();
  }

  function requestSend() {
    if (!ready) {
      todoRef.current?.focus();
      return;
    }
    if (confirmation.ask) {
      if (!confirming) setConfirmKey((n) => n + 1);
      setConfirming(true);
    } else void doSend();
  }

  // Ctrl/Cmd+Enter from this step.
  const lastRequest = useRef(sendRequest);
  useEffect(() => {
    if (sendRequest === lastRequest.current) return;
    lastRequest.current = sendRequest;
    requestSend();
  });

  const health = service?.health;
  return (
    <div className="composer-step">
      <Summary />
      {when.kind === 'local' && plan && plan.passed.length > 0 && <PassedZones plan={plan} />}
      {plan && <OutsideHours plan={plan} />}
      <dl className="facts composer-facts">
        <dt>{t('check.forecast')}</dt>
        <dd data-testid="composer-forecast" aria-live="polite">
          {planning ? t('check.planning') : (plan?.forecast.summary ?? t('check.noPlanYet'))}
        </dd>
        <dt>{t('check.health')}</dt>
        <dd data-testid="composer-health">
          {health
            ? t('check.healthLine', {
                status: t(`check.level.${health.status}`),
                messaging: t(`check.level.${messagingLevel(service) as 'unknown'}`),
              })
            : t('check.healthUnknown')}
        </dd>
        <dt>{t('check.environment')}</dt>
        <dd>
          <EnvironmentBadge environment={account?.environment} />
        </dd>
      </dl>
      {planError && (
        <ErrorNotice error={planError} onRetry={() => void useComposer.getState().replanNow()} />
      )}
      {blockers.length > 0 && (
        <div ref={todoRef} tabIndex={-1} className="composer-todo" aria-label={t('check.todo')}>
          <h3 className="composer__subtitle">{t('check.todo')}</h3>
          <ul>
            {blockers.map((blocker) => (
              <li key={blocker.kind}>
                {blockerText(t, blocker)}{' '}
                {blocker.step !== 'check' && (
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => useComposer.getState().setStep(blocker.step)}
                  >
                    {t('check.goTo', { step: t(`steps.${blocker.step}`) })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <TestSend />
      <div ref={errorRef} tabIndex={-1} className="composer-start-error">
        {startError && (
          <ErrorNotice error={startError} onDismiss={useComposer.getState().clearStartError} />
        )}
      </div>
      {canSend.allowed ? (
        <div className="composer-send">
          <button
            type="button"
            className="button button--primary"
            aria-disabled={!ready}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            onClick={requestSend}
          >
            <Send size={14} aria-hidden="true" />
            {starting ? t('check.sending') : t('check.send', { count: stores })}
          </button>
          <span className="composer__muted">
            {navigator.platform.startsWith('Mac')
              ? t('check.sendShortcutMac')
              : t('check.sendShortcut')}
          </span>
        </div>
      ) : (
        <div className="composer-warning" role="note">
          <p>{t('check.noPermission')}</p>
          <button type="button" className="button" onClick={() => go('settings', 'musique')}>
            {t('check.openSettings')}
          </button>
        </div>
      )}
      <SendConfirm
        key={confirmKey}
        open={confirming}
        onOpenChange={setConfirming}
        stores={stores}
        confirmation={confirmation}
        busy={starting}
        onConfirm={() => void doSend()}
      />
    </div>
  );
}

type T = ReturnType<typeof useTranslation<'composer'>>['t'];

function blockerText(t: T, blocker: Blocker): string {
  switch (blocker.kind) {
    case 'noAudio':
      return t('what.missing');
    case 'noStores':
      return t('who.missing');
    case 'when':
      return t(`when.problem.${blocker.problem}`);
    case 'passedChoice':
      return t('when.passedMissing');
    case 'how':
      return t('how.missing');
    case 'noPlan':
      return t('check.noPlanYet');
  }
}
