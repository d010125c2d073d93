import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering rules of `.config/eslint.config.js`, proven on snippets linted as if they lived
 * in each layer: the renderer never reaches into main or Electron, nothing on the main side
 * but the Electron shell imports `electron`, and inside main's services shared folders import no
 * feature while a feature folder is entered only through its `<folder>-feature.ts`. Inside the
 * renderer, ui/, lib/ and api/ import no feature, and a feature reaches another only through its
 * public entry (`features/<name>/index.ts`). `src-main/shared/` imports only other shared files,
 * Node built-ins and npm packages. Every direction rule refuses `import()` and `require()` of
 * what it refuses statically. The snippets are virtual files, so type-aware rules
 * are switched off; the layering rules do not need types.
 */
const root = resolve(import.meta.dirname, '../../..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfigFile: resolve(root, '.config/eslint.config.js'),
    overrideConfig: [tseslint.configs.disableTypeChecked],
  });
});

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  const messages = result?.messages ?? [];
  const parseErrors = messages.filter((m) => m.fatal);
  expect(parseErrors).toEqual([]);
  return messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

const forbidden: Array<[string, string, string, RegExp]> = [
  [
    'the renderer',
    'src-renderer/features/broadcast/probe.ts',
    "import { appError } from '../../../src-main/services/core/errors.ts';\nexport const x = appError;\n",
    /may not import main-process code/,
  ],
  [
    'the renderer',
    'src-renderer/probe.ts',
    "import { startSandbox } from '../src-main/sandbox/index.ts';\nexport const x = startSandbox;\n",
    /may not import main-process code/,
  ],
  [
    'the renderer',
    'src-renderer/features/broadcast/probe.ts',
    "export const x = await import('../../../src-main/services/create-services.ts');\n",
    /may not import main-process code/,
  ],
  [
    'the renderer',
    'src-renderer/probe.ts',
    "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    /Only the Electron shell/,
  ],
  [
    'the renderer',
    'src-renderer/probe.ts',
    "import { ipcRenderer } from 'electron/renderer';\nexport const x = ipcRenderer;\n",
    /Only the Electron shell/,
  ],
  [
    'the renderer',
    'src-renderer/probe.ts',
    "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n",
    /no Node APIs/,
  ],
  [
    'shared renderer UI',
    'src-renderer/ui/probe.tsx',
    "import { useSettings } from '../features/settings/index.ts';\nexport const x = useSettings;\n",
    /import no feature/,
  ],
  [
    'a renderer helper',
    'src-renderer/lib/probe.ts',
    "import { getTrack } from '../features/library/index.ts';\nexport const x = getTrack;\n",
    /import no feature/,
  ],
  [
    'the renderer client',
    'src-renderer/api/probe.ts',
    "export { PreviewButton } from '../features/player/index.ts';\n",
    /import no feature/,
  ],
  [
    'a renderer feature',
    'src-renderer/features/library/probe.ts',
    "import { usePlayer } from '../player/player-store.ts';\nexport const x = usePlayer;\n",
    /only through its public entry/,
  ],
  [
    'a renderer feature',
    'src-renderer/features/broadcast/probe.ts',
    "import { currentEntry } from '../../features/player/queue.ts';\nexport const x = currentEntry;\n",
    /only through its public entry/,
  ],
  [
    'a renderer feature',
    'src-renderer/features/library/probe.ts',
    "import { App } from '../../app/App.tsx';\nexport const x = App;\n",
    /never imports it/,
  ],
  [
    'shared renderer code',
    'src-renderer/lib/probe.ts',
    "import { Sidebar } from '../app/Sidebar.tsx';\nexport const x = Sidebar;\n",
    /never import app/,
  ],
  [
    'a service',
    'src-main/services/musique/probe.ts',
    "import { app } from 'electron';\nexport const x = app;\n",
    /Only the Electron shell/,
  ],
  [
    'a service',
    'src-main/services/probe.ts',
    "import type { App } from 'electron';\nexport type X = App;\n",
    /Only the Electron shell/,
  ],
  [
    'a service',
    'src-main/services/probe.ts',
    "export { safeStorage } from 'electron';\n",
    /Only the Electron shell/,
  ],
  [
    'a service',
    'src-main/services/probe.ts',
    "import { app } from 'electron/main';\nexport const x = app;\n",
    /Only the Electron shell/,
  ],
  [
    'a service',
    'src-main/services/probe.ts',
    "export const x = await import('electron');\n",
    /Only the Electron shell/,
  ],
  [
    'a service',
    'src-main/services/probe.ts',
    "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const x: unknown = require('electron');\n",
    /Only the Electron shell/,
  ],
  [
    'a service',
    'src-main/services/settings/probe.ts',
    "import Store from 'electron-store';\nexport const x = Store;\n",
    /electron-store loads electron/,
  ],
  [
    'the sandbox',
    'src-main/sandbox/probe.ts',
    "import { net } from 'electron';\nexport const x = net;\n",
    /Only the Electron shell/,
  ],
  [
    'the browser host',
    'src-main/browser-host/probe.ts',
    "import { app } from 'electron';\nexport const x = app;\n",
    /Only the Electron shell/,
  ],
  [
    'the contract',
    'src-preload/contract/probe.ts',
    "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n",
    /no Node APIs/,
  ],
  [
    'shared core',
    'src-main/services/core/probe.ts',
    "import type { MusiqueFeature } from '../musique/musique-feature.ts';\nexport type X = MusiqueFeature;\n",
    /import no feature/,
  ],
  [
    'shared http',
    'src-main/services/http/probe.ts',
    "import { queyeRoutes } from '../queye/queye-api.ts';\nexport const x = queyeRoutes;\n",
    /import no feature/,
  ],
  [
    'the shared vault',
    'src-main/services/vault/probe.ts',
    "export { createStoreDirectory } from '../stores/store-directory.ts';\n",
    /import no feature/,
  ],
  [
    'another feature',
    'src-main/services/broadcast/probe.ts',
    "import type { MusiqueApi } from '../musique/client.ts';\nexport type X = MusiqueApi;\n",
    /entered only through its <folder>-feature\.ts/,
  ],
  [
    "another feature's subfolder",
    'src-main/services/musique/upload/probe.ts',
    "import { parseCsv } from '../../stores/import/csv.ts';\nexport const x = parseCsv;\n",
    /entered only through its <folder>-feature\.ts/,
  ],
  [
    'another feature, re-exporting',
    'src-main/services/library/probe.ts',
    "export type { QueyeRequest } from '../queye/queye-api.ts';\n",
    /entered only through its <folder>-feature\.ts/,
  ],
  [
    'the composition root',
    'src-main/services/create-services.ts',
    "import { createOutbox } from './broadcast/outbox.ts';\nexport const x = createOutbox;\n",
    /entered only through its <folder>-feature\.ts/,
  ],
  [
    'shared main code',
    'src-main/shared/probe.ts',
    "import { appError } from '../services/core/errors.ts';\nexport const x = appError;\n",
    /src-main\/shared\/ imports only/,
  ],
  [
    'shared main code',
    'src-main/shared/probe.ts',
    "import { ipcHandlers } from '../app/ipc.ts';\nexport const x = ipcHandlers;\n",
    /src-main\/shared\/ imports only/,
  ],
  [
    'shared main code',
    'src-main/shared/probe.ts',
    "import type { CallName } from '../../src-preload/contract/types.ts';\nexport type X = CallName;\n",
    /src-main\/shared\/ imports only/,
  ],
  [
    'shared main code',
    'src-main/shared/probe.ts',
    "import { net } from 'electron';\nexport const x = net;\n",
    /Only the Electron shell/,
  ],
  [
    'shared main code, dynamically',
    'src-main/shared/probe.ts',
    "export const x = await import('../sandbox/index.ts');\n",
    /src-main\/shared\/ imports only/,
  ],
  [
    'shared core, dynamically',
    'src-main/services/core/probe.ts',
    "export const x = await import('../musique/musique-feature.ts');\n",
    /import no feature/,
  ],
  [
    'shared core, through require',
    'src-main/services/core/probe.ts',
    "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const x: unknown = require('../stores/stores-feature.ts');\n",
    /import no feature/,
  ],
  [
    'another feature, dynamically',
    'src-main/services/broadcast/probe.ts',
    "export const x = await import('../musique/client.ts');\n",
    /entered only through its <folder>-feature\.ts/,
  ],
  [
    'a renderer feature, dynamically',
    'src-renderer/features/library/probe.ts',
    "export const x = await import('../player/player-store.ts');\n",
    /only through its public entry/,
  ],
  [
    'shared renderer UI, dynamically',
    'src-renderer/ui/probe.tsx',
    "export const x = await import('../features/settings/index.ts');\n",
    /import no feature/,
  ],
  [
    'a renderer feature, requiring the app shell',
    'src-renderer/features/library/probe.ts',
    "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const x: unknown = require('../../app/App.tsx');\n",
    /never imports it/,
  ],
  [
    'the renderer, requiring main',
    'src-renderer/probe.ts',
    "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const x: unknown = require('../src-main/sandbox/index.ts');\n",
    /may not import main-process code/,
  ],
  [
    'a benchmark',
    'bench/suites/probe.ts',
    "import { app } from 'electron';\nexport const x = app;\n",
    /Only the Electron shell/,
  ],
];

const allowed: Array<[string, string, string]> = [
  [
    'the Electron shell',
    'src-main/app/probe.ts',
    "import { app } from 'electron';\nexport const x = app;\n",
  ],
  [
    'the Electron entry',
    'src-main/index.ts',
    "import { app } from 'electron';\nexport const x = app;\n",
  ],
  [
    'the preload entry',
    'src-preload/index.ts',
    "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n",
  ],
  [
    'the renderer, reading the contract',
    'src-renderer/probe.ts',
    "import { calls } from '../src-preload/contract/contract.ts';\nexport const x = calls;\n",
  ],
  [
    "a feature, through another feature's entry",
    'src-main/services/broadcast/probe.ts',
    "import type { SendingPort } from '../musique/musique-feature.ts';\nexport type X = SendingPort;\n",
  ],
  [
    'a feature, with shared services',
    'src-main/services/library/probe.ts',
    "import { appError } from '../core/errors.ts';\nimport type { Clock } from '../core/clock.ts';\nexport const x = appError;\nexport type C = Clock;\n",
  ],
  [
    'a feature, inside its own folder',
    'src-main/services/musique/upload/probe.ts',
    "import type { Governor } from '../governor/governor.ts';\nimport type { MusiqueApi } from '../client.ts';\nexport type X = [Governor, MusiqueApi];\n",
  ],
  [
    'the composition root, through entries',
    'src-main/services/create-services.ts',
    "import { createStoresFeature } from './stores/stores-feature.ts';\nexport const x = createStoresFeature;\n",
  ],
  [
    'shared core, with other shared services',
    'src-main/services/core/probe.ts',
    "import type { Logger } from '../log/logger.ts';\nimport type { Vault } from '../vault/vault.ts';\nexport type X = [Logger, Vault];\n",
  ],
  [
    "a renderer feature, through another feature's public entry",
    'src-renderer/features/library/probe.ts',
    "import { requestPlay } from '../player/index.ts';\nexport const x = requestPlay;\n",
  ],
  [
    'a renderer feature, with its own files and shared code',
    'src-renderer/features/player/probe.ts',
    "import { queue } from './queue.ts';\nimport { api } from '../../api/client.ts';\nimport { Field } from '../../ui/Field.tsx';\nimport { useNavigation } from '../../lib/navigation-store.ts';\nexport const x = [queue, api, Field, useNavigation];\n",
  ],
  [
    'the app shell, composing features',
    'src-renderer/app/probe.ts',
    "import { startPlayer } from '../features/player/player-runtime.ts';\nexport const x = startPlayer;\n",
  ],
  [
    'shared renderer UI, with other shared code',
    'src-renderer/ui/probe.tsx',
    "import { toApiError } from '../api/api-error.ts';\nexport const x = toApiError;\n",
  ],
  [
    'shared main code, with other shared files, Node and npm packages',
    'src-main/shared/probe.ts',
    "import { readFile } from 'node:fs/promises';\nimport { z } from 'zod';\nimport { parseRange } from './byte-range.ts';\nimport { x as y } from '../shared/other.ts';\nexport const x = [readFile, z, parseRange, y];\n",
  ],
  [
    "a feature, loading another feature's entry dynamically",
    'src-main/services/broadcast/probe.ts',
    "export const x = await import('../musique/musique-feature.ts');\n",
  ],
  [
    'a renderer feature, loading its own file dynamically',
    'src-renderer/features/player/probe.ts',
    "export const x = await import('./queue.ts');\n",
  ],
  [
    'a service, with electron-free libraries',
    'src-main/services/probe.ts',
    "import Conf from 'conf';\nimport { z } from 'zod';\nexport const x = [Conf, z];\n",
  ],
];

/** The snippet's import line, to name the test. */
const importOf = (code: string) => code.split('\n').find((line) => !line.startsWith('//')) ?? '';

describe('layering lint rules', () => {
  it.each(
    forbidden.map(([layer, file, code, why]) => ({ layer, file, code, why, what: importOf(code) })),
  )('refuses `$what` in $layer', async ({ file, code, why }) => {
    const errors = await layeringErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(why);
  });

  it.each(allowed.map(([layer, file, code]) => ({ layer, file, code })))(
    'lets $layer through ($file)',
    async ({ file, code }) => {
      expect(await layeringErrors(file, code)).toEqual([]);
    },
  );
});
