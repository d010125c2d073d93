import type { SandboxApiError, Reply } from '../http/reply.ts';

/** Queye's error envelope: `{"error": {"code", "message", ...details}}`. */
export function queyeErrorReply(error: SandboxApiError): Reply {
  return {
    status: error.status,
    headers: { ...error.headers },
    json: { error: { code: error.code, message: error.message, ...error.details } },
  };
}
