import { describe, expect, it } from 'vitest';
import { calls } from '../../../src-preload/contract/contract.ts';
import type { CallName } from '../../../src-preload/contract/types.ts';
import type { Handlers } from '../../../src-main/services/core/router.ts';
import { registerFeatures } from '../../../src-main/services/core/register-features.ts';

const names = Object.keys(calls) as CallName[];

/** A feature answering `names` with a marker saying which feature answered. */
function featureFor(marker: string, only: readonly string[]): { handlers: Partial<Handlers> } {
  return { handlers: Object.fromEntries(only.map((name) => [name, () => marker])) };
}

describe('registerFeatures', () => {
  it("merges every feature's handlers into one map, one handler per declared call", () => {
    const app = names.filter((name) => name.startsWith('app.'));
    const rest = names.filter((name) => !name.startsWith('app.'));
    const handlers = registerFeatures([featureFor('app', app), featureFor('rest', rest)]);
    expect(Object.keys(handlers).sort()).toEqual([...names].sort());
    const ctx = { origin: 'test' };
    expect(handlers['app.info'](undefined as never, ctx)).toBe('app');
    expect(handlers['settings.get'](undefined as never, ctx)).toBe('rest');
  });

  it('refuses a call registered by two features', () => {
    const first = featureFor('first', names);
    const second = featureFor('second', ['stores.list']);
    expect(() => registerFeatures([first, second])).toThrow(
      'The call "stores.list" is registered twice.',
    );
  });

  it('refuses a declared call that no feature handles, naming it', () => {
    const most = featureFor(
      'most',
      names.filter((name) => name !== 'musique.quota' && name !== 'demo.stop'),
    );
    expect(() => registerFeatures([most])).toThrow(
      /declared in the contract but have no handler: .*musique\.quota.*demo\.stop|demo\.stop.*musique\.quota/,
    );
  });

  it('refuses a handler for a call the contract does not declare', () => {
    const all = featureFor('all', [...names, 'app.shutdown']);
    expect(() => registerFeatures([all])).toThrow(
      'The call "app.shutdown" has a handler but is not declared in the contract.',
    );
  });

  it('types the list: every declared call must be handled for it to compile', () => {
    // Empty maps typed as handlers: only the compile-time check is exercised here (the
    // run-time one then refuses both). `tsc -p test` fails if the expected error goes away,
    // and the complete list must keep compiling.
    const settingsOnly = { handlers: {} as Pick<Handlers, 'settings.get' | 'settings.set'> };
    const complete = { handlers: {} as Handlers };
    // @ts-expect-error every call of the contract but the two settings calls is missing
    expect(() => registerFeatures([settingsOnly])).toThrow(/have no handler/);
    expect(() => registerFeatures([complete])).toThrow(/have no handler/);
  });
});
