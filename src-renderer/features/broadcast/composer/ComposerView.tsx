import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../lib/use-now.ts';
import { subscribeStores, useStores } from '../../stores/index.ts';
import { useBroadcast } from '../broadcast-store.ts';
import { CheckStep } from './CheckStep.tsx';
import { blockers, steps, type StepId } from './composer-model.ts';
import { draftOf, useComposer } from './composer-store.ts';
import { HowStep } from './HowStep.tsx';
import { WhatStep } from './WhatStep.tsx';
import { WhenStep } from './WhenStep.tsx';
import { WhoStep } from './WhoStep.tsx';
import './composer.css';
import { useDemo } from '../../demo/demo-store.ts';

/** The step a "Next" refuses to leave, with its problem shown and focused. */
export interface StepProps {
  /** Next was pressed with this step incomplete: show why. */
  attempted: boolean;
  /** The element "Next" moves focus to when the step is incomplete. */
  problemRef: React.RefObject<HTMLParagraphElement | null>;
}

/**
 * The composer: five steps (what, who, when, how, check), each with a heading that takes focus
 * when it opens. Any step can be opened from the list; "Next" stops at a step with something
 * missing and says what. Ctrl/Cmd+Enter on the check step sends, through the same confirmations.
 */
export function ComposerView() {
  const { t } = useTranslation('composer');
  const step = useComposer((state) => state.step);
  const setStep = useComposer((state) => state.setStep);
  const state = useComposer();
  const plan = useComposer((s) => s.plan);
  const composeAudioId = useBroadcast((s) => s.composeAudioId);
  const library = useBroadcast((s) => s.library);
  const snapshot = useStores((s) => s.snapshot);
  const heading = useRef<HTMLHeadingElement>(null);
  const problemRef = useRef<HTMLParagraphElement>(null);
  const [attempted, setAttempted] = useState<Partial<Record<StepId, boolean>>>({});
  const [sendRequest, setSendRequest] = useState(0);
  const mounted = useRef(false);

  // The directory: loaded once, followed while the composer is open.
  useEffect(() => {
    const off = subscribeStores();
    void useStores.getState().load();
    return off;
  }, []);
  useEffect(() => useComposer.getState().setDirectory(snapshot), [snapshot]);

  // "Send…" on an audio item opens the composer with it chosen, on the next step.
  useEffect(() => {
    if (!composeAudioId) return;
    const item = library?.items.find((i) => i.id === composeAudioId);
    useComposer.getState().chooseAudio(composeAudioId, item?.name);
    useComposer.getState().setStep('who');
    useBroadcast.setState({ composeAudioId: undefined });
  }, [composeAudioId, library]);

  // The name goes with the send (history shows it); "Send…" may have come before the library.
  const audioId = useComposer((s) => s.audioId);
  const audioName = useComposer((s) => s.audioName);
  useEffect(() => {
    const name = library?.items.find((i) => i.id === audioId)?.name;
    if (audioId && !audioName && name) useComposer.setState({ audioName: name });
  }, [library, audioId, audioName]);

  // Focus follows the step (not on first showing: the tab list keeps it then).
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    heading.current?.focus();
  }, [step]);

  // Musique's time: the demo's clock, moved forward, while the demo runs.
  const now = useNow(15_000) + useDemo((state) => state.clockOffsetMs);
  const list = useMemo(() => blockers(draftOf(state), plan, now), [state, plan, now]);
  const index = steps.indexOf(step);
  const stepDone = (id: StepId) => !list.some((b) => b.step === id && b.kind !== 'noPlan');

  const next = () => {
    if (!stepDone(step)) {
      setAttempted({ ...attempted, [step]: true });
      // The problem renders with this update; focus it once it is there.
      setTimeout(() => problemRef.current?.focus(), 0);
      return;
    }
    const following = steps[index + 1];
    if (following) setStep(following);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (step !== 'check' || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    setSendRequest((n) => n + 1);
  };

  const props: StepProps = { attempted: attempted[step] ?? false, problemRef };
  return (
    <section className="composer" aria-label={t('label')} onKeyDown={onKeyDown}>
      <nav className="composer__nav" aria-label={t('stepsLabel')}>
        <ol className="composer__steps">
          {steps.map((id, n) => (
            <li key={id}>
              <button
                type="button"
                className="composer__step"
                aria-current={id === step ? 'step' : undefined}
                data-state={stepDone(id) ? 'done' : 'todo'}
                onClick={() => setStep(id)}
              >
                <span className="composer__step-number" aria-hidden="true">
                  {n + 1}
                </span>
                {t(`steps.${id}`)}
                <span className="visually-hidden">
                  {' '}
                  ({stepDone(id) ? t('stepState.done') : t('stepState.todo')})
                </span>
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <div className="composer__body">
        <p className="composer__counter">{t('stepOf', { n: index + 1, total: steps.length })}</p>
        <h2 ref={heading} tabIndex={-1} className="composer__heading">
          {t(`${step}.title`)}
        </h2>
        {step === 'what' && <WhatStep {...props} />}
        {step === 'who' && <WhoStep {...props} />}
        {step === 'when' && <WhenStep {...props} />}
        {step === 'how' && <HowStep {...props} />}
        {step === 'check' && <CheckStep blockers={list} sendRequest={sendRequest} />}
        <div className="composer__footer">
          {index > 0 && (
            <button type="button" className="button" onClick={() => setStep(steps[index - 1]!)}>
              {t('back')}
            </button>
          )}
          {step !== 'check' && (
            <button type="button" className="button button--primary" onClick={next}>
              {t('next')}
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
