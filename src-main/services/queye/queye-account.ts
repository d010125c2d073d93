import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type {
  QueyeSignedOutReason,
  QueyeStatus,
  QueyeTestResult,
} from '../../../src-preload/contract/schemas/queye.ts';
import { appError, isAppError, type AppError } from '../core/errors.ts';
import type { FeatureContext } from '../core/feature.ts';
import type { HttpClient } from '../http/http-client.ts';
import { UpstreamError } from '../http/upstream-error.ts';
import { maskSecret } from '../vault/mask.ts';
import { fingerprint } from './account-file.ts';
import { startApprovalLoop, type ApprovalLoop } from './approval-loop.ts';
import type { Clock } from '../core/clock.ts';
import { queyeAuthApi, type IssuedTokens } from './queye-api.ts';
import { accountRef, type QueyeAccountRef, type QueyeConnection } from './queye-connection.ts';
import { createStatusPublisher } from './status-publisher.ts';
import { savedCredentials } from './saved-credentials.ts';
import { createTokenSession, type TokenSession } from './token-session.ts';

export interface QueyeCredentials {
  clientKey: string;
  userKey: string;
  baseUrl: string;
}

export interface QueyeAccountOptions {
  context: FeatureContext;
  http: HttpClient;
  clock: Clock;
  random?: () => number;
}

const reasonFor = (code: string): QueyeSignedOutReason =>
  code === 'invalid_user_key'
    ? 'user-key-rejected'
    : code.includes('client_key')
      ? 'client-key-rejected'
      : 'session-ended';

/** The `apr_…` ID Queye returns with `approval_required` (body field, else in the message). */
export function approvalRequestId(error: UpstreamError): string {
  const body = error.info.body as { error?: Record<string, unknown> } | undefined;
  const field = body?.error?.request_id ?? body?.error?.requestId;
  if (typeof field === 'string' && field) return field;
  return (
    /\bapr_[A-Za-z0-9]+/.exec(error.info.upstreamMessage ?? '')?.[0] ?? error.info.requestId ?? ''
  );
}

/**
 * The Queye sign-in as a state machine: not configured → connecting → (awaiting approval →)
 * signed in → signed out. Saved sign-ins keep their secrets in the vault; the demo's temporary
 * credentials live in memory only and never touch the vault or the settings.
 */
export function createQueyeAccount(options: QueyeAccountOptions) {
  const { context, http, clock } = options;
  const log = context.log.child({ service: 'queye' });
  const auth = queyeAuthApi(http);
  const saved = savedCredentials(context.vault, context.dataDir, context.damagedFiles);
  const publisher = createStatusPublisher(context, {
    state: 'not-configured',
    demo: false,
    baseUrl: context.settings.get().queye.baseUrl,
  });
  let session: TokenSession | undefined;
  let account: QueyeAccountRef | undefined;
  let temporary: QueyeCredentials | undefined;
  let approval: { loop: ApprovalLoop; generation: number } | undefined;
  let generation = 0;
  let queue: Promise<unknown> = Promise.resolve();

  // Sign-in changes never overlap: a double click or a sign-out during a connect waits its turn.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const status = () => publisher.current();
  const set = (next: QueyeStatus) => publisher.set(next);

  const hintsOf = async (creds?: QueyeCredentials) =>
    creds
      ? { clientKeyHint: maskSecret(creds.clientKey), userKeyHint: maskSecret(creds.userKey) }
      : { clientKeyHint: await saved.hint('clientKey'), userKeyHint: await saved.hint('userKey') };

  const stopApproval = () => {
    approval?.loop.cancel();
    approval = undefined;
  };

  const closeSession = () => {
    session?.close();
    session = undefined;
  };

  const signedIn = async (tokensUserId: string, scopes: string[]) =>
    set({
      state: 'signed-in',
      demo: temporary !== undefined,
      baseUrl: account?.baseUrl ?? status().baseUrl,
      userId: tokensUserId,
      scopes,
      ...(await hintsOf(temporary)),
    });

  const makeSession = (
    creds: { baseUrl: string; clientKey: string; refreshToken: string },
    extra: { issued?: IssuedTokens; answerMayHaveBeenLost?: boolean },
  ): TokenSession => {
    const persist = temporary === undefined;
    const created: TokenSession = createTokenSession({
      http,
      auth,
      clock,
      log,
      redactor: context.redactor,
      ...creds,
      ...extra,
      hooks: {
        beforeRefresh: (token) => (persist ? saved.markRefreshInFlight(token) : Promise.resolve()),
        afterRefresh: async (tokens) => {
          if (persist) await saved.storeRefresh(tokens);
          if (session === created && status().state === 'signed-in') {
            set({ ...status(), userId: tokens.userId, scopes: tokens.scopes });
          }
        },
        async recover(_error, answerMayHaveBeenLost) {
          if (!answerMayHaveBeenLost) return undefined;
          const userKey = persist ? await saved.get('userKey') : temporary?.userKey;
          if (!userKey) return undefined;
          return auth.exchange(creds.baseUrl, creds.clientKey, userKey);
        },
        ended: (error) => {
          if (session !== created) return;
          void serial(() => sessionEnded(error, persist));
        },
        reachability: (reachable, error) => {
          if (session === created) publisher.reachability(reachable, error?.shape);
        },
      },
    });
    return created;
  };

  const sessionEnded = async (error: AppError, persist: boolean) => {
    session = undefined;
    const reason = reasonFor(error.code);
    if (persist) {
      await saved.forgetRefreshToken();
      if (reason === 'user-key-rejected') await saved.forgetUserKey();
    }
    log.warn({ code: error.code, requestId: error.shape.requestId }, 'Queye session ended');
    const canReconnect = persist
      ? reason !== 'user-key-rejected' && (await saved.get('userKey')) !== undefined
      : false;
    set({
      ...status(),
      state: 'signed-out',
      reason,
      canReconnect,
      error: error.shape,
      approval: undefined,
    });
    publisher.vaultChanged();
  };

  /** Back to what is saved on disk: the start-up path, and the way out of the demo. */
  const restoreSaved = async () => {
    closeSession();
    stopApproval();
    const loaded = await saved.load();
    // The secrets go only where they were saved for, whatever the record file now says.
    const baseUrl =
      loaded.boundTo ?? loaded.record?.baseUrl ?? context.settings.get().queye.baseUrl;
    if (!loaded.record) {
      account = undefined;
      // Keys without their record (the record was damaged, or a save was cut short): they are
      // kept, bound to their address, and Reconnect signs in with them again.
      if (loaded.boundTo && loaded.clientKey && loaded.userKey) {
        set({
          state: 'signed-out',
          demo: false,
          baseUrl,
          reason: 'session-ended',
          canReconnect: true,
          ...(await hintsOf()),
        });
        return;
      }
      set({ state: 'not-configured', demo: false, baseUrl });
      return;
    }
    account = accountRef(baseUrl, loaded.record.userId, false);
    const hints = await hintsOf();
    if (loaded.clientKey && loaded.refreshToken) {
      const lost = loaded.record.refreshInFlight?.fingerprint === fingerprint(loaded.refreshToken);
      session = makeSession(
        { baseUrl, clientKey: loaded.clientKey, refreshToken: loaded.refreshToken },
        { answerMayHaveBeenLost: lost },
      );
      publisher.reachability(undefined);
      set({
        state: 'signed-in',
        demo: false,
        baseUrl,
        userId: loaded.record.userId,
        scopes: loaded.record.scopes,
        ...hints,
      });
      return;
    }
    set({
      state: 'signed-out',
      demo: false,
      baseUrl,
      userId: loaded.record.userId,
      reason: loaded.dropped.length ? 'secret-dropped' : 'not-stored',
      canReconnect: loaded.clientKey !== undefined && loaded.userKey !== undefined,
      ...hints,
    });
  };

  const establish = async (creds: QueyeCredentials, tokens: IssuedTokens) => {
    const previous = session;
    closeSession();
    stopApproval();
    if (temporary === undefined) {
      await saved.save(
        { baseUrl: creds.baseUrl, userId: tokens.userId, scopes: tokens.scopes },
        { clientKey: creds.clientKey, userKey: creds.userKey, refreshToken: tokens.refreshToken },
      );
      if (context.settings.get().queye.baseUrl !== creds.baseUrl)
        context.settings.update({ queye: { baseUrl: creds.baseUrl } });
      // Connecting an account answers the first-run choice: no welcome on the next start.
      if (context.settings.get().app.mode === 'unset')
        context.settings.update({ app: { mode: 'accounts' } });
      publisher.vaultChanged();
    } else {
      context.redactor.add(tokens.refreshToken);
    }
    // Switching accounts: end the old session upstream, without making the user wait for it.
    if (previous) void previous.revoke(5000);
    account = accountRef(creds.baseUrl, tokens.userId, temporary !== undefined);
    session = makeSession(
      { baseUrl: creds.baseUrl, clientKey: creds.clientKey, refreshToken: tokens.refreshToken },
      { issued: tokens },
    );
    publisher.reachability(true);
    await signedIn(tokens.userId, tokens.scopes);
    log.info({ demo: temporary !== undefined }, 'signed in to Queye');
  };

  const awaitApproval = (creds: QueyeCredentials, requestId: string) => {
    stopApproval();
    const mine = ++generation;
    const base = { ...status(), state: 'awaiting-approval' as const, error: undefined };
    const show = (attempts: number, extra: { nextAttemptAt?: number; id?: string } = {}) =>
      set({
        ...base,
        approval: {
          requestId: extra.id ?? status().approval?.requestId ?? requestId,
          attempts,
          lastCheckedAt: new Date(clock.now()).toISOString(),
          ...(extra.nextAttemptAt
            ? { nextAttemptAt: new Date(extra.nextAttemptAt).toISOString() }
            : {}),
        },
      });
    show(1);
    const loop = startApprovalLoop({
      clock,
      random: options.random,
      initialAttempts: 1,
      onWaiting: (attempts, nextAttemptAt) => {
        if (generation === mine) show(attempts, { nextAttemptAt });
      },
      attempt: async () => {
        try {
          const tokens = await auth.exchange(creds.baseUrl, creds.clientKey, creds.userKey);
          if (generation !== mine) return true;
          await serial(() => (generation === mine ? establish(creds, tokens) : Promise.resolve()));
          return true;
        } catch (error) {
          if (generation !== mine) return true;
          if (error instanceof UpstreamError && error.info.code === 'approval_required') {
            show(loop.attempts, { id: approvalRequestId(error) });
            return false;
          }
          // Offline for a moment: keep waiting. Anything else ends the wait with its message.
          if (error instanceof UpstreamError && error.status === 0) return false;
          approval = undefined;
          generation++;
          void serial(() => leaveApproval(shapeOf(error)));
          return true;
        }
      },
    });
    approval = { loop, generation: mine };
  };

  /** The wait for approval ended without a sign-in: back to the saved state, with the reason. */
  const leaveApproval = async (error?: ApiErrorShape) => {
    if (temporary) {
      set({
        ...status(),
        state: 'signed-out',
        reason: 'session-ended',
        approval: undefined,
        error,
      });
      return;
    }
    await restoreSaved();
    if (error) set({ ...status(), error });
  };

  const connect = async (creds: QueyeCredentials): Promise<QueyeStatus> => {
    const before = status();
    stopApproval();
    generation++;
    set({
      ...before,
      state: 'connecting',
      demo: temporary !== undefined,
      baseUrl: creds.baseUrl,
      error: undefined,
    });
    try {
      const tokens = await auth.exchange(creds.baseUrl, creds.clientKey, creds.userKey);
      await establish(creds, tokens);
    } catch (error) {
      if (error instanceof UpstreamError && error.info.code === 'approval_required') {
        set({ ...status(), ...(await hintsOf(creds)), userKeyHint: maskSecret(creds.userKey) });
        awaitApproval(creds, approvalRequestId(error));
        return status();
      }
      set({ ...before, error: shapeOf(error) });
      throw error;
    }
    return status();
  };

  const connection: QueyeConnection = {
    request(request) {
      if (!session) return Promise.reject(signedOutError());
      return session.request(request);
    },
    status,
    account: () => account,
    canRequest: () => session !== undefined,
    onChange: (listener) => publisher.onChange(listener),
  };

  return {
    connection,
    status,
    start: () => serial(restoreSaved),
    connect: (creds: QueyeCredentials) => {
      if (temporary) return Promise.reject(demoActive());
      return serial(() => connect(creds));
    },
    reconnect: () =>
      serial(async () => {
        if (temporary) throw demoActive();
        const clientKey = await saved.get('clientKey');
        const userKey = await saved.get('userKey');
        // The saved keys' own address — never the one shown now, which a connect with other
        // keys (awaiting approval, say) may have changed.
        const baseUrl = await saved.boundTo();
        if (!clientKey || !userKey || !baseUrl) throw nothingToReconnect();
        try {
          return await connect({ clientKey, userKey, baseUrl });
        } catch (error) {
          if (isAppError(error) && error.code === 'invalid_user_key') {
            // The stored key was rotated or revoked: it will never work again.
            await saved.forgetUserKey();
            set({ ...status(), reason: 'user-key-rejected', canReconnect: false });
            publisher.vaultChanged();
          }
          throw error;
        }
      }),
    async retryApproval() {
      if (!approval) return status();
      await approval.loop.checkNow();
      return status();
    },
    cancelApproval: () =>
      serial(async () => {
        if (!approval) return status();
        stopApproval();
        generation++;
        await leaveApproval();
        return status();
      }),
    signOut: () =>
      serial(async () => {
        if (temporary) throw demoActive();
        stopApproval();
        generation++;
        const ending = session;
        session = undefined;
        const revoked = ending ? await ending.revoke(5000) : true;
        await saved.wipe();
        account = undefined;
        publisher.vaultChanged();
        set({
          state: 'not-configured',
          demo: false,
          baseUrl: context.settings.get().queye.baseUrl,
          ...(revoked ? {} : { error: revokeUnconfirmed() }),
        });
        log.info({ revoked }, 'signed out of Queye');
        return status();
      }),
    async test(creds: QueyeCredentials): Promise<QueyeTestResult> {
      const health = await auth.health(creds.baseUrl);
      try {
        const tokens = await auth.exchange(creds.baseUrl, creds.clientKey, creds.userKey);
        context.redactor.add(tokens.accessToken);
        context.redactor.add(tokens.refreshToken);
        // A test must not leave a live session behind.
        await auth
          .revoke(creds.baseUrl, creds.clientKey, tokens.accessToken)
          .catch(() => undefined);
        return { health, exchange: { ok: true, userId: tokens.userId, scopes: tokens.scopes } };
      } catch (error) {
        if (error instanceof UpstreamError && error.info.code === 'approval_required')
          return { health, exchange: { ok: false, approvalRequestId: approvalRequestId(error) } };
        throw error;
      }
    },
    useTemporaryCredentials: (creds: QueyeCredentials) =>
      serial(async () => {
        closeSession();
        stopApproval();
        temporary = creds;
        context.redactor.add(creds.clientKey);
        context.redactor.add(creds.userKey);
        return connect(creds);
      }),
    clearTemporaryCredentials: () =>
      serial(async () => {
        if (!temporary) return status();
        stopApproval();
        generation++;
        const ending = session;
        session = undefined;
        if (ending) await ending.revoke(2000);
        temporary = undefined;
        await restoreSaved();
        return status();
      }),
    /**
     * A freshly rotated user key replaces the saved one right here in main: the old key no
     * longer works for new sign-ins, and the new one never crosses the bridge (only its hint).
     */
    storeRotatedKey: (key: string) =>
      serial(async () => {
        context.redactor.add(key);
        if (temporary) temporary = { ...temporary, userKey: key };
        else await saved.storeUserKey(key);
        set({ ...status(), userKeyHint: maskSecret(key) });
        publisher.vaultChanged();
        return status();
      }),
    clientKey: async () => temporary?.clientKey ?? (await saved.get('clientKey')),
    /** Asks Queye whether the sign-in works; the answer (or silence) updates the status. */
    probe: async () => {
      if (session) await session.request({ path: '/library/summary' }).catch(() => undefined);
      return publisher.connection();
    },
    health: () => auth.health(status().baseUrl),
    /** Stops timers and waits for a refresh that is writing the vault, then for queued work. */
    async dispose() {
      stopApproval();
      generation++;
      const ending = session;
      closeSession();
      await ending?.settled();
      await queue;
    },
  };
}

export type QueyeAccount = ReturnType<typeof createQueyeAccount>;

function shapeOf(error: unknown): ApiErrorShape | undefined {
  return isAppError(error) ? error.shape : undefined;
}

function signedOutError(): AppError {
  return appError('signed_out', 'Aislecast is not signed in to Queye Music.', {
    service: 'queye',
    action: 'Connect your account in Settings → Queye Music.',
  });
}

function demoActive(): AppError {
  return appError('demo_active', 'The demo is using the built-in Queye sandbox right now.', {
    service: 'queye',
    action: 'Leave the demo (banner at the top), then connect your own account.',
  });
}

function nothingToReconnect(): AppError {
  return appError('no_saved_key', 'Aislecast has no saved user key to reconnect with.', {
    service: 'queye',
    action: 'Enter your client key and user API key, then connect.',
  });
}

function revokeUnconfirmed(): ApiErrorShape {
  return {
    code: 'revoke_unconfirmed',
    service: 'queye',
    message: 'Signed out here, but Queye Music could not be reached to end the session there.',
    action:
      'Nothing is stored on this computer any more. To be sure, revoke "Aislecast" under Connected apps in your Queye account.',
  };
}
