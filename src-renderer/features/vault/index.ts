/** The credential vault's public entry: the only file other features import (lint-enforced). */
export { VaultNotice } from './VaultNotice.tsx';
