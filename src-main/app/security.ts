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

export function denyPermissions(session: Session, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.info({ permission }, 'denied permission request');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
