/**
 * Who may call main. Only our own renderer: the `app://aislecast` bundle, or the dev server
 * origin during development. Compared as parsed protocol + host, never by string prefix
 * (`URL.origin` is "null" for custom schemes, so it cannot be used directly).
 */
export const appOrigin = { protocol: 'app:', host: 'aislecast' } as const;
export const appEntryUrl = 'app://aislecast/index.html';

/**
 * The dev server named by `ELECTRON_RENDERER_URL`, or undefined for the built renderer. An
 * empty value (older launchers set `ELECTRON_RENDERER_URL=''` to say "no dev server") and
 * anything that is not an http(s) URL mean the built renderer: `loadURL('')` shows nothing.
 */
export function devServerFrom(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The page the window loads: the dev server when one runs, else the built renderer. */
export function rendererEntry(devServer: string | undefined): string {
  return devServerFrom(devServer) ?? appEntryUrl;
}

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
