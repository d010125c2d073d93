import { create } from 'zustand';

export const sections = ['library', 'broadcast', 'settings'] as const;
export type Section = (typeof sections)[number];

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
