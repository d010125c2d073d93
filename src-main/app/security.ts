import { app, shell, type Session } from 'electron';
import type { Logger } from '../services/log/logger.ts';
import { isTrustedSender, type TrustedOrigins } from '../services/security/origin.ts';

const externalHosts = new Set([
  'queyemusic.com',
  'www.queyemusic.com',
  'musique.app',
  'docs.musique.app',
]);

/** Opens a vetted https link in the system browser; anything else is dropped. */
function openExternalSafely(raw: string, log: Logger): void {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' && externalHosts.has(url.hostname)) {
      void shell.openExternal(url.href);
      return;
    }
  } catch {
    // Not a URL: fall through to the refusal.
  }
  log.warn({ url: raw.slice(0, 200) }, 'blocked a window.open / navigation');
}

/** Navigation, new windows, webviews and permissions: deny unless it is ours. */
export function hardenWebContents(trusted: TrustedOrigins, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedSender(url, trusted)) {
        event.preventDefault();
        openExternalSafely(url, log);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedSender(url, trusted)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url, log);
      return { action: 'deny' };
    });
  });
}

/**
 * What the app's own page may use: writing text to the clipboard (the Copy buttons for request
 * IDs and diagnostics call `navigator.clipboard.writeText`, which Chromium gates behind
 * `clipboard-sanitized-write`), and notifications (a broadcast that ends or needs a decision
 * says so with the web `Notification`, which Electron shows as an OS notification). Electron
 * grants everything when no handler is set, so both the request and the check handler are set,
 * and everything else — reading the clipboard, media, devices, any other origin or a subframe —
 * is refused.
 */
export const appPermissions: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'notifications',
]);

export function allowAppPermissions(session: Session, trusted: TrustedOrigins, log: Logger): void {
  const allowed = (permission: string, url: string | undefined, isMainFrame: boolean) =>
    appPermissions.has(permission) && isMainFrame && isTrustedSender(url, trusted);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = allowed(permission, details.requestingUrl, details.isMainFrame);
    if (!granted)
      log.info(
        { permission, frame: details.requestingUrl?.slice(0, 200) },
        'denied permission request',
      );
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowed(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame),
  );
  session.setDevicePermissionHandler(() => false);
}
