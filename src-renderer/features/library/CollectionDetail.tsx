import { ArrowLeft, Play } from 'lucide-react';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount, formatLongDuration } from '../../lib/format.ts';
import { requestPlay } from '../player/index.ts';
import { idsOf, type LibraryData } from './library-data.ts';
import { QueueActions } from './QueueActions.tsx';
import { TrackTable, type TrackColumnId } from './TrackTable.tsx';

/** What the page shows about the album or playlist above its tracks. */
export interface CollectionHead {
  art: ReactNode;
  /** "Album", "Playlist". */
  kind: string;
  title: string;
  /** Lines of facts above the track count and length (artist and year, a description). */
  facts: ReactNode;
  /** Names the collection in the queue actions (and the track table, unless `tableLabel`). */
  subject: string;
  tableLabel?: string;
}

interface Props {
  data: LibraryData;
  /** The collection's rows in play order; ignored when `head` is absent. */
  rows: number[];
  back: { label: string; onBack: () => void };
  /** Absent when the album or playlist is no longer in the library. */
  head: CollectionHead | undefined;
  columns: TrackColumnId[];
  empty?: ReactNode;
}

/**
 * One album or playlist: back to the list, its art and facts, play and queue buttons, and its
 * tracks. Albums and playlists differ only in what they pass in.
 */
export function CollectionDetail({ data, rows, back, head, columns, empty }: Props) {
  const { t } = useTranslation('library');
  const duration = useMemo(
    () => rows.reduce((sum, row) => sum + data.numbers.duration[row]!, 0),
    [data, rows],
  );
  const backButton = (
    <button type="button" className="button button--quiet" onClick={back.onBack}>
      <ArrowLeft size={16} aria-hidden="true" />
      {back.label}
    </button>
  );
  if (!head) {
    return (
      <div className="library-view">
        {backButton}
        <p className="library-view__empty">{t('detail.missing')}</p>
      </div>
    );
  }
  return (
    <div className="library-view">
      <div className="library-detail">
        {backButton}
        <div className="library-detail__head">
          {head.art}
          <div className="library-detail__text">
            <span className="library-detail__kind">{head.kind}</span>
            <h2 className="library-detail__title">{head.title}</h2>
            {head.facts}
            <p className="library-detail__facts">
              {t('detail.facts', {
                tracks: t('summary.tracks', {
                  count: rows.length,
                  formatted: formatCount(rows.length),
                }),
                duration: formatLongDuration(duration),
              })}
            </p>
          </div>
          <button
            type="button"
            className="button button--primary library-detail__play"
            disabled={!rows.length}
            onClick={() => requestPlay(idsOf(data, rows), 0)}
          >
            <Play size={16} aria-hidden="true" />
            {t('detail.play')}
          </button>
          <QueueActions
            ids={() => idsOf(data, rows)}
            disabled={!rows.length}
            subject={head.subject}
          />
        </div>
      </div>
      <TrackTable
        data={data}
        rows={rows}
        columns={columns}
        label={head.tableLabel ?? head.subject}
        empty={empty}
      />
    </div>
  );
}
