import { create } from 'zustand';

/** Sidebar order. */
export const sections = ['library', 'broadcast', 'stores', 'settings'] as const;
export type Section = (typeof sections)[number];

/**
 * Ctrl/Cmd+number per section. Numbers stay with their section when one is added, so the
 * shortcuts people already know keep working (Stores came later: Ctrl+4).
 */
export const sectionShortcuts: Record<Section, number> = {
  library: 1,
  broadcast: 2,
  settings: 3,
  stores: 4,
};

interface Route {
  section: Section;
  /** A sub-page inside the section, e.g. `queye` in `#/settings/queye`. */
  page?: string;
}

export function parseHash(hash: string): Route {
  const [section, page] = hash.replace(/^#\/?/, '').split('/');
  const known = sections.find((s) => s === section);
  return known ? { section: known, ...(page ? { page } : {}) } : { section: 'library' };
}

interface NavigationState extends Route {
  go: (section: Section, page?: string) => void;
}

/** The current section lives in the URL hash, so back/forward and reloads keep it. */
export const useNavigation = create<NavigationState>((set) => ({
  ...parseHash(window.location.hash),
  go(section, page) {
    const hash = `#/${section}${page ? `/${page}` : ''}`;
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ section, page });
  },
}));

window.addEventListener('hashchange', () => {
  const route = parseHash(window.location.hash);
  useNavigation.setState({ section: route.section, page: route.page });
});
