/**
 * The window's decisions, without Electron: whether its position can be saved, which load
 * failures matter, how often a failed or crashed page is reloaded before the error page.
 */

/**
 * On Wayland a window cannot read (or set) its own position: Electron reports 0,0 and the
 * compositor places it. Only the size and the maximised state are worth saving there.
 * Electron 38+ runs natively on Wayland when the session is Wayland (unless forced to X11).
 */
export function positionIsKnown(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  argv: readonly string[] = process.argv,
): boolean {
  if (platform !== 'linux') return true;
  if (argv.some((arg) => arg === '--ozone-platform=x11')) return true;
  const wayland = env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
  if (!wayland) return true;
  return env.ELECTRON_OZONE_PLATFORM_HINT === 'x11';
}

/** Chromium's ERR_ABORTED: a load replaced by another (a reload, a new loadURL), not a failure. */
const aborted = -3;

/**
 * A reason when a failed load leaves the window without the app; undefined when it does not
 * matter (a subframe, an aborted load, or a page that is not ours, like the error page).
 */
export function loadFailure(failure: {
  errorCode: number;
  description: string;
  url: string;
  isMainFrame: boolean;
}): string | undefined {
  if (!failure.isMainFrame || failure.errorCode === aborted) return undefined;
  if (failure.url.startsWith('data:')) return undefined;
  return `the page did not load (${failure.description}, ${failure.errorCode})`;
}

export interface PageRecovery {
  /** After a failure: reload after a pause, or give up and show the error page. */
  next(): { action: 'reload'; attempt: number; delayMs: number } | { action: 'give-up' };
}

const delays = [1_000, 3_000, 10_000];
/** Failures older than this are forgotten: a page that crashes once a day still recovers. */
const windowMs = 120_000;

/**
 * Three reloads within two minutes at most, then the error page. A successful load does not
 * reset the count: a page that loads and then crashes at once would otherwise reload forever.
 */
export function createPageRecovery(now: () => number = Date.now): PageRecovery {
  let failures: number[] = [];
  return {
    next() {
      const at = now();
      failures = failures.filter((time) => at - time < windowMs);
      failures.push(at);
      const attempt = failures.length;
      const delayMs = delays[attempt - 1];
      if (delayMs === undefined) return { action: 'give-up' };
      return { action: 'reload', attempt, delayMs };
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A self-contained page shown when the app cannot be shown: what happened, that nothing was
 * lost, and a link back to the app (a navigation the window's own rules allow).
 */
export function errorPageUrl(reason: string, entry: string): string {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Aislecast</title><style>
body{font:15px system-ui,sans-serif;background:#121417;color:#e8eaed;margin:0;display:grid;place-items:center;height:100vh}
main{max-width:36rem;padding:2rem}a{color:#8ab4f8}code{color:#9aa0a6}
</style></head><body><main role="alert"><h1>Aislecast could not show its window</h1>
<p>Nothing you saved was lost. Try again; if this keeps happening, restart Aislecast. The reason, also written to its log file:</p>
<p><code>${escapeHtml(reason)}</code></p>
<p><a href="${escapeHtml(entry)}">Try again</a></p></main></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
