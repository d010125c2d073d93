// The browser host's per-launch key. The socket and the media paths give the whole contract and
// every event to whoever reaches them, and any local process can send the right Origin header;
// what such a process does not have is this key. It travels once in the URL the host prints
// (and opens), is traded for an HttpOnly SameSite=Strict cookie, and is then sent by the
// browser with every request of the page, the WebSocket upgrade included.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface LaunchKey {
  /** The query parameter that carries the key in the printed URL. */
  readonly param: string;
  /** The printed URL: `origin/?key=…`. */
  entryUrl(origin: string): string;
  /** Whether a query value is this launch's key. */
  matches(candidate: string | null | undefined): boolean;
  /** Whether a `Cookie` request header carries this launch's key. */
  inCookie(header: string | undefined): boolean;
  /** The `Set-Cookie` header that hands the key to the page. */
  setCookie(): string;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Cookies are shared by every port of a host name: the name carries the port. */
export function createLaunchKey(
  port: number,
  key = randomBytes(32).toString('base64url'),
): LaunchKey {
  const expected = digest(key);
  const cookieName = `aislecast_${port}`;
  // Hashes have one length, so the comparison takes the same time whatever the candidate.
  const matches = (candidate: string | null | undefined) =>
    typeof candidate === 'string' && timingSafeEqual(digest(candidate), expected);
  return {
    param: 'key',
    entryUrl: (origin) => `${origin}/?key=${key}`,
    matches,
    inCookie(header) {
      if (!header) return false;
      return header.split(';').some((pair) => {
        const at = pair.indexOf('=');
        return (
          at > 0 && pair.slice(0, at).trim() === cookieName && matches(pair.slice(at + 1).trim())
        );
      });
    },
    setCookie: () => `${cookieName}=${key}; Path=/; HttpOnly; SameSite=Strict`,
  };
}
