/**
 * Who may call main. Only our own renderer: the `app://aislecast` bundle, or the dev server
 * origin during development. Compared as parsed protocol + host, never by string prefix
 * (`URL.origin` is "null" for custom schemes, so it cannot be used directly).
 */
export const appOrigin = { protocol: 'app:', host: 'aislecast' } as const;
export const appEntryUrl = 'app://aislecast/index.html';

export interface TrustedOrigins {
  devServer?: string;
}

export function isTrustedSender(
  frameUrl: string | undefined | null,
  trusted: TrustedOrigins,
): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (url.protocol === appOrigin.protocol && url.host === appOrigin.host) return true;
  if (!trusted.devServer) return false;
  try {
    const dev = new URL(trusted.devServer);
    return url.protocol === dev.protocol && url.host === dev.host;
  } catch {
    return false;
  }
}
