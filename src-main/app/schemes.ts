import { protocol } from 'electron';

/** Must run before `ready`. `media:` streams audio with ranges; `app:` serves the renderer. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    {
      scheme: 'media',
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
    },
  ]);
}
