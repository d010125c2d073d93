/**
 * The store directory's public entry: the only file other features import (lint-enforced). The
 * composer reads the directory snapshot (every store and group) and its filter menus' values.
 */
export { subscribeStores, useStores } from './stores-store.ts';
export { facets } from './stores-view-model.ts';
