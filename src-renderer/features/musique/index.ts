/**
 * The Musique account's public entry: the only file other features import (lint-enforced). The
 * broadcaster reads the account and its permissions; settings shows the account page.
 */
export { permissionState, subscribeMusique, useMusique } from './musique-store.ts';
export { EnvironmentBadge } from './EnvironmentBadge.tsx';
export { MusiqueSettings } from './MusiqueSettings.tsx';
