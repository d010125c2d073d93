import type { IncomingMessage } from 'node:http';
import { badRequest } from './reply.ts';

/** Whether the request announces a body at all (a length above zero or a chunked body). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

export function isJsonContentType(value: string | undefined): boolean {
  const type = value?.split(';')[0]?.trim().toLowerCase();
  return (
    type === 'application/json' ||
    (type?.startsWith('application/') === true && type.endsWith('+json'))
  );
}

const defaultLimit = 1024 * 1024;

/**
 * Reads a JSON body. Like the real services (and common JSON middleware), a body is only read as
 * JSON when it says so: a JSON string posted as `text/plain` is a client bug worth surfacing.
 * Returns `undefined` when there is no body.
 */
export async function readJsonBody(
  req: IncomingMessage,
  acceptBody: () => void,
  limit = defaultLimit,
): Promise<unknown> {
  if (!hasBody(req)) return undefined;
  if (!isJsonContentType(req.headers['content-type'])) {
    throw badRequest('Content-Type must be application/json.');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw badRequest(`The request body is larger than ${limit} bytes.`);
  acceptBody();
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) break;
      chunks.push(chunk);
    }
  } catch {
    // The client hung up mid-body: a bad request, not a sandbox failure.
    throw badRequest('The request body was cut off before it was complete.');
  }
  if (total > limit) throw badRequest(`The request body is larger than ${limit} bytes.`);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw badRequest(`The request body is not valid JSON (${(error as Error).message}).`);
  }
}

/** A JSON body that must be an object; an absent body counts as `{}` so fields are reported. */
export async function readJsonObject(
  req: IncomingMessage,
  acceptBody: () => void,
): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req, acceptBody);
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
