import { calls } from '../../../src-preload/contract/contract.ts';
import type { Outcome } from '../../../src-preload/contract/define.ts';
import type { CallName, ParsedArgsOf, ResultOf } from '../../../src-preload/contract/types.ts';
import type { Logger } from '../log/logger.ts';
import type { Redactor } from '../log/redactor.ts';
import { internalFailure, isAppError, localReference } from './errors.ts';
import { redactOutgoing } from './outgoing.ts';

export interface CallContext {
  /** Where the call came from (the sender frame's origin, or the browser host's page). */
  readonly origin: string;
}

/** What a feature implements: one function per declared call, receiving parsed arguments. */
export type Handlers = {
  [K in CallName]: (args: ParsedArgsOf<K>, ctx: CallContext) => Promise<ResultOf<K>> | ResultOf<K>;
};

/** The router: the handlers wrapped with validation and error mapping. Never throws. */
export type Router = {
  readonly [K in CallName]: (rawArgs: unknown, ctx: CallContext) => Promise<Outcome<ResultOf<K>>>;
};

const knownCalls = new Set<string>(Object.keys(calls));

/** Enough to show the user every field they can fix at once; more is noise (or an attack). */
export const maxIssuesReplied = 20;
export const maxIssuesLogged = 5;
const maxIssueText = 200;

const clip = (text: string) =>
  text.length > maxIssueText ? `${text.slice(0, maxIssueText - 1)}…` : text;

function describeIssue(issue: { path: PropertyKey[]; message: string }) {
  // A path into a huge array or a deep object is clipped like the message.
  return { path: clip(issue.path.map(String).join('.')), message: clip(issue.message) };
}

export function isCallName(name: string): name is CallName {
  return knownCalls.has(name);
}

/** Every outcome (value or error) passes the redactor on its way out: one place for all. */
export function createRouter(handlers: Handlers, log: Logger, redactor: Redactor): Router {
  const router: Record<string, (rawArgs: unknown, ctx: CallContext) => Promise<Outcome<unknown>>> =
    {};
  for (const name of Object.keys(calls) as CallName[]) {
    const route = createRoute(name, handlers, log);
    router[name] = async (rawArgs, ctx) => redactOutgoing(await route(rawArgs, ctx), redactor);
  }
  return Object.freeze(router) as Router;
}

function createRoute(
  name: CallName,
  handlers: Handlers,
  log: Logger,
): (rawArgs: unknown, ctx: CallContext) => Promise<Outcome<unknown>> {
  const schema = calls[name].args;
  const handler = handlers[name] as (args: unknown, ctx: CallContext) => unknown;
  return async (rawArgs, ctx) => {
    const parsed = schema.safeParse(rawArgs);
    if (!parsed.success) {
      // Paths and messages only: argument values may hold what the user typed. Capped, so
      // one huge malformed call cannot become a huge reply or log line.
      const all = parsed.error.issues;
      const issues = all.slice(0, maxIssuesReplied).map(describeIssue);
      log.warn(
        {
          call: name,
          issueCount: all.length,
          issues: issues.slice(0, maxIssuesLogged),
        },
        'rejected malformed call',
      );
      return {
        ok: false,
        error: {
          code: 'invalid_arguments',
          service: 'app',
          message: `The request "${name}" was malformed and was not carried out.`,
          action: 'Check the highlighted field and try again.',
          details: {
            issues,
            ...(all.length > issues.length ? { moreIssues: all.length - issues.length } : {}),
          },
        },
      };
    }
    try {
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (error) {
      if (isAppError(error)) return { ok: false, error: error.shape };
      const reference = localReference();
      log.error({ call: name, err: error, reference }, 'call failed unexpectedly');
      return internalFailure(reference);
    }
  };
}

/** Entry point for transports that receive a call name as untrusted text. */
export async function dispatch(
  router: Router,
  name: unknown,
  rawArgs: unknown,
  ctx: CallContext,
): Promise<Outcome<unknown>> {
  if (typeof name !== 'string' || !isCallName(name)) {
    return {
      ok: false,
      error: {
        code: 'unknown_call',
        service: 'app',
        message: 'The request named an operation that does not exist.',
        action: 'Reload the window; if this persists the app files may be damaged.',
      },
    };
  }
  return (router[name] as (a: unknown, c: CallContext) => Promise<Outcome<unknown>>)(rawArgs, ctx);
}
