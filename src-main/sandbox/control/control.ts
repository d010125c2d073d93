import type { AudioBank, AudioBankStats } from '../audio/audio-bank.ts';
import type { SandboxClock } from '../clock.ts';
import type { LibrarySummaryJson } from '../data/library-store.ts';
import type { Store } from '../data/stores.ts';
import type { RequestLogEntry, ServiceName } from '../http/pipeline.ts';
import { randomAlphanumeric } from '../ids.ts';
import { newQueyeKey, type QueyeScope } from '../queye/accounts.ts';
import type { QueyeRuntime } from '../queye/runtime.ts';
import { trackJson } from '../queye/serialize.ts';
import { components, componentStatuses, type HealthState } from '../musique/health.ts';
import type { MusiqueRuntime } from '../musique/runtime.ts';
import type { LedgerDuplicate, LedgerEntry } from '../musique/sends.ts';
import { allPermissions, type Permission } from '../musique/tokens.ts';
import type { FaultRegistry, FaultSpec, FaultState } from './faults.ts';
import type { RequestLog } from './request-log.ts';

export interface IssuedQueyeTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scope: QueyeScope[];
  userId: string;
}

/** Test and demo levers over a running sandbox. The HTTP control routes call these. */
export interface SandboxControl {
  /** Sandbox time (ms since the epoch) and moving it forward. */
  now(): number;
  advance(ms: number): void;

  /** Approves a pending Queye client by its `apr_…` request ID. */
  approve(requestId: string): void;
  pendingApprovals(): Array<{ requestId: string; userId: string; clientId: string }>;
  /** Locks a user key; unless `keepApprovals`, every client must be approved again. */
  lockUserKey(userKey: string, options?: { keepApprovals?: boolean }): void;
  unlockUserKey(userKey: string): void;
  /** A new Queye user; default scopes `library.read` and `stream` (no `account`). */
  createQueyeUser(options?: { locked?: boolean; scopes?: QueyeScope[] }): {
    userKey: string;
    userId: string;
  };
  createQueyeClient(name?: string): { clientKey: string; clientId: string };
  /** Tokens straight from the token book (default: demo user, demo client, the user's scopes). */
  issueQueyeTokens(options?: {
    userKey?: string;
    clientKey?: string;
    scopes?: QueyeScope[];
  }): IssuedQueyeTokens;
  /** Adds an album of `count` new tracks uploaded now; returns them as the API lists them. */
  addTracks(count: number): Array<Record<string, unknown>>;
  /** Every track as the API lists it, in listing order. */
  tracks(): Array<Record<string, unknown>>;
  /** What `GET /library/summary` answers (cheap, unlike `tracks().length` on a big library). */
  librarySummary(): LibrarySummaryJson;

  /** Any token: Queye access, refresh or stream, or Musique (which cannot expire: revoked). */
  expireToken(token: string): void;
  revokeToken(token: string): void;

  issueMusiqueToken(options: { externalId: string; permissions?: Permission[] }): {
    token: string;
    externalId: string;
    userId: number;
    permissions: Permission[];
  };
  setTokenPermissions(token: string, permissions: Permission[]): void;
  setHealth(components: Partial<HealthState>): HealthState;
  setEnvelope(enabled: boolean): void;
  /** Every (send, store) pair accepted, in order. */
  ledger(): LedgerEntry[];
  /** Stores that received the same audio from more than one send. */
  ledgerDuplicates(): LedgerDuplicate[];
  stores(): readonly Store[];

  addFault(spec: FaultSpec): FaultState;
  clearFaults(id?: string): void;
  faults(): FaultState[];

  requests(filter?: { service?: ServiceName; pathPrefix?: string }): RequestLogEntry[];
  clearRequests(): void;

  /** Back to the seeded state: tokens, uploads, sends, faults, clock offset, log. */
  reset(): Promise<void>;
  /** Resolves when all audio is encoded (streams no longer wait for the encoder). */
  audioReady(): Promise<void>;
  audioStats(): AudioBankStats;
}

export interface ControlDeps {
  clock: SandboxClock;
  queye: QueyeRuntime;
  musique: MusiqueRuntime;
  queyeOrigin: () => string;
  bank: AudioBank;
  faults: FaultRegistry;
  requestLog: RequestLog;
  stores: readonly Store[];
  resetState(): Promise<void>;
}

export function createControl(deps: ControlDeps): SandboxControl {
  const { clock, queye, musique } = deps;
  const userByKey = (key: string) => {
    const user = queye.state.accounts.userByKey(key);
    if (!user) throw new Error('Unknown Queye user key');
    return user;
  };
  const checkPermissions = (permissions: readonly string[]) => {
    const unknown = permissions.filter((p) => !allPermissions.includes(p as Permission));
    if (unknown.length) throw new Error(`Unknown permission(s): ${unknown.join(', ')}`);
  };

  return {
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),

    approve(requestId) {
      if (!queye.state.accounts.approveRequest(requestId, clock.now())) {
        throw new Error(`No pending approval request ${requestId}`);
      }
    },
    pendingApprovals: () => queye.state.accounts.pendingRequests(),
    lockUserKey(userKey, options = {}) {
      const user = userByKey(userKey);
      user.locked = true;
      if (!options.keepApprovals) user.grants.clear();
    },
    unlockUserKey(userKey) {
      userByKey(userKey).locked = false;
    },
    createQueyeUser(options = {}) {
      const user = queye.state.accounts.addUser({
        id: `u_${randomAlphanumeric(12)}`,
        key: newQueyeKey('user'),
        locked: options.locked ?? false,
        scopes: options.scopes ?? ['library.read', 'stream'],
        createdMs: clock.now(),
      });
      return { userKey: user.key, userId: user.id };
    },
    createQueyeClient(name = 'Test client') {
      const client = queye.state.accounts.addClient(name);
      return { clientKey: client.key, clientId: client.id };
    },
    issueQueyeTokens(options = {}) {
      const { state } = queye;
      const user = options.userKey ? userByKey(options.userKey) : state.demo.user;
      const client = options.clientKey
        ? state.accounts.clientByKey(options.clientKey)
        : state.demo.client;
      if (!client) throw new Error('Unknown Queye client key');
      state.accounts.ensureApproved(user, client, clock.now());
      const issued = state.tokens.open(user, client, options.scopes ?? user.scopes, clock.now());
      return {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresIn: issued.expiresIn,
        scope: issued.session.scopes,
        userId: user.id,
      };
    },
    addTracks(count) {
      if (!Number.isInteger(count) || count < 1 || count > 10_000)
        throw new Error('addTracks takes 1 to 10,000');
      return queye.state.library
        .addTracks(count, clock.now())
        .map((track) => trackJson(track, deps.queyeOrigin()));
    },
    librarySummary: () => queye.state.library.summary(),
    tracks: () => queye.state.library.tracks().map((track) => trackJson(track, deps.queyeOrigin())),

    expireToken(token) {
      if (queye.state.tokens.expire(token, clock.now())) return;
      if (musique.state.tokens.revoke(token)) return;
      throw new Error('Unknown token');
    },
    revokeToken(token) {
      if (queye.state.tokens.revoke(token)) return;
      if (musique.state.tokens.revoke(token)) return;
      throw new Error('Unknown token');
    },

    issueMusiqueToken({ externalId, permissions = [...allPermissions] }) {
      checkPermissions(permissions);
      const record = musique.state.tokens.issue(externalId, permissions);
      return {
        token: record.token,
        externalId,
        userId: record.userId,
        permissions: [...record.permissions],
      };
    },
    setTokenPermissions(token, permissions) {
      checkPermissions(permissions);
      if (!musique.state.tokens.setPermissions(token, permissions))
        throw new Error('Unknown Musique token');
    },
    setHealth(update) {
      for (const [component, status] of Object.entries(update)) {
        if (
          !components.includes(component as keyof HealthState) ||
          !componentStatuses.includes(status)
        ) {
          throw new Error(`Bad health setting ${component}=${String(status)}`);
        }
      }
      Object.assign(musique.state.health, update);
      return { ...musique.state.health };
    },
    setEnvelope(enabled) {
      musique.state.envelope = enabled;
    },
    ledger() {
      musique.state.sends.settle(clock.now(), musique.state.audio);
      return musique.state.sends.ledger(clock.now());
    },
    ledgerDuplicates: () => musique.state.sends.duplicates(),
    stores: () => deps.stores,

    addFault: (spec) => deps.faults.add(spec),
    clearFaults: (id) => deps.faults.clear(id),
    faults: () => deps.faults.list(),

    requests: (filter) => deps.requestLog.list(filter),
    clearRequests: () => deps.requestLog.clear(),

    reset: () => deps.resetState(),
    audioReady: () => deps.bank.warmUp(),
    audioStats: () => deps.bank.stats(),
  };
}
