import { createRouter, type Handlers } from '../../../src-main/services/core/router.ts';
import { createDamagedFiles } from '../../../src-main/services/files/damaged-files.ts';
import { silentLogger } from '../../../src-main/services/log/logger.ts';
import { createRedactor } from '../../../src-main/services/log/redactor.ts';
import { createStoreImports } from '../../../src-main/services/stores/import/store-imports.ts';
import { createStoreDirectory } from '../../../src-main/services/stores/store-directory.ts';
import { storesHandlers } from '../../../src-main/services/stores/stores-handlers.ts';
import type { CallName } from '../../../src-preload/contract/types.ts';
import type { ImportProgress, StoreRecord } from '../../../src-preload/contract/schemas/stores.ts';
import type { FakeHandlers } from './fake-bridge.ts';

const quiet = silentLogger();

/**
 * The `stores.*` calls answered by main's real directory, import and handler code (in memory),
 * validated by the contract's schemas as the router does — so the screen is tested against
 * what main really answers, not a script of it.
 */
export function storesBridge(stores: StoreRecord[] = []) {
  const progress: Array<(event: ImportProgress) => void> = [];
  const directory = createStoreDirectory({
    damagedFiles: createDamagedFiles({ dataDir: '/nowhere', log: quiet }),
    log: quiet,
    initial: { stores },
  });
  const imports = createStoreImports({
    directory: () => directory,
    progress: (event) => progress.forEach((listener) => listener(event)),
  });
  const router = createRouter(
    storesHandlers(() => ({ directory, demo: false }), imports) as Handlers,
    quiet,
    createRedactor(),
  );
  const handlers: FakeHandlers = {};
  for (const name of Object.keys(router) as CallName[]) {
    if (!name.startsWith('stores.')) continue;
    (handlers as Record<string, (args: unknown) => unknown>)[name] = (args) =>
      router[name](args, { origin: 'app://aislecast' });
  }
  return { handlers, directory, onProgress: (l: (e: ImportProgress) => void) => progress.push(l) };
}

export const sampleStores: StoreRecord[] = [
  {
    externalId: 'br_001',
    name: 'Aisle Paulista',
    region: 'São Paulo',
    tags: ['supermarket'],
    timeZone: 'America/Sao_Paulo',
    testStore: true,
  },
  {
    externalId: 'br_002',
    name: 'Aisle Campinas',
    region: 'São Paulo',
    tags: ['express'],
    timeZone: 'America/Sao_Paulo',
    testStore: false,
  },
  {
    externalId: 'pt_001',
    name: 'Aisle Lisboa Baixa',
    region: 'Lisboa',
    tags: ['express', 'flagship'],
    timeZone: 'Europe/Lisbon',
    testStore: false,
  },
];
