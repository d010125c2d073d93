import type { IncomingHttpHeaders } from 'node:http';
import type { MusiqueEnvironment } from '../data/credentials.ts';
import type { Store } from '../data/stores.ts';
import { SandboxApiError } from '../http/reply.ts';
import { randomHex } from '../ids.ts';

export type Permission = 'audio.read' | 'audio.write' | 'audio.delete' | 'audio.send';
export const allPermissions: readonly Permission[] = [
  'audio.read',
  'audio.write',
  'audio.delete',
  'audio.send',
];

export interface MusiqueToken {
  token: string;
  externalId: string;
  userId: number;
  permissions: Permission[];
  revoked: boolean;
}

export interface Company {
  prefix: string;
  environment: MusiqueEnvironment;
  companyToken: string;
}

/**
 * Partner API tokens of the demo company. One live token per External ID (generating a second
 * is `409 external_id_in_use` until the first is revoked); tokens never expire. Each way a key
 * can be wrong gets its own message, mirroring the causes the Musique docs list.
 */
export interface TokenRegistry {
  readonly company: Company;
  generate(externalId: string, companyToken: string): MusiqueToken;
  issue(externalId: string, permissions?: readonly Permission[], token?: string): MusiqueToken;
  authenticate(headers: IncomingHttpHeaders): MusiqueToken;
  find(token: string): MusiqueToken | undefined;
  revoke(token: string): boolean;
  setPermissions(token: string, permissions: readonly Permission[]): boolean;
}

const tokenShape = /^([A-Za-z0-9]+)_([A-Za-z]+)_([A-Za-z0-9]+)$/;
const knownEnvironments = ['prod', 'dev', 'live', 'test', 'staging', 'sandbox'];
const invalidToken = (message: string) => new SandboxApiError(401, 'invalid_token', message);

export function createTokenRegistry(company: Company, stores: readonly Store[]): TokenRegistry {
  const tokens = new Map<string, MusiqueToken>();
  const liveByExternalId = new Map<string, MusiqueToken>();
  const storeUsers = new Map(stores.map((store) => [store.externalId, store.userId]));
  const integrationUsers = new Map<string, number>();

  // Integrations that are not stores get Musique user IDs of their own, in order of first use.
  const userIdFor = (externalId: string) => {
    const store = storeUsers.get(externalId);
    if (store !== undefined) return store;
    let id = integrationUsers.get(externalId);
    if (id === undefined) {
      id = 90_001 + integrationUsers.size;
      integrationUsers.set(externalId, id);
    }
    return id;
  };

  const registry: TokenRegistry = {
    company,
    generate(externalId, companyToken) {
      if (companyToken !== company.companyToken) {
        throw new SandboxApiError(
          401,
          'invalid_company_token',
          'Invalid company token: check the token Musique gave you at onboarding.',
        );
      }
      if (liveByExternalId.has(externalId)) {
        throw new SandboxApiError(
          409,
          'external_id_in_use',
          `External ID "${externalId}" already has a live API token; revoke it first or use another External ID.`,
        );
      }
      return registry.issue(externalId);
    },
    issue(externalId, permissions = allPermissions, token) {
      const record: MusiqueToken = {
        token: token ?? `${company.prefix}_${company.environment}_${randomHex(32)}`,
        externalId,
        userId: userIdFor(externalId),
        permissions: [...permissions],
        revoked: false,
      };
      const previous = liveByExternalId.get(externalId);
      if (previous) previous.revoked = true;
      tokens.set(record.token, record);
      liveByExternalId.set(externalId, record);
      return record;
    },
    authenticate(headers) {
      const raw = headers['x-api-key'];
      if (typeof raw !== 'string' || raw === '') {
        const hint = /^bearer\s/i.test(headers.authorization ?? '')
          ? ' The token goes in the X-API-Key header, not Authorization.'
          : '';
        throw invalidToken(`Missing X-API-Key header.${hint}`);
      }
      if (/\s/.test(raw))
        throw invalidToken(
          'The API token contains whitespace or line breaks; paste it again without them.',
        );
      const shape = tokenShape.exec(raw);
      if (!shape)
        throw invalidToken('Malformed API token: expected {companyPrefix}_{environment}_{hash}.');
      const environment = shape[2] ?? '';
      if (environment !== company.environment && knownEnvironments.includes(environment)) {
        throw invalidToken(
          `This API token is for the "${environment}" environment; this server is "${company.environment}".`,
        );
      }
      const record = tokens.get(raw);
      if (!record) throw invalidToken('Invalid API token.');
      if (record.revoked)
        throw invalidToken('This API token has been revoked; generate a new one.');
      return record;
    },
    find: (token) => tokens.get(token),
    revoke(token) {
      const record = tokens.get(token);
      if (!record || record.revoked) return false;
      record.revoked = true;
      if (liveByExternalId.get(record.externalId) === record)
        liveByExternalId.delete(record.externalId);
      return true;
    },
    setPermissions(token, permissions) {
      const record = tokens.get(token);
      if (!record) return false;
      record.permissions = [...permissions];
      return true;
    },
  };
  return registry;
}
