import type { CallsOf, HandlersOf } from '../core/feature.ts';
import type { SettingsService } from '../settings/settings-service.ts';
import type { AccountSecurity } from './account-security.ts';
import type { CredentialCheck } from './credential-check.ts';
import type { QueyeAccount } from './queye-account.ts';

/** Derived from the contract: a call added there fails to compile here until it is handled. */
export type QueyeCallName = CallsOf<'queye'>;

export interface QueyeHandlersDeps {
  account: Pick<
    QueyeAccount,
    'status' | 'connect' | 'reconnect' | 'retryApproval' | 'cancelApproval' | 'signOut'
  >;
  check: CredentialCheck;
  security: AccountSecurity;
  settings: Pick<SettingsService, 'get'>;
}

export function queyeHandlers({
  account,
  check,
  security,
  settings,
}: QueyeHandlersDeps): HandlersOf<'queye'> {
  // Keys arrive cleaned and shape-checked by the contract's schema; the base URL defaults to
  // the saved setting (already https or loopback).
  const credentials = (args: { clientKey: string; userKey: string; baseUrl?: string }) => ({
    clientKey: args.clientKey,
    userKey: args.userKey,
    baseUrl: args.baseUrl ?? settings.get().queye.baseUrl,
  });
  return {
    'queye.status': () => account.status(),
    'queye.test': (args) => check.test(credentials(args)),
    'queye.connect': (args) => account.connect(credentials(args)),
    'queye.reconnect': () => account.reconnect(),
    'queye.retryApproval': () => account.retryApproval(),
    'queye.cancelApproval': () => account.cancelApproval(),
    'queye.signOut': () => account.signOut(),
    'queye.keyInfo': () => security.keyInfo(),
    'queye.rotateKey': () => security.rotate(),
    'queye.lockKey': () => security.lock(),
    'queye.clients': () => security.clients(),
    'queye.decideClient': ({ clientId, decision }) => security.decide(clientId, decision),
    'queye.accessLog': (args) => security.accessLog(args?.cursor),
  };
}
