/**
 * The last step before anything leaves main for the renderer (every call's outcome, every
 * pushed event): the redactor runs over every string in it, not only over log lines. Upstream
 * error text can echo a key ("The key qm_user_… is not allowed"), and an account view can
 * carry such an error for as long as the account is shown.
 *
 * Prose (an error shape: `code` + `message`) gets the full log redaction; other strings (track
 * titles, file names) get the registered secrets and the distinctive credential shapes only.
 * Binary columns (typed arrays) pass untouched.
 */
import type { Redactor } from '../log/redactor.ts';

const maxDepth = 64;

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

const isErrorShape = (value: Record<string, unknown>) =>
  typeof value.code === 'string' && typeof value.message === 'string';

export function redactOutgoing<T>(value: T, redactor: Redactor): T {
  const walk = (item: unknown, prose: boolean, depth: number): unknown => {
    if (typeof item === 'string') return prose ? redactor.scrub(item) : redactor.scrubData(item);
    if (item === null || typeof item !== 'object' || depth > maxDepth) return item;
    if (Array.isArray(item)) return item.map((entry) => walk(entry, prose, depth + 1));
    if (!isPlainObject(item)) return item;
    const asProse = prose || isErrorShape(item);
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(item)) out[key] = walk(entry, asProse, depth + 1);
    return out;
  };
  return walk(value, false, 0) as T;
}
