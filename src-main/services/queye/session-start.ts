import type { QueyeStatus } from '../../../src-preload/contract/schemas/queye.ts';
import type { Logger } from '../log/logger.ts';
import type { Redactor } from '../log/redactor.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import { fingerprint } from './account-file.ts';
import type { IssuedTokens } from './queye-api.ts';
import { accountRef } from './queye-connection.ts';
import type { LiveSession } from './live-session.ts';
import type { SavedCredentials } from './saved-credentials.ts';
import type { QueyeCredentials, SignInKeys } from './sign-in-keys.ts';
import type { StatusPublisher } from './status-publisher.ts';

/**
 * The two ways a session starts: from what is saved on disk (start-up, and the way out of the
 * demo or of an approval wait), and from fresh tokens (a connect, or an approval that came
 * through). Saved sign-ins keep their secrets in the vault; the demo's stay in memory.
 */
export interface SessionStart {
  /** Back to what is saved: signed in, signed out with a reason, or not configured. */
  restoreSaved(): Promise<void>;
  /** Signs in with tokens just issued for `creds`, replacing any session before it. */
  establish(creds: QueyeCredentials, tokens: IssuedTokens): Promise<void>;
}

export interface SessionStartDeps {
  saved: Pick<SavedCredentials, 'load' | 'save'>;
  settings: SettingsService;
  live: Pick<LiveSession, 'open' | 'close' | 'detach' | 'account' | 'setAccount'>;
  keys: Pick<SignInKeys, 'temporary' | 'hints'>;
  publisher: StatusPublisher;
  log: Logger;
  redactor: Pick<Redactor, 'add'>;
}

export function createSessionStart(deps: SessionStartDeps): SessionStart {
  const { saved, settings, live, keys, publisher } = deps;
  const status = () => publisher.current();
  const set = (next: QueyeStatus) => publisher.set(next);

  return {
    async restoreSaved() {
      live.close();
      const loaded = await saved.load();
      // The secrets go only where they were saved for, whatever the record file now says.
      const baseUrl = loaded.boundTo ?? loaded.record?.baseUrl ?? settings.get().queye.baseUrl;
      if (!loaded.record) {
        live.setAccount(undefined);
        // Keys without their record (the record was damaged, or a save was cut short): they are
        // kept, bound to their address, and Reconnect signs in with them again.
        if (loaded.boundTo && loaded.clientKey && loaded.userKey) {
          set({
            state: 'signed-out',
            demo: false,
            baseUrl,
            reason: 'session-ended',
            canReconnect: true,
            ...(await keys.hints()),
          });
          return;
        }
        set({ state: 'not-configured', demo: false, baseUrl });
        return;
      }
      live.setAccount(accountRef(baseUrl, loaded.record.userId, false));
      const hints = await keys.hints();
      if (loaded.clientKey && loaded.refreshToken) {
        const lost =
          loaded.record.refreshInFlight?.fingerprint === fingerprint(loaded.refreshToken);
        live.open(
          { baseUrl, clientKey: loaded.clientKey, refreshToken: loaded.refreshToken },
          { answerMayHaveBeenLost: lost },
          true,
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
    },

    async establish(creds, tokens) {
      const previous = live.detach();
      previous?.close();
      const demo = keys.temporary() !== undefined;
      if (!demo) {
        await saved.save(
          { baseUrl: creds.baseUrl, userId: tokens.userId, scopes: tokens.scopes },
          { clientKey: creds.clientKey, userKey: creds.userKey, refreshToken: tokens.refreshToken },
        );
        if (settings.get().queye.baseUrl !== creds.baseUrl)
          settings.update({ queye: { baseUrl: creds.baseUrl } });
        // Connecting an account answers the first-run choice: no welcome on the next start.
        if (settings.get().app.mode === 'unset') settings.update({ app: { mode: 'accounts' } });
        publisher.vaultChanged();
      } else {
        deps.redactor.add(tokens.refreshToken);
      }
      // Switching accounts: end the old session upstream, without making the user wait for it.
      if (previous) void previous.revoke(5000);
      live.setAccount(accountRef(creds.baseUrl, tokens.userId, demo));
      live.open(
        { baseUrl: creds.baseUrl, clientKey: creds.clientKey, refreshToken: tokens.refreshToken },
        { issued: tokens },
        !demo,
      );
      publisher.reachability(true);
      set({
        state: 'signed-in',
        demo,
        baseUrl: live.account()?.baseUrl ?? status().baseUrl,
        userId: tokens.userId,
        scopes: tokens.scopes,
        ...(await keys.hints()),
      });
      deps.log.info({ demo }, 'signed in to Queye');
    },
  };
}
