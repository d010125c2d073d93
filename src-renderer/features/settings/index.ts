/** The app settings' public entry: the only file other features import (lint-enforced). */
export { useSettings } from './settings-store.ts';
