export { calls, events, mediaKinds } from './contract.ts';
export { ipcChannel } from './define.ts';
export type { ApiErrorShape, Outcome } from './define.ts';
export type * from './types.ts';
