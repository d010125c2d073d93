import { useRef, type KeyboardEvent } from 'react';
import { AudioLines, Megaphone, Music, Settings, Store, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import {
  sections,
  sectionShortcuts,
  useNavigation,
  type Section,
} from '../lib/navigation-store.ts';
import { JobIndicator } from '../features/broadcast/jobs/JobIndicator.tsx';
import { StatusArea } from './StatusArea.tsx';

const icons: Record<Section, LucideIcon> = {
  library: Music,
  broadcast: Megaphone,
  stores: Store,
  settings: Settings,
};

/** Main navigation: Tab enters it once, arrow keys move within it, Enter/Space opens. */
export function Sidebar() {
  const { t } = useTranslation();
  const current = useNavigation((state) => state.section);
  const go = useNavigation((state) => state.go);
  const refs = useRef<Array<HTMLButtonElement | null>>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const last = sections.length - 1;
    const target =
      event.key === 'ArrowDown'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowUp'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (target === undefined) return;
    event.preventDefault();
    refs.current[target]?.focus();
  };

  return (
    <aside className="sidebar">
      <div className="sidebar__brand">
        <AudioLines className="sidebar__logo" aria-hidden="true" size={20} />
        {t('appName')}
      </div>
      <nav aria-label={t('nav.label')}>
        <ul className="nav-list">
          {sections.map((section, index) => {
            const Icon = icons[section];
            return (
              <li key={section}>
                <button
                  type="button"
                  ref={(node) => {
                    refs.current[index] = node;
                  }}
                  className="nav-item"
                  aria-current={current === section ? 'page' : undefined}
                  tabIndex={current === section ? 0 : -1}
                  onClick={() => go(section)}
                  onKeyDown={(event) => onKeyDown(event, index)}
                  data-section={section}
                >
                  <Icon className="nav-item__icon" aria-hidden="true" size={18} />
                  <span className="nav-item__label">{t(`nav.${section}`)}</span>
                  <kbd className="nav-item__shortcut" aria-hidden="true">
                    {t('nav.shortcutHint', { n: sectionShortcuts[section] })}
                  </kbd>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <JobIndicator />
      <StatusArea />
    </aside>
  );
}
