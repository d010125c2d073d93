import { create } from 'zustand';

export type LibraryTab = 'tracks' | 'albums' | 'playlists';

interface LibraryNav {
  tab: LibraryTab;
  /** The album open in the Albums tab (its tracks), if any. */
  albumId?: string;
  /** The playlist open in the Playlists tab, if any. */
  playlistId?: string;
  setTab: (tab: LibraryTab) => void;
  openAlbum: (albumId: string | undefined) => void;
  openPlaylist: (playlistId: string | undefined) => void;
}

/** Where the user is inside the library; kept while they visit other sections. */
export const useLibraryNav = create<LibraryNav>((set) => ({
  tab: 'tracks',
  setTab: (tab) => set({ tab }),
  openAlbum: (albumId) => set({ tab: 'albums', albumId }),
  openPlaylist: (playlistId) => set({ tab: 'playlists', playlistId }),
}));
