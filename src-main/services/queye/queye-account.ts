import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import type { ServiceConnection } from '../../../src-preload/contract/schemas/connection.ts';
import type { QueyeStatus } from '../../../src-preload/contract/schemas/queye.ts';
import { isAppError } from '../core/errors.ts';
import type { FeatureContext } from '../core/feature.ts';
import { createSerialQueue } from '../core/serial-queue.ts';
import type { HttpClient } from '../http/http-client.ts';
import { maskSecret } from '../vault/mask.ts';
import { createApprovalWait, type ApprovalWait } from './approval-wait.ts';
import type { Clock } from '../core/clock.ts';
import type { QueyeAuthApi } from './queye-api.ts';
import type { QueyeConnection } from './queye-connection.ts';
import { createLiveSession, type LiveSession } from './live-session.ts';
import { createSavedCredentials, type SavedCredentials } from './saved-credentials.ts';
import { createSessionStart, type SessionStart } from './session-start.ts';
import {
  createSignInKeys,
  hintsOf,
  type QueyeCredentials,
  type SignInKeys,
} from './sign-in-keys.ts';
import {
  approvalRequestId,
  demoActive,
  isApprovalRequired,
  nothingToReconnect,
  revokeUnconfirmed,
  shapeOf,
} from './sign-in-errors.ts';
import { createStatusPublisher, type StatusPublisher } from './status-publisher.ts';

/**
 * The Queye sign-in as a state machine: not configured → connecting → (awaiting approval →)
 * signed in → signed out. This file only orders the moves; each part lives in its own module:
 * which keys (sign-in-keys.ts), the live token session (live-session.ts), how a session starts
 * (session-start.ts), the wait for approval (approval-wait.ts).
 */
export interface QueyeAccount {
  connection: QueyeConnection;
  status(): QueyeStatus;
  /** Loads the saved sign-in (start-up). */
  start(): Promise<void>;
  connect(creds: QueyeCredentials): Promise<QueyeStatus>;
  /** Signs in again with the saved keys, at the address they were saved for. */
  reconnect(): Promise<QueyeStatus>;
  retryApproval(): Promise<QueyeStatus>;
  cancelApproval(): Promise<QueyeStatus>;
  signOut(): Promise<QueyeStatus>;
  /** Demo mode: connects with these credentials, held in memory only. */
  useTemporaryCredentials(creds: QueyeCredentials): Promise<QueyeStatus>;
  /** Leaves the temporary credentials and returns to whatever account is saved. */
  clearTemporaryCredentials(): Promise<QueyeStatus>;
  /**
   * A freshly rotated user key replaces the saved one right here in main: the old key no
   * longer works for new sign-ins, and the new one never crosses the bridge (only its hint).
   */
  storeRotatedKey(key: string): Promise<QueyeStatus>;
  clientKey(): Promise<string | undefined>;
  /** Asks Queye whether the sign-in works; the answer (or silence) updates the status. */
  probe(): Promise<ServiceConnection>;
  /** Stops timers and waits for a refresh that is writing the vault, then for queued work. */
  dispose(): Promise<void>;
}

export interface QueyeAccountDeps {
  context: FeatureContext;
  http: HttpClient;
  auth: QueyeAuthApi;
  clock: Clock;
  random?: () => number;
}

export function createQueyeAccount(deps: QueyeAccountDeps): QueyeAccount {
  const { context, clock, auth } = deps;
  const log = context.log.child({ service: 'queye' });
  const saved: SavedCredentials = createSavedCredentials(
    context.vault,
    context.dataDir,
    context.damagedFiles,
  );
  const publisher: StatusPublisher = createStatusPublisher(context, {
    state: 'not-configured',
    demo: false,
    baseUrl: context.settings.get().queye.baseUrl,
  });
  // Sign-in changes never overlap: a double click or a sign-out during a connect waits its turn.
  const queue = createSerialQueue();
  const serial = <T>(work: () => Promise<T>): Promise<T> => queue.run(work);
  const keys: SignInKeys = createSignInKeys({ saved, redactor: context.redactor });
  const live: LiveSession = createLiveSession({
    http: deps.http,
    auth,
    clock,
    log,
    redactor: context.redactor,
    saved,
    keys,
    publisher,
    queue,
  });
  const sessions: SessionStart = createSessionStart({
    saved,
    settings: context.settings,
    live,
    keys,
    publisher,
    log,
    redactor: context.redactor,
  });
  const status = () => publisher.current();
  const set = (next: QueyeStatus) => publisher.set(next);

  // Either way a session starts, the wait for approval is over.
  const establish: SessionStart['establish'] = (creds, tokens) => {
    approval.stop();
    return sessions.establish(creds, tokens);
  };
  const restoreSaved = () => {
    approval.stop();
    return sessions.restoreSaved();
  };

  /** The wait for approval ended without a sign-in: back to the saved state, with the reason. */
  const leaveApproval = async (error?: ApiErrorShape) => {
    if (keys.temporary()) {
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

  const approval: ApprovalWait = createApprovalWait({
    clock,
    random: deps.random,
    auth,
    publisher,
    queue,
    approved: establish,
    failed: leaveApproval,
  });

  const connect = async (creds: QueyeCredentials): Promise<QueyeStatus> => {
    const before = status();
    approval.stop();
    set({
      ...before,
      state: 'connecting',
      demo: keys.temporary() !== undefined,
      baseUrl: creds.baseUrl,
      error: undefined,
    });
    try {
      const tokens = await auth.exchange(creds.baseUrl, creds.clientKey, creds.userKey);
      await establish(creds, tokens);
    } catch (error) {
      if (isApprovalRequired(error)) {
        set({ ...status(), ...hintsOf(creds) });
        approval.start(creds, approvalRequestId(error));
        return status();
      }
      set({ ...before, error: shapeOf(error) });
      throw error;
    }
    return status();
  };

  /** Ends the session here and upstream; what is saved stays for `then` to decide. */
  const endSession = async (timeoutMs: number) => {
    approval.stop();
    const ending = live.detach();
    return ending ? ending.revoke(timeoutMs) : true;
  };

  return {
    connection: live.connection,
    status,
    start: () => serial(restoreSaved),
    connect: (creds) => {
      if (keys.temporary()) return Promise.reject(demoActive());
      return serial(() => connect(creds));
    },
    reconnect: () =>
      serial(async () => {
        if (keys.temporary()) throw demoActive();
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
      await approval.checkNow();
      return status();
    },
    cancelApproval: () =>
      serial(async () => {
        if (!approval.active()) return status();
        approval.stop();
        await leaveApproval();
        return status();
      }),
    signOut: () =>
      serial(async () => {
        if (keys.temporary()) throw demoActive();
        const revoked = await endSession(5000);
        await saved.wipe();
        live.setAccount(undefined);
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
    useTemporaryCredentials: (creds) =>
      serial(async () => {
        live.close();
        approval.stop();
        keys.useTemporary(creds);
        return connect(creds);
      }),
    clearTemporaryCredentials: () =>
      serial(async () => {
        if (!keys.temporary()) return status();
        await endSession(2000);
        keys.clearTemporary();
        await restoreSaved();
        return status();
      }),
    storeRotatedKey: (key) =>
      serial(async () => {
        await keys.storeRotatedUserKey(key);
        set({ ...status(), userKeyHint: maskSecret(key) });
        publisher.vaultChanged();
        return status();
      }),
    clientKey: () => keys.clientKey(),
    probe: () => live.probe(),
    async dispose() {
      approval.stop();
      const ending = live.detach();
      ending?.close();
      await ending?.settled();
      await queue.idle();
    },
  };
}
