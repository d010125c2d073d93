/**
 * Connecting the broadcaster: paste a token or generate one, test it, revoke or forget it.
 * Failures that belong to a form field carry `details.field` so the settings page shows them
 * there.
 */
import { cleanToken } from '../../../src-preload/contract/schemas/musique.ts';
import { AppError, appError, isAppError } from '../core/errors.ts';
import type { HandlersOf } from '../core/feature.ts';
import type { HttpClient } from '../http/http-client.ts';
import type { Logger } from '../log/logger.ts';
import type { Redactor } from '../log/redactor.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { AccountStore } from './account.ts';
import { generateToken } from './client.ts';
import { musiqueRoutes } from './routes.ts';
import type { AnnouncementLibrary } from './announcement-library.ts';
import { sessionLibraryKey, type SessionGate } from './session-gate.ts';

const demoActive = () =>
  appError('demo_active', 'The demo is using Musique right now.', {
    action: 'Leave the demo first, then connect your own Musique account.',
  });

/** The same failure, shown at a form field. */
function atField(error: unknown, field: string): unknown {
  if (!isAppError(error)) return error;
  return new AppError(
    { ...error.shape, details: { ...error.shape.details, field } },
    { cause: error },
  );
}

const externalIdProblem = (value: string): string | undefined => {
  if (!value) return 'Enter the External ID this computer will use (for example hq_marketing).';
  if (value.length > 100) return 'An External ID is at most 100 characters.';
  if (/\s/.test(value)) return 'An External ID has no spaces.';
  return undefined;
};

export interface AccountHandlerDeps {
  account: AccountStore;
  gate: SessionGate;
  /** A forgotten account's cached library goes with it. */
  library: Pick<AnnouncementLibrary, 'drop'>;
  /** Token generation runs before there is a session, on the feature's client. */
  http: HttpClient;
  /** Where token generation is sent (the profile and base URL in the settings). */
  settings: Pick<SettingsService, 'get'>;
  /** A company token or new API token is scrubbed from every log line once seen. */
  redactor: Pick<Redactor, 'add'>;
  log: Logger;
}

export function accountHandlers(deps: AccountHandlerDeps) {
  const { account, gate, library, http, settings, redactor, log } = deps;
  const noDemo = () => {
    if (account.session()?.demo) throw demoActive();
  };

  /** Forgets the saved account here, with its cached library. */
  const wipe = async () => {
    // The saved account's cache, also when its token is held back for another address.
    const key = sessionLibraryKey(account.session() ?? account.savedSession());
    await account.wipe();
    if (key) await library.drop(key);
  };

  return {
    'musique.account': () => account.view(),

    async 'musique.connect'({ token }) {
      noDemo();
      const cleaned = account.prepareToken(token);
      try {
        await account.save(cleaned, { requireCheck: true });
      } catch (error) {
        if (isAppError(error)) log.info({ code: error.code }, 'musique token refused');
        throw atField(error, 'token');
      }
      const view = account.view();
      log.info(
        { externalId: view.externalId, environment: view.environment?.name },
        'musique token connected',
      );
      return view;
    },

    async 'musique.generateToken'(args) {
      noDemo();
      const externalId = args.externalId.trim();
      const companyToken = cleanToken(args.companyToken);
      const idProblem = externalIdProblem(externalId);
      if (idProblem)
        throw appError('external_id_invalid', idProblem, {
          action: 'Correct the External ID.',
          details: { field: 'externalId' },
        });
      if (!companyToken) {
        throw appError(
          'company_token_empty',
          'Paste the company token Musique gave you at onboarding.',
          {
            action: 'It usually starts with comp_.',
            details: { field: 'companyToken' },
          },
        );
      }
      // Scrubbed from every log line from now on, whatever logs it.
      redactor.add(companyToken);
      const { baseUrl, profile } = settings.get().musique;
      let token: string;
      try {
        token = await generateToken(
          http,
          musiqueRoutes(profile, baseUrl),
          externalId,
          companyToken,
        );
      } catch (error) {
        if (!isAppError(error)) throw error;
        log.info(
          { code: error.code, requestId: error.shape.requestId },
          'musique token generation refused',
        );
        if (error.code === 'invalid_company_token') throw atField(error, 'companyToken');
        if (error.code === 'external_id_in_use') throw atField(error, 'externalId');
        if (error.shape.status === 403) {
          throw new AppError({
            ...error.shape,
            message: 'This company account is not set up for Partner API access.',
            action:
              'Contact support@musique.app with your company name and External ID to have it enabled.',
          });
        }
        throw error;
      }
      redactor.add(token);
      // The token now exists at Musique: keep it even if it cannot be tested right away.
      await account.save(token, { requireCheck: false });
      log.info({ externalId }, 'musique token generated');
      return account.view();
    },

    async 'musique.testToken'() {
      const session = gate.session();
      try {
        await gate.guard(session, () => account.test());
      } catch (error) {
        // The view carries the refusal (or why the test could not run).
        if (!isAppError(error)) throw error;
      }
      return account.view();
    },

    async 'musique.revokeToken'() {
      noDemo();
      const session = gate.session();
      try {
        await session.api.revokeToken();
      } catch (error) {
        const alreadyDead = isAppError(error) && error.shape.status === 401;
        if (!alreadyDead) {
          if (isAppError(error)) {
            throw new AppError({
              ...error.shape,
              action: `${error.shape.action ?? 'Try again.'} Or choose “Remove from this computer” to forget the token here without revoking it.`,
            });
          }
          throw error;
        }
      }
      await wipe();
      log.info('musique token revoked and forgotten');
      return account.view();
    },

    async 'musique.forget'() {
      noDemo();
      await wipe();
      log.info('musique token forgotten on this computer');
      return account.view();
    },
  } satisfies Partial<HandlersOf<'musique'>>;
}
