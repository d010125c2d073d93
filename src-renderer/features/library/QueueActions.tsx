import { ListEnd, ListStart } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { requestAddToQueue, requestPlayNext } from '../player/index.ts';

interface Props {
  /** The tracks the buttons act on, in play order (read when pressed). */
  ids: () => readonly number[];
  disabled?: boolean;
  /** Names what the buttons act on, for assistive technology ("3 selected tracks"). */
  subject?: string;
}

/** "Play next" and "Add to queue" for a selection, an album or a playlist. */
export function QueueActions({ ids, disabled, subject }: Props) {
  const { t } = useTranslation('player');
  const label = (action: string) => (subject ? `${action}: ${subject}` : action);
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={disabled}
        aria-label={label(t('actions.playNext'))}
        onClick={() => requestPlayNext(ids())}
      >
        <ListStart size={16} aria-hidden="true" />
        {t('actions.playNext')}
      </button>
      <button
        type="button"
        className="button"
        disabled={disabled}
        aria-label={label(t('actions.addToQueue'))}
        onClick={() => requestAddToQueue(ids())}
      >
        <ListEnd size={16} aria-hidden="true" />
        {t('actions.addToQueue')}
      </button>
    </>
  );
}
