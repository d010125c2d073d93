// Pure decisions of the launcher (`npm start`), kept apart from spawning so they can be tested:
// reading where Electron's binary is, the environment Electron starts with, and what an exit
// of Electron means for the person who typed the command.
import { constants } from 'node:os';

/**
 * Printed by the launcher's probe right before the binary's path: electron's `index.js` may
 * print "Downloading Electron binary..." and the downloader's progress on stdout first.
 */
export const electronPathMarker = 'AISLECAST_ELECTRON_PATH=';

/** The Electron binary's path in what the probe printed; undefined when there is none. */
export function electronPathFromOutput(stdout: string): string | undefined {
  const lines = stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const marked = lines.findLast((line) => line.startsWith(electronPathMarker));
  const path = marked ? marked.slice(electronPathMarker.length) : lines.at(-1);
  return path || undefined;
}

/**
 * The environment Electron starts with. `ELECTRON_RENDERER_URL` names a dev server (what
 * `npm run dev` sets); `npm start` runs the built renderer, so the variable is removed rather
 * than emptied (an empty URL is not "no dev server" to everything that reads it).
 */
export function electronEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.ELECTRON_RENDERER_URL;
  return copy;
}

export interface ElectronExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The end of what Electron wrote on stderr. */
  stderr: string;
  platform: NodeJS.Platform;
  /** The `chrome-sandbox` next to the binary, for the advice. */
  sandboxHelper?: string;
  /** The launcher itself was asked to stop (Ctrl+C, SIGTERM): not Electron's failure. */
  interrupted?: boolean;
  /** What `sandboxBlocked` found before the start (Linux). */
  sandboxBlocked?: boolean;
}

export interface ExitVerdict {
  /** What the launcher exits with: 0 only when Electron ended normally. */
  exitCode: number;
  /** What to tell the person, when there is anything to tell. */
  message?: string;
}

// Chromium's own words when its sandbox cannot start: the SUID helper is not root-owned 4755
// (user namespaces refused, as Ubuntu 23.10+ does through AppArmor), or no sandbox at all.
const sandboxFailure =
  /SUID sandbox helper binary was found, but is not configured correctly|No usable sandbox!|setuid_sandbox_host\.cc|Failed to move to new namespace|unprivileged_userns/i;

function signalNumber(signal: NodeJS.Signals): number {
  return (constants.signals as Record<string, number | undefined>)[signal] ?? 1;
}

function sandboxAdvice(helper: string): string {
  return [
    'Aislecast: Electron stopped at start-up because Chromium’s sandbox could not start.',
    'This Linux restricts unprivileged user namespaces (Ubuntu 23.10 and later do, through AppArmor),',
    'and the unpacked Electron used by `npm start` has no AppArmor profile of its own. Either:',
    '  - install the app as a package: `npm run package`, then `sudo apt install ./release/aislecast_*.deb`;',
    '    the .deb installs an AppArmor profile for the installed app;',
    '  - or let this development copy use the setuid sandbox helper, as Electron documents:',
    `      sudo chown root:root ${helper} && sudo chmod 4755 ${helper}`,
    '  - or try the app in your browser meanwhile: `npm run host`.',
    'Running Electron with --no-sandbox is not offered: it removes the renderer’s sandbox.',
  ].join('\n');
}

/** What an exit of Electron means: the launcher's exit code and what to say. */
export function judgeElectronExit(exit: ElectronExit): ExitVerdict {
  if (exit.interrupted) {
    return { exitCode: exit.signal ? 128 + signalNumber(exit.signal) : (exit.code ?? 1) };
  }
  if (exit.code === 0 && !exit.signal) return { exitCode: 0 };
  const exitCode = exit.signal ? 128 + signalNumber(exit.signal) : exit.code || 1;
  const how = exit.signal ? `was ended by ${exit.signal}` : `exited with code ${exit.code}`;
  // Chromium aborts with SIGTRAP; where the system is known to refuse its sandbox, that abort
  // is read as the sandbox's even if the wording of the message changes.
  const sandboxAbort =
    sandboxFailure.test(exit.stderr) || (exit.sandboxBlocked === true && exit.signal === 'SIGTRAP');
  if (exit.platform === 'linux' && sandboxAbort) {
    const helper = exit.sandboxHelper ?? 'node_modules/electron/dist/chrome-sandbox';
    return { exitCode, message: `${sandboxAdvice(helper)}\n(Electron ${how}.)` };
  }
  const lastLines = exit.stderr.trim().split('\n').slice(-5).join('\n');
  return {
    exitCode,
    message:
      `Aislecast: Electron ${how}, which is not a normal end.` +
      (lastLines ? ` Its last words:\n${lastLines}` : '') +
      '\nThe log is in the app’s user-data folder (logs/); `npm run host` serves the app to a browser meanwhile.',
  };
}

/** Keeps the last `limit` characters of a stream of text (Electron may log for hours). */
export function createTail(limit = 64 * 1024): { push(chunk: string): void; text(): string } {
  let text = '';
  return {
    push(chunk) {
      text = (text + chunk).slice(-limit);
    },
    text: () => text,
  };
}

/**
 * Whether Chromium's sandbox cannot start on this Linux: unprivileged user namespaces are
 * restricted (`/proc/sys/kernel/apparmor_restrict_unprivileged_userns` is 1, as on Ubuntu
 * 23.10+) and the setuid helper next to the binary is not root-owned with the setuid bit.
 */
export function sandboxBlocked(
  restrictUserns: string | undefined,
  helper: { uid: number; mode: number } | undefined,
): boolean {
  if (restrictUserns?.trim() !== '1') return false;
  return !(helper && helper.uid === 0 && (helper.mode & 0o4000) !== 0);
}
