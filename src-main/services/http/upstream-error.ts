import type { ApiErrorShape } from '../../../src-preload/contract/define.ts';
import { AppError } from '../core/errors.ts';

export type ServiceName = 'queye' | 'musique';

/** Facts about a failed upstream exchange, before they are put into words for the user. */
export interface FailureInfo {
  service: ServiceName;
  /** HTTP status, or 0 when no answer arrived. */
  status: number;
  /** The upstream's error code, or ours for transport failures (`network_error`, `timeout`…). */
  code: string;
  upstreamMessage?: string;
  requestId?: string;
  retryAfterMs?: number;
  /** The request provably never left (connection refused, no such host): safe to repeat. */
  notSent?: boolean;
  body?: unknown;
}

export type Describe = (info: FailureInfo) => { message: string; action: string };

export class UpstreamError extends AppError {
  readonly info: FailureInfo;
  constructor(info: FailureInfo, words: { message: string; action: string }, cause?: unknown) {
    const shape: ApiErrorShape = {
      code: info.code,
      message: words.message,
      action: words.action,
      service: info.service,
      status: info.status || undefined,
      requestId: info.requestId,
      retryAfterMs: info.retryAfterMs,
    };
    super(shape, { cause });
    this.name = 'UpstreamError';
    this.info = info;
  }
  get status(): number {
    return this.info.status;
  }
}

const label: Record<ServiceName, string> = { queye: 'Queye Music', musique: 'Musique' };

/** Wording for failures no service-specific catalogue covers. */
export const describeGeneric: Describe = (info) => {
  const name = label[info.service];
  switch (info.code) {
    case 'network_error':
      return {
        message: `Could not reach ${name}.`,
        action: 'Check the internet connection; Aislecast retries on its own when it returns.',
      };
    case 'timeout':
      return {
        message: `${name} took too long to answer.`,
        action: 'Try again in a moment.',
      };
    case 'connection_reset':
      return {
        message: `The connection to ${name} broke off mid-answer.`,
        action: 'Try again; nothing was lost.',
      };
    case 'malformed_response':
      return {
        message: `${name} sent an answer Aislecast could not read.`,
        action: 'Try again later. If it persists, quote the request ID to support.',
      };
  }
  if (info.status === 429)
    return {
      message: `${name} asked Aislecast to slow down (rate limit reached).`,
      action: 'Aislecast waits and retries automatically.',
    };
  if (info.status >= 500)
    return {
      message: `${name} had a problem on its side (HTTP ${info.status}).`,
      action: 'Try again in a few minutes. If it persists, quote the request ID to support.',
    };
  return {
    message: info.upstreamMessage
      ? `${name} refused the request: ${info.upstreamMessage}`
      : `${name} refused the request (HTTP ${info.status}).`,
    action: 'Check the details and try again; quote the request ID if you contact support.',
  };
};
