/**
 * A session with Electron's permission semantics: without a handler every request and check
 * is granted (Electron's default), a request handler answers through its callback, a check
 * handler returns a boolean, and `null` removes a handler. `requestPermission`/`checkPermission`
 * play the part of the page asking (e.g. `navigator.clipboard.writeText`).
 */
type RequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl?: string; isMainFrame: boolean },
) => void;
type CheckHandler = (
  webContents: unknown,
  permission: string,
  requestingOrigin: string,
  details: { requestingUrl?: string; isMainFrame: boolean; embeddingOrigin?: string },
) => boolean;
type DeviceHandler = (details: { deviceType: string; origin: string }) => boolean;

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

/** How Chromium serialises a requesting origin for the handlers: scheme://host[:port]/. */
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}/`;
  } catch {
    return '';
  }
}

export function createSession() {
  let requestHandler: RequestHandler | null = null;
  let checkHandler: CheckHandler | null = null;
  let deviceHandler: DeviceHandler | null = null;
  let headersListener: HeadersListener | null = null;
  const session = {
    setPermissionRequestHandler(handler: RequestHandler | null) {
      requestHandler = handler;
    },
    setPermissionCheckHandler(handler: CheckHandler | null) {
      checkHandler = handler;
    },
    setDevicePermissionHandler(handler: DeviceHandler | null) {
      deviceHandler = handler;
    },
    webRequest: {
      onHeadersReceived(listener: HeadersListener | null) {
        headersListener = listener;
      },
    },
    /** A frame at `frameUrl` requests `permission`; resolves with Electron's answer. */
    requestPermission(
      permission: string,
      frameUrl: string,
      { isMainFrame = true, webContents = {} } = {},
    ): Promise<boolean> {
      if (!requestHandler) return Promise.resolve(true);
      const handler = requestHandler;
      return new Promise<boolean>((resolve) => {
        let answered = false;
        handler(
          webContents,
          permission,
          (granted) => {
            if (answered) throw new Error('permission callback called twice');
            answered = true;
            resolve(granted === true);
          },
          { requestingUrl: frameUrl, isMainFrame },
        );
      });
    },
    /** A frame at `frameUrl` checks `permission` (a cross-origin subframe passes no contents). */
    checkPermission(
      permission: string,
      frameUrl: string,
      {
        isMainFrame = true,
        webContents = {},
        embeddingOrigin = undefined as string | undefined,
      } = {},
    ): boolean {
      if (!checkHandler) return true;
      return (
        checkHandler(isMainFrame ? webContents : null, permission, originOf(frameUrl), {
          ...(isMainFrame ? { requestingUrl: frameUrl } : { embeddingOrigin }),
          isMainFrame,
        }) === true
      );
    },
    checkDevice(deviceType: string, origin: string): boolean {
      if (!deviceHandler) return false;
      return deviceHandler({ deviceType, origin }) === true;
    },
    headersFor(url: string, responseHeaders: Record<string, string[]> = {}) {
      if (!headersListener) return responseHeaders;
      let result: Record<string, string[]> | undefined = responseHeaders;
      headersListener({ url, responseHeaders }, (response) => {
        result = response.responseHeaders ?? responseHeaders;
      });
      return result;
    },
  };
  return session;
}

export type StubSession = ReturnType<typeof createSession>;
