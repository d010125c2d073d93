import { z } from 'zod';

export interface AppInfo {
  name: string;
  version: string;
  runtime: 'electron' | 'browser-host';
  platform: string;
  versions: { node: string; electron?: string; chrome?: string };
}

export const PingArgs = z.strictObject({ echo: z.string().max(200).optional() }).optional();

export interface Pong {
  pong: true;
  echo?: string;
  at: string;
}
