import type { SandboxApiError, Reply } from '../http/reply.ts';

function typeFor(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 409) return 'conflict_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/** Musique's error envelope: `{"error": {"code", "message", "type", ...details}}`. */
export function musiqueErrorReply(error: SandboxApiError): Reply {
  return {
    status: error.status,
    headers: { ...error.headers },
    json: {
      error: {
        code: error.code,
        message: error.message,
        type: typeFor(error.status),
        ...error.details,
      },
    },
  };
}
