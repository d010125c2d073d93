import { useVirtualizer } from '@tanstack/react-virtual';
import { GripVertical, X } from 'lucide-react';
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format.ts';
import { getTrack } from '../library/index.ts';
import type { QueueEntry } from './queue.ts';
import { IconButton } from '../../ui/IconButton.tsx';

const rowHeight = 44;

interface Props {
  entries: readonly QueueEntry[];
  currentIndex: number;
  onPlay: (index: number) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (uid: number) => void;
  /** Tells assistive technology what a keyboard move or removal did. */
  onAnnounce: (message: string) => void;
}

/**
 * The queue as a virtualized listbox, so 20,000 entries cost the DOM no more than 20. The list
 * keeps its own focus (aria-activedescendant); arrows move it, Enter plays, Alt+↑/↓ moves the
 * entry, Delete removes it. Rows can also be dragged to a new place.
 */
export function QueueList(props: Props) {
  const { entries, currentIndex, onPlay, onMove, onRemove, onAnnounce } = props;
  const { t } = useTranslation('player');
  const scroller = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState(Math.max(0, currentIndex));
  const [dropAt, setDropAt] = useState<number | undefined>();
  const dragFrom = useRef<number | undefined>(undefined);
  const focusIndex = Math.min(focus, entries.length - 1);

  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 6,
  });

  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'center' });
    scroller.current?.focus();
    // Only when the panel opens: later the user's own scrolling wins.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const titleOf = (entry: QueueEntry) =>
    getTrack(entry.id)?.title || t('unknownTrack', { id: entry.id });

  const moveFocus = (index: number) => {
    const bounded = Math.max(0, Math.min(entries.length - 1, index));
    setFocus(bounded);
    virtualizer.scrollToIndex(bounded, { align: 'auto' });
  };

  const moveEntry = (from: number, to: number) => {
    if (to < 0 || to >= entries.length || from === to) return;
    const entry = entries[from]!;
    onMove(from, to);
    moveFocus(to);
    onAnnounce(t('queue.moved', { title: titleOf(entry), position: to + 1 }));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!entries.length) return;
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step && event.altKey) moveEntry(focusIndex, focusIndex + step);
    else if (step) moveFocus(focusIndex + step);
    else if (event.key === 'Home') moveFocus(0);
    else if (event.key === 'End') moveFocus(entries.length - 1);
    else if (event.key === 'PageDown') moveFocus(focusIndex + 10);
    else if (event.key === 'PageUp') moveFocus(focusIndex - 10);
    else if (event.key === 'Enter') onPlay(focusIndex);
    else if (event.key === 'Delete' || event.key === 'Backspace') {
      onRemove(entries[focusIndex]!.uid);
      onAnnounce(t('queue.removed', { count: 1 }));
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const dropIndexOf = (event: DragEvent, index: number) => {
    const box = event.currentTarget.getBoundingClientRect();
    return event.clientY > box.top + box.height / 2 ? index + 1 : index;
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const from = dragFrom.current;
    const at = dropAt;
    dragFrom.current = undefined;
    setDropAt(undefined);
    if (from === undefined || at === undefined) return;
    // Dropping below its own old place shifts the target up by one once the entry leaves.
    const to = at > from ? at - 1 : at;
    moveEntry(from, to);
  };

  const active = entries[focusIndex];
  return (
    <div
      ref={scroller}
      className="queue-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('queue.listLabel')}
      aria-activedescendant={active ? `queue-entry-${active.uid}` : undefined}
      aria-describedby="queue-help"
      onKeyDown={onKeyDown}
      onDragOver={(event) => event.preventDefault()}
      onDrop={onDrop}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index]!;
          const info = getTrack(entry.id);
          const playing = item.index === currentIndex;
          const classes = ['queue-row'];
          if (playing) classes.push('queue-row--current');
          if (item.index === focusIndex) classes.push('queue-row--focus');
          if (dropAt === item.index) classes.push('queue-row--drop-before');
          if (dropAt === item.index + 1 && item.index === entries.length - 1)
            classes.push('queue-row--drop-after');
          return (
            <div
              key={entry.uid}
              id={`queue-entry-${entry.uid}`}
              role="option"
              aria-selected={item.index === focusIndex}
              aria-current={playing ? 'true' : undefined}
              aria-posinset={item.index + 1}
              aria-setsize={entries.length}
              className={classes.join(' ')}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: rowHeight,
                transform: `translateY(${item.start}px)`,
              }}
              draggable
              onDragStart={(event) => {
                dragFrom.current = item.index;
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', String(entry.id));
              }}
              onDragOver={(event) => {
                event.preventDefault();
                setDropAt(dropIndexOf(event, item.index));
              }}
              onDragEnd={() => {
                dragFrom.current = undefined;
                setDropAt(undefined);
              }}
              onClick={() => setFocus(item.index)}
              onDoubleClick={() => onPlay(item.index)}
            >
              <GripVertical size={14} className="queue-row__grip" aria-hidden="true" />
              <span className="queue-row__number">{item.index + 1}</span>
              <span className="queue-row__text">
                <span className="queue-row__title">{titleOf(entry)}</span>
                <span className="queue-row__artist">{info?.artist ?? ''}</span>
              </span>
              <span className="queue-row__duration">
                {formatDuration(info?.duration || undefined)}
              </span>
              <IconButton
                label={t('queue.remove')}
                variant="small"
                tabIndex={-1}
                onClick={(event) => {
                  event.stopPropagation();
                  onRemove(entry.uid);
                  onAnnounce(t('queue.removed', { count: 1 }));
                }}
              >
                <X size={14} aria-hidden="true" />
              </IconButton>
            </div>
          );
        })}
      </div>
    </div>
  );
}
