/**
 * Musique's failures in words: what happened and what to do next. Each cause the Musique docs
 * list under "Common issues" gets its own message. The service reports most token problems as
 * `401 invalid_token` and tells them apart only in its message, so that message is read for the
 * cause (revoked, wrong environment, whitespace, missing header, malformed); a service that says
 * less gets the general wording, which names the likely causes.
 */
import { UpstreamError, type FailureInfo } from '../http/upstream-error.ts';

type Words = { message: string; action: string };

export type TokenProblem =
  'revoked' | 'wrong_environment' | 'whitespace' | 'missing_header' | 'malformed' | 'rejected';

export function tokenProblem(info: FailureInfo): TokenProblem | undefined {
  if (info.status !== 401 || info.code === 'invalid_company_token') return undefined;
  const said = info.upstreamMessage ?? '';
  if (/revoked/i.test(said)) return 'revoked';
  if (/whitespace|line break/i.test(said)) return 'whitespace';
  // Before "environment": a shape complaint may spell out the {…}_{environment}_{…} pattern.
  if (/malformed|format|shape/i.test(said)) return 'malformed';
  if (/environment/i.test(said)) return 'wrong_environment';
  if (/missing|header/i.test(said)) return 'missing_header';
  return 'rejected';
}

const tokenWords: Record<TokenProblem, (said: string) => Words> = {
  revoked: () => ({
    message: 'This Musique API token has been revoked.',
    action:
      'Generate a new token in Settings → Musique (External ID and company token), or paste a current one.',
  }),
  wrong_environment: (said) => ({
    message: `This API token is for a different Musique environment than the server Aislecast is using.${said ? ` Musique said: “${said}”` : ''}`,
    action:
      'Use a token made for this server (production tokens for the live service, development tokens for testing), or change the base URL under Advanced.',
  }),
  whitespace: () => ({
    message: 'Musique says the API token contains spaces or line breaks.',
    action:
      'Paste the token again. Aislecast removes spaces and line breaks itself, so check that the whole token was copied.',
  }),
  missing_header: () => ({
    message: 'The API token did not reach Musique: the X-API-Key header was missing.',
    action:
      'A proxy or firewall may be removing the X-API-Key header. Ask your IT team to let it through, then test the token again.',
  }),
  malformed: () => ({
    message:
      'Musique does not recognise this as an API token (expected companyPrefix_environment_hash).',
    action: 'Copy the whole token again from where Musique gave it to you, or generate a new one.',
  }),
  rejected: () => ({
    message: 'Musique did not accept this API token.',
    action:
      'Test the token in Settings → Musique. If it was revoked or is for another environment, generate a new one.',
  }),
};

const permissionIn = (said: string | undefined) => /audio\.[a-z]+/i.exec(said ?? '')?.[0];

/** Wording for the Musique HTTP client; anything not listed falls back to the generic catalogue. */
export function describeMusique(info: FailureInfo): Words | undefined {
  const problem = tokenProblem(info);
  if (problem) return tokenWords[problem](info.upstreamMessage ?? '');
  const said = info.upstreamMessage;
  switch (info.code) {
    case 'invalid_company_token':
      return {
        message: 'Musique did not accept the company token.',
        action:
          'Check the company token Musique gave you at onboarding. If it is right, contact support@musique.app with your company name and External ID.',
      };
    case 'external_id_in_use':
      return {
        message: 'This External ID already has a live API token.',
        action:
          'Paste that existing token instead, revoke it first, or generate a token for another External ID.',
      };
    case 'insufficient_permissions': {
      const permission = permissionIn(said);
      return {
        message: permission
          ? `This API token lacks the ${permission} permission this action needs.`
          : 'This API token lacks the permission this action needs.',
        action:
          'Settings → Musique → Test token shows what the token may do. Ask Musique support to grant the permission, or use another token.',
      };
    }
    case 'audio_has_pending_sends':
      return {
        message:
          'Musique will not delete this audio: scheduled sends that use it have not played yet.',
        action: 'Delete it once those sends have played, or cancel them first.',
      };
    case 'file_too_large':
      return {
        message: 'Musique refused the file: it is larger than the 10 MB limit.',
        action: 'Shorten the audio or export it at a lower bit rate, then upload it again.',
      };
    case 'unsupported_format':
      return {
        message: 'Musique refused the file: only MP3 audio is accepted.',
        action: 'Convert the file to MP3 and upload it again.',
      };
    case 'not_found':
      return {
        message: 'Musique no longer has this item.',
        action: 'Refresh the library; it may have been deleted elsewhere.',
      };
    case 'rate_limit_exceeded':
      return {
        message: 'Musique’s request limit for this token has been reached for now.',
        action: 'Aislecast waits as Musique asks and carries on by itself.',
      };
    case 'service_unavailable':
      return {
        message: 'Musique is temporarily unavailable (part of its service is down).',
        action: 'Try again in a few minutes; the status light in the broadcaster shows which part.',
      };
    case 'invalid_request':
      return {
        message: said ? `Musique refused the request: ${said}` : 'Musique refused the request.',
        action: 'Check the details and try again; quote the reference if you contact support.',
      };
  }
  if (info.status === 403) {
    return {
      message: said ? `Musique refused this: ${said}` : 'Musique refused this for this account.',
      action:
        'The account or plan may not include it. Check permissions with Test token and contact support@musique.app.',
    };
  }
  return undefined;
}

/**
 * Gives a token failure a code of its own (`token_revoked`, `token_wrong_environment`…), so
 * the settings page and tests can tell the causes apart without reading sentences.
 */
export function refineTokenFailure(error: unknown): unknown {
  if (!(error instanceof UpstreamError)) return error;
  const problem = tokenProblem(error.info);
  if (!problem) return error;
  const info = { ...error.info, code: `token_${problem}` };
  return new UpstreamError(info, tokenWords[problem](error.info.upstreamMessage ?? ''), error);
}
