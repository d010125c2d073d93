import { z } from 'zod';

/** Calls without arguments accept nothing else: a stray payload is a malformed call. */
export const NoArgs = z.undefined();

export const Iso = z.string().min(1);

/** Loopback hosts may use plain http; everything that carries a credential elsewhere needs https. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

export type BaseUrlProblem =
  'not-a-url' | 'https-required' | 'unsupported-scheme' | 'has-credentials';

export function checkBaseUrl(
  raw: string,
): { ok: true; url: string } | { ok: false; problem: BaseUrlProblem } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'not-a-url' };
  }
  if (url.username || url.password) return { ok: false, problem: 'has-credentials' };
  if (url.protocol === 'https:') return { ok: true, url: url.href.replace(/\/+$/, '') };
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? { ok: true, url: url.href.replace(/\/+$/, '') }
      : { ok: false, problem: 'https-required' };
  }
  return { ok: false, problem: 'unsupported-scheme' };
}

export const BaseUrl = z
  .string()
  .max(2048)
  .transform((value, ctx) => {
    const checked = checkBaseUrl(value);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: checked.problem });
      return z.NEVER;
    }
    return checked.url;
  });
