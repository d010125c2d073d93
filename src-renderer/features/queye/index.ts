/** The Queye account's public entry: the only file other features import (lint-enforced). */
export { QueyeSettings } from './QueyeSettings.tsx';
