import type { MusiqueProfile } from '../../../src-preload/contract/schemas/settings.ts';

/** Where each Musique operation lives under the active route profile (API.md §2). */
export interface MusiqueRoutes {
  profile: MusiqueProfile;
  /** The host part every absolute path hangs from (token calls, legacy paths). */
  root: string;
  info: string;
  health: string;
  audio: string;
  audioItem(id: string): string;
  deleteAudio(id: string): string;
  /** `POST` here sends the audio to stores. */
  send(id: string): string;
  auth: string;
  test: string;
  /** Legacy only. */
  logs?: string;
  limits?: string;
}

/**
 * The host root behind a configured base URL, for the token calls and the legacy absolute
 * paths: a base ending in `/api/v1/integration` (the v1 default), `/api/integration` or `/api`
 * loses that suffix (so a URL copied from either edition of the docs works, behind a gateway
 * prefix too); any other base stands for its host, as the docs put it ("the same host").
 */
export function hostRoot(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  const known = /\/api(?:\/v1\/integration|\/integration)?$/;
  return known.test(trimmed) ? trimmed.replace(known, '') : new URL(trimmed).origin;
}

export function musiqueRoutes(profile: MusiqueProfile, baseUrl: string): MusiqueRoutes {
  const root = hostRoot(baseUrl);
  const id = (value: string) => encodeURIComponent(value);
  const common = {
    profile,
    root,
    auth: `${root}/api/integration/auth`,
    test: `${root}/api/integration/test`,
  };
  if (profile === 'legacy') {
    return {
      ...common,
      info: `${root}/api/integration`,
      health: `${root}/api/integration/health`,
      audio: `${root}/api/audio`,
      audioItem: (value) => `${root}/api/audio/${id(value)}`,
      // Sic: the older edition deletes at `/api/{id}`, not under `/api/audio`.
      deleteAudio: (value) => `${root}/api/${id(value)}`,
      // Sic, likewise: `/api/{id}/send`.
      send: (value) => `${root}/api/${id(value)}/send`,
      logs: `${root}/api/integration/logs`,
      limits: `${root}/api/integration/limits`,
    };
  }
  // v1 paths are relative to the configured base, whatever it looks like.
  const base = baseUrl.replace(/\/+$/, '');
  return {
    ...common,
    info: base,
    health: `${base}/health`,
    audio: `${base}/audio`,
    audioItem: (value) => `${base}/audio/${id(value)}`,
    deleteAudio: (value) => `${base}/audio/${id(value)}`,
    send: (value) => `${base}/audio/${id(value)}/send`,
  };
}
