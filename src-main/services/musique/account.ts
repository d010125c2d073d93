/**
 * The Musique account: which token is in use, against which host and route profile, and what
 * the token may do. The saved account lives in the vault (`musique.apiToken`, plus the last
 * test result and the address the token was saved with as `musique.account`); the demo's
 * temporary credentials live in memory only and take precedence while set. The renderer only
 * ever sees `view()` — a hint, never the token.
 *
 * A saved token is bound to the base URL it was saved with, and that binding lives here, in
 * the vault next to the token — not in the settings file. The settings can change underneath
 * (a call through the bridge, a settings file reset to its defaults): whenever they name
 * another address, the saved token is held back — never sent — until the address is set back
 * or a token is saved for the new one.
 */
import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import {
  cleanToken,
  tokenParts,
  type MusiqueAccount,
} from '../../../src-preload/contract/schemas/musique.ts';
import type { MusiqueProfile } from '../../../src-preload/contract/schemas/settings.ts';
import { appError, isAppError } from '../core/errors.ts';
import { redactOutgoing } from '../core/outgoing.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { Redactor } from '../log/redactor.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { maskSecret } from '../vault/mask.ts';
import type { Vault } from '../vault/vault.ts';
import { createMusiqueApi, type MusiqueApi } from './client.ts';
import { musiqueRoutes, type MusiqueRoutes } from './routes.ts';

export const tokenSecret = 'musique.apiToken';
export const accountSecret = 'musique.account';

/** What `POST /api/integration/test` last said about the token. */
export interface AccountFacts {
  /** The base URL the token was saved with: the only address it is ever sent to. */
  boundTo?: string;
  externalId?: string;
  userId?: number;
  permissions: string[];
  testedAt?: string;
}

export interface MusiqueSession {
  token: string;
  profile: MusiqueProfile;
  baseUrl: string;
  routes: MusiqueRoutes;
  api: MusiqueApi;
  demo: boolean;
  facts: AccountFacts;
  /** Musique refused the token (revoked…), or it could not be checked (offline…). */
  rejected?: ApiErrorShape;
  unchecked?: ApiErrorShape;
}

export interface TemporaryCredentials {
  apiToken: string;
  /** The v1 base URL (the legacy paths hang from the same host). */
  baseUrl: string;
  profile?: MusiqueProfile;
}

export interface AccountStore {
  load(): Promise<void>;
  session(): MusiqueSession | undefined;
  /** The saved account's session, also while held back for another address (never for calls). */
  savedSession(): MusiqueSession | undefined;
  view(): MusiqueAccount;
  /** Validates a pasted token's shape (nothing is sent for a malformed one). */
  prepareToken(raw: string): string;
  /**
   * Makes `token` the saved account. With `requireCheck`, only once Musique has accepted it;
   * without (a token just generated, which exists at Musique whatever happens next), it is kept
   * even when the check fails, and the session says why.
   */
  save(token: string, options: { requireCheck: boolean }): Promise<MusiqueSession>;
  /** Re-tests the session's token; a refusal marks the session rejected. */
  test(): Promise<MusiqueSession>;
  /** Forgets the saved account (vault entries); the caller revokes first if wanted. */
  wipe(): Promise<void>;
  useTemporary(credentials: TemporaryCredentials): Promise<MusiqueSession>;
  clearTemporary(): void;
  /** A call with the session's token was refused as a token problem. */
  markRejected(session: MusiqueSession, error: ApiErrorShape): void;
  /** Settings changed (base URL or profile): the saved session follows. */
  reconfigure(): boolean;
  onChange(listener: () => void): () => void;
}

/** Two spellings of one address (a trailing slash) are the same address. */
export const sameAddress = (a: string, b: string): boolean =>
  a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

const addressChanged = (boundTo: string, now: string): ApiErrorShape =>
  appError(
    'token_address_changed',
    `The Musique address is now ${now}, but the saved API token belongs to ${boundTo}. Aislecast does not send it anywhere else.`,
    {
      action: `Paste or generate a token for the new address, or set the address back to ${boundTo} in Settings → Musique.`,
    },
  ).shape;

const fieldError = (field: string, code: string, message: string, action: string) =>
  appError(code, message, { action, details: { field } });

function readFacts(raw: string | undefined): AccountFacts {
  if (!raw) return { permissions: [] };
  try {
    const parsed = JSON.parse(raw) as Partial<AccountFacts>;
    return {
      permissions: Array.isArray(parsed.permissions)
        ? parsed.permissions.filter((p) => typeof p === 'string')
        : [],
      ...(typeof parsed.boundTo === 'string' ? { boundTo: parsed.boundTo } : {}),
      ...(typeof parsed.externalId === 'string' ? { externalId: parsed.externalId } : {}),
      ...(typeof parsed.userId === 'number' ? { userId: parsed.userId } : {}),
      ...(typeof parsed.testedAt === 'string' ? { testedAt: parsed.testedAt } : {}),
    };
  } catch {
    return { permissions: [] };
  }
}

export function createAccountStore(options: {
  vault: Vault;
  settings: SettingsService;
  http: HttpClient;
  /** Scrubs an upstream refusal before it is kept (it is shown for as long as the account). */
  redactor: Redactor;
  /** Aborted at shutdown: ends every request made with a session's token. */
  lifetime?: AbortSignal;
  now?: () => number;
}): AccountStore {
  const { vault, settings, http, lifetime, redactor } = options;
  // Musique's error text may echo the token it refuses: never keep that text as it came.
  const kept = (shape: ApiErrorShape) => redactOutgoing(shape, redactor);
  const now = options.now ?? Date.now;
  let saved: MusiqueSession | undefined;
  let temporary: MusiqueSession | undefined;
  let unreadable: ApiErrorShape | undefined;
  /** Whether the settings named another address than the saved token's at the last look. */
  let heldBack = false;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };

  const build = (
    token: string,
    profile: MusiqueProfile,
    baseUrl: string,
    demo: boolean,
    facts: AccountFacts,
  ): MusiqueSession => {
    const routes = musiqueRoutes(profile, baseUrl);
    return {
      token,
      profile,
      baseUrl,
      routes,
      api: createMusiqueApi(http, routes, token, lifetime),
      demo,
      facts,
    };
  };

  const fromSettings = (token: string, facts: AccountFacts) => {
    const { baseUrl, profile } = settings.get().musique;
    return build(token, profile, baseUrl, false, facts);
  };

  /** Asks Musique about the token; the session records the answer. */
  const check = async (session: MusiqueSession): Promise<MusiqueSession> => {
    try {
      const result = await session.api.testToken();
      if (!result.valid) {
        throw appError('token_rejected', 'Musique says this API token is not valid.', {
          action: 'Generate a new token in Settings → Musique, or paste a current one.',
        });
      }
      session.facts = {
        boundTo: session.baseUrl,
        permissions: result.permissions,
        testedAt: new Date(now()).toISOString(),
        ...(result.externalId ? { externalId: result.externalId } : {}),
        ...(result.userId !== undefined ? { userId: result.userId } : {}),
      };
      delete session.rejected;
      delete session.unchecked;
      return session;
    } catch (error) {
      if (isAppError(error) && (error.shape.status === 401 || error.code === 'token_rejected'))
        session.rejected = kept(error.shape);
      else if (isAppError(error)) session.unchecked = kept(error.shape);
      throw error;
    }
  };

  /** The saved session, unless the settings now name another address than its token's. */
  const usable = (): MusiqueSession | undefined =>
    saved && sameAddress(saved.baseUrl, settings.get().musique.baseUrl) ? saved : undefined;

  const persistFacts = async (session: MusiqueSession) => {
    if (session === saved) await vault.set(accountSecret, JSON.stringify(session.facts));
  };

  const store: AccountStore = {
    async load() {
      const token = await vault.get(tokenSecret);
      const status = await vault.status();
      if (status.dropped.includes(tokenSecret)) {
        unreadable = appError(
          'token_unreadable',
          'The saved Musique token could not be decrypted on this computer.',
          { action: 'Paste the token again, or generate a new one.' },
        ).shape;
      }
      saved = undefined;
      if (token) {
        const facts = readFacts(await vault.get(accountSecret));
        const { baseUrl, profile } = settings.get().musique;
        // A token saved before addresses were bound belongs to the address in use when it is
        // first loaded; from then on the binding is kept with it.
        const boundTo = facts.boundTo ?? baseUrl;
        saved = build(token, profile, boundTo, false, { ...facts, boundTo });
        if (!facts.boundTo) await vault.set(accountSecret, JSON.stringify(saved.facts));
      }
      heldBack = saved !== undefined && usable() === undefined;
      changed();
    },
    session: () => temporary ?? usable(),
    savedSession: () => saved,
    view() {
      const session = temporary ?? usable();
      const { baseUrl, profile } = session ?? settings.get().musique;
      if (!session) {
        const held = saved ? addressChanged(saved.baseUrl, baseUrl) : undefined;
        const error = held ?? unreadable;
        return {
          status: 'none',
          demo: false,
          permissions: [],
          profile,
          baseUrl,
          ...(saved ? { tokenHint: maskSecret(saved.token) } : {}),
          ...(error ? { error } : {}),
        };
      }
      const parts = tokenParts(session.token);
      const { facts } = session;
      const error = session.rejected ?? session.unchecked;
      return {
        status: session.rejected ? 'rejected' : 'connected',
        demo: session.demo,
        tokenHint: maskSecret(session.token),
        permissions: facts.permissions,
        profile,
        baseUrl,
        ...(parts ? { environment: parts.environment } : {}),
        ...(facts.externalId ? { externalId: facts.externalId } : {}),
        ...(facts.userId !== undefined ? { userId: facts.userId } : {}),
        ...(facts.testedAt ? { testedAt: facts.testedAt } : {}),
        ...(error ? { error } : {}),
      };
    },
    prepareToken(raw) {
      const token = cleanToken(raw);
      if (!token) {
        throw fieldError(
          'token',
          'token_empty',
          'Paste the API token first.',
          'Copy the token Musique gave you and paste it here.',
        );
      }
      if (!tokenParts(token)) {
        throw fieldError(
          'token',
          'token_malformed',
          'This does not look like a Musique API token (expected companyPrefix_environment_hash, e.g. msk_live_1a2b…).',
          'Copy the whole token again; nothing was sent to Musique.',
        );
      }
      return token;
    },
    async save(token, { requireCheck }) {
      // Scrubbed wherever it appears from now on, also if Musique refuses it and echoes it.
      redactor.add(token);
      const candidate = fromSettings(token, { permissions: [] });
      candidate.facts.boundTo = candidate.baseUrl;
      try {
        await check(candidate);
      } catch (error) {
        if (requireCheck || !isAppError(error)) throw error;
      }
      await vault.set(tokenSecret, token);
      saved = candidate;
      heldBack = false;
      unreadable = undefined;
      await persistFacts(candidate);
      changed();
      return candidate;
    },
    async test() {
      const session = temporary ?? usable();
      if (!session) {
        throw appError('not_connected', 'No Musique account is connected.', {
          action: 'Paste an API token or generate one in Settings → Musique.',
        });
      }
      try {
        await check(session);
        await persistFacts(session);
        return session;
      } finally {
        changed();
      }
    },
    async wipe() {
      await vault.deleteAll('musique.');
      saved = undefined;
      heldBack = false;
      unreadable = undefined;
      changed();
    },
    async useTemporary(credentials) {
      const token = cleanToken(credentials.apiToken);
      redactor.add(token);
      const session = build(token, credentials.profile ?? 'v1', credentials.baseUrl, true, {
        permissions: [],
      });
      temporary = session;
      try {
        await check(session);
      } catch (error) {
        // A demo that cannot reach its sandbox still counts as in use (and says why).
        if (!isAppError(error)) throw error;
      } finally {
        changed();
      }
      return session;
    },
    clearTemporary() {
      if (!temporary) return;
      temporary = undefined;
      changed();
    },
    markRejected(session, error) {
      if (session.rejected?.code === error.code) return;
      session.rejected = kept(error);
      changed();
    },
    reconfigure() {
      if (!saved) return false;
      const { baseUrl, profile } = settings.get().musique;
      const held = !sameAddress(saved.baseUrl, baseUrl);
      if (held !== heldBack) {
        heldBack = held;
        changed();
        return !held;
      }
      if (held || saved.profile === profile) return false;
      // Another route profile on the same address: the token follows, its binding unchanged.
      saved = build(saved.token, profile, saved.baseUrl, false, saved.facts);
      changed();
      return true;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}
