/**
 * The Musique feature: the broadcaster's account, service status, quota, audio library,
 * uploads, usage log, and the `audio` media kind for previews. Also the demo's entry points,
 * `useTemporaryCredentials` / `clearTemporaryCredentials`, which point the feature at the
 * built-in sandbox without touching the vault or the settings.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MusiqueAccount } from '../../../src-preload/contract/schemas/musique.ts';
import type { CallsOf, Feature, FeatureContext, HandlersOf } from '../core/feature.ts';
import type { MusiqueSession, TemporaryCredentials } from './account.ts';
import type { FollowingClock, GovernorClock } from './governor/clock.ts';
import type { Governor } from './governor/governor.ts';
import { accountHandlers } from './account-handlers.ts';
import { announcementLibraryHandlers } from './announcement-library-handlers.ts';
import { createAudioMediaProvider } from './media-provider.ts';
import { createMusiqueServices, type MusiqueFeatureOptions } from './runtime.ts';
import { sessionLibraryKey } from './session-gate.ts';

export type { TemporaryCredentials } from './account.ts';
// What the broadcast outbox sends with, typed from this entry (the folder's only way in).
export type { MusiqueApi } from './client.ts';
export type { GovernorClock } from './governor/clock.ts';
export type { Governor } from './governor/governor.ts';
export type { MusiqueFeatureOptions } from './runtime.ts';

export type MusiqueFeature = Feature<CallsOf<'musique'>> & {
  /**
   * Connects with these credentials held in memory only (never the vault or the settings),
   * reported with `demo: true`. Resolves with the account view, also when the token could not
   * be checked (the view then carries the error).
   */
  useTemporaryCredentials(credentials: TemporaryCredentials): Promise<MusiqueAccount>;
  /** Drops the temporary credentials and returns to the saved account (or none). */
  clearTemporaryCredentials(): Promise<MusiqueAccount>;
  /** What the broadcast outbox sends with: the session, and the governor every call shares. */
  sending: SendingPort;
  /**
   * Reads the time from `source` (the demo sandbox's clock) until called with `undefined`:
   * the governor, the rate windows and the outbox then agree with the Musique in use.
   */
  followClock(source: (() => number) | undefined): void;
};

export interface SendingPort {
  /** The session to send with, or undefined when none is connected (or Musique refused it). */
  session(): MusiqueSession | undefined;
  /** Refuses early (no request) when the token is known to lack `permission`. */
  require(session: MusiqueSession, permission: string): void;
  /** Runs a call with the session's token, feeding its outcome to the connection state. */
  guard<T>(session: MusiqueSession, work: () => Promise<T>): Promise<T>;
  governor: Governor;
  clock: GovernorClock;
}

export function createMusiqueFeature(
  context: FeatureContext,
  options: MusiqueFeatureOptions = {},
): MusiqueFeature {
  const log = context.log.child({ service: 'musique' });
  const { lifetime, http, account, library, status, quota, governor, staging, uploader, gate } =
    createMusiqueServices(context, log, options);

  // Whenever the session changes (connect, revoke, demo, settings), everything that belongs to
  // one account follows: quota, status, which cached library is shown, the connection state.
  let identity: string | undefined;
  let libraryKey: string | undefined;
  const follow = async () => {
    const session = account.session();
    const next = session
      ? `${session.demo}|${session.token}|${session.profile}|${session.baseUrl}`
      : undefined;
    if (next !== identity) {
      identity = next;
      quota.reset();
      status.reset();
    }
    const key = sessionLibraryKey(session);
    if (session?.facts.testedAt && !session.facts.externalId && key !== libraryKey) {
      log.info(
        { userId: session.facts.userId },
        'Musique did not say which External ID this token belongs to; its library is kept under the user ID or a fingerprint of the token',
      );
    }
    if (key !== libraryKey) {
      libraryKey = key;
      await library.use(session && key ? { api: session.api, key } : undefined);
    }
    context.events.emit('musique.accountChanged', account.view());
    status.publish(session);
  };
  let following: Promise<void> = Promise.resolve();
  const onAccountChange = () => {
    following = following.then(follow).catch((error: unknown) => {
      log.error({ err: error }, 'could not switch Musique accounts');
    });
  };

  /** Token test and health, in the background: the sidebar learns how Musique is doing. */
  let probing: Promise<void> | undefined;
  const probe = () =>
    (probing ??= (async () => {
      const session = account.session();
      if (!session || lifetime.signal.aborted) return;
      await gate.guard(session, () => account.test()).catch(() => undefined);
      await status.check(session).catch(() => undefined);
    })().finally(() => {
      probing = undefined;
    }));

  context.media.register(
    'audio',
    createAudioMediaProvider({
      fetch: context.fetch,
      log,
      async resolve(id) {
        const session = account.session();
        if (!session) return undefined;
        const item =
          library.known(id) ??
          (await gate.guard(session, () => session.api.get(id)).catch(() => undefined));
        if (!item?.url) return undefined;
        return { url: item.url, apiRoot: session.routes.root, token: session.token };
      },
    }),
  );

  const disposers: Array<() => unknown> = [
    account.onChange(onAccountChange),
    context.settings.onChange(() => {
      if (account.reconfigure()) void following.then(probe);
    }),
  ];
  // The two handler files split the namespace; together they must cover every `musique.*` call.
  const handlers: HandlersOf<'musique'> = {
    ...accountHandlers({
      account,
      gate,
      library,
      http,
      settings: context.settings,
      redactor: context.redactor,
      log,
    }),
    ...announcementLibraryHandlers({
      gate,
      library,
      status,
      quota,
      account,
      staging,
      uploader,
      log,
    }),
  };
  return {
    handlers,
    async start() {
      context.connection.setProbe('musique', async () => {
        await probe();
        await following;
        return context.connection.status().musique;
      });
      await mkdir(join(context.dataDir, 'musique'), { recursive: true });
      // Staged files of an earlier run have no owner any more: the renderer's File is gone.
      await staging.clear();
      await account.load();
      await following;
      void probe();
    },
    async dispose() {
      for (const dispose of disposers.splice(0)) dispose();
      lifetime.abort();
      await probing;
      await following;
      await staging.clear();
    },
    async useTemporaryCredentials(credentials) {
      await account.useTemporary(credentials);
      await following;
      return account.view();
    },
    followClock(source) {
      // A clock a test injected stays as it is.
      if ('follow' in governor.clock) (governor.clock as FollowingClock).follow(source);
    },
    async clearTemporaryCredentials() {
      account.clearTemporary();
      await following;
      return account.view();
    },
    sending: {
      session() {
        const session = account.session();
        return session && !session.rejected ? session : undefined;
      },
      require: (session, permission) => gate.require(session, permission),
      guard: (session, work) => gate.guard(session, work),
      governor,
      clock: governor.clock,
    },
  };
}
