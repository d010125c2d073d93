import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../../src-preload/ws-bridge.ts', import.meta.url));
let cached: Promise<string> | undefined;

/**
 * Bundles the WebSocket bridge (the browser twin of the preload) into one classic script.
 * Built from source on first use so it always matches the contract the host is running.
 */
export function bridgeScript(): Promise<string> {
  cached ??= (async () => {
    const { build } = await import('vite');
    const result = await build({
      configFile: false,
      logLevel: 'silent',
      build: {
        write: false,
        minify: false,
        lib: { entry, formats: ['iife'], name: 'AislecastBridge', fileName: () => 'bridge.js' },
      },
    });
    const outputs = Array.isArray(result) ? result : [result];
    for (const output of outputs) {
      if ('output' in output) {
        const chunk = output.output.find((item) => item.type === 'chunk');
        if (chunk && 'code' in chunk) return chunk.code;
      }
    }
    throw new Error('The browser-host bridge did not build');
  })();
  return cached;
}
