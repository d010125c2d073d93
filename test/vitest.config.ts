import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = resolve(import.meta.dirname, '..');
// Main-side code must never load the real `electron` package: it would try to download the
// binary. Every Node project resolves it to a stub that records what the shell registers.
const electronStub = { electron: resolve(root, 'test/support/electron-stub.ts') };

export default defineConfig({
  root,
  test: {
    allowOnly: false,
    projects: [
      {
        resolve: { alias: electronStub },
        test: {
          name: 'main',
          root,
          environment: 'node',
          include: ['test/main/**/*.test.ts'],
          // electron-store imports `electron` itself: bundled here, so it gets the stub too and
          // the shell's tests run the real store module with the real options.
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias: electronStub },
        test: {
          name: 'preload',
          root,
          environment: 'node',
          include: ['test/preload/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          root,
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
      {
        resolve: { alias: electronStub },
        test: {
          name: 'e2e',
          root,
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          // A real browser streams and buffers: conditions get seconds, not vitest's default 1 s.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Each file runs its own Chromium and host; two at a time suits a 2-core machine.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'electron',
          root,
          environment: 'node',
          include: ['test/electron/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
