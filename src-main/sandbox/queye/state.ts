import type { DemoCredentials } from '../data/credentials.ts';
import type { GeneratedLibrary } from '../data/library.ts';
import { createLibraryStore, type LibraryStore } from '../data/library-store.ts';
import { alphanumeric, createPrng } from '../data/prng.ts';
import { createAccounts, type Accounts, type QueyeClient, type QueyeUser } from './accounts.ts';
import { createTokenBook, type TokenBook } from './tokens.ts';

export interface SandboxQueyeState {
  accounts: Accounts;
  tokens: TokenBook;
  library: LibraryStore;
  demo: { client: QueyeClient; user: QueyeUser; lockedUser: QueyeUser };
  /** Keys cursors with the seed, so the same seed gives byte-identical pages. */
  cursorSecret: string;
}

/** The whole Queye side in its starting state: demo client, demo users, the seeded library. */
export function createQueyeState(options: {
  seed: number;
  credentials: DemoCredentials;
  library: GeneratedLibrary;
  accessTokenTtlSec: number;
  streamTokenTtlSec: number;
}): SandboxQueyeState {
  const prng = createPrng(options.seed).fork('queye-accounts');
  const accounts = createAccounts();
  const since = Date.UTC(2025, 8, 1);
  const client = accounts.addClient('Aislecast', options.credentials.queyeClientKey);
  const user = accounts.addUser({
    id: `u_${prng.chars(12, alphanumeric)}`,
    key: options.credentials.queyeUserKey,
    locked: false,
    scopes: ['library.read', 'stream', 'account'],
    createdMs: since,
  });
  user.grants.set(client.id, {
    clientId: client.id,
    status: 'approved',
    requestedMs: since,
    lastUsedMs: null,
    requestId: `apr_${prng.chars(16, '0123456789abcdef')}`,
  });
  const lockedUser = accounts.addUser({
    id: `u_${prng.chars(12, alphanumeric)}`,
    key: options.credentials.queyeLockedUserKey,
    locked: true,
    scopes: ['library.read', 'stream'],
    createdMs: since,
  });
  return {
    accounts,
    tokens: createTokenBook({
      accessSec: options.accessTokenTtlSec,
      streamSec: options.streamTokenTtlSec,
    }),
    library: createLibraryStore(options.library, options.seed),
    demo: { client, user, lockedUser },
    cursorSecret: `queye-${options.seed}`,
  };
}
