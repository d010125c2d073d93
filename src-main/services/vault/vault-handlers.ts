import type { FeatureContext, HandlersOf } from '../core/feature.ts';

/** Pushes the vault's state (protection, storage, dropped secrets) to the renderer. */
export async function publishVaultStatus(context: Pick<FeatureContext, 'vault' | 'events'>) {
  context.events.emit('vault.changed', await context.vault.status());
}

/**
 * The vault as the renderer sees it: how well secrets are protected and where they live, and
 * the user's choice on a weak backend. Shared by the Queye and Musique settings pages.
 */
export function vaultHandlers(
  context: Pick<FeatureContext, 'vault' | 'events' | 'log'>,
): HandlersOf<'vault'> {
  const log = context.log.child({ service: 'vault' });
  return {
    'vault.status': () => context.vault.status(),
    async 'vault.setWeakStorage'({ allowed }) {
      const status = await context.vault.setWeakStorageAllowed(allowed);
      log.info({ allowed, storage: status.storage }, 'weak secret storage choice changed');
      context.events.emit('vault.changed', status);
      return status;
    },
  };
}
