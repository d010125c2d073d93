import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { calls } from '../../src-preload/contract/contract.ts';

/**
 * What `electron-vite build` (run by `npm run test:e2e` before this project) leaves in `out/`:
 * an ES-module main, one self-contained CommonJS preload that a sandboxed renderer can load,
 * and a renderer whose page refers only to files that exist, by relative path.
 */
const out = resolve(import.meta.dirname, '../../out');
const read = (path: string) => readFile(resolve(out, path), 'utf8');

describe('the build output', () => {
  it('has an ES-module main that package.json points Electron at', async () => {
    const pkg = JSON.parse(await readFile(resolve(out, '../package.json'), 'utf8')) as {
      main: string;
      type: string;
    };
    expect(resolve(out, '..', pkg.main)).toBe(resolve(out, 'main/index.js'));
    expect(pkg.type).toBe('module');
    const main = await read('main/index.js');
    expect(main).toMatch(/^import \{[^}]*\bapp\b[^}]*\} from "electron";$/m);
    // CommonJS `require("…")` of a module would fail in an ES module.
    expect(main).not.toMatch(/(?<![.\w])require\(\s*["']/);
  });

  it('has one CommonJS preload that needs nothing but electron, and exposes the contract', async () => {
    const preload = await read('preload/index.cjs');
    const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);

    // Load it as Node loads CommonJS (a syntax error here means ESM slipped in), with an
    // electron that records what the preload hands the page.
    const exposed = new Map<string, unknown>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: () => Promise.resolve({ ok: true, value: null }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const wrapper = runInThisContext(`(function (exports, require, module) {${preload}\n})`) as (
      exports: object,
      require: (id: string) => unknown,
      module: object,
    ) => void;
    const module = { exports: {} };
    wrapper(
      module.exports,
      (id) => {
        if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
        return electron;
      },
      module,
    );

    expect([...exposed.keys()]).toEqual(['aislecast']);
    const api = exposed.get('aislecast') as Record<string, unknown>;
    const namespaces = new Set(Object.keys(calls).map((name) => name.split('.')[0]!));
    expect(Object.keys(api).sort()).toEqual([...namespaces, 'mediaUrl', 'on'].sort());
  });

  it('has a renderer page whose scripts and styles exist, by relative path, none inline', async () => {
    const html = await read('renderer/index.html');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const ref of refs) {
      // app://aislecast/ serves the folder: absolute or remote paths would not resolve there.
      expect(ref).toMatch(/^\.\//);
      expect(existsSync(resolve(out, 'renderer', ref))).toBe(true);
    }
    expect(refs.some((ref) => ref.endsWith('.js'))).toBe(true);
    expect(refs.some((ref) => ref.endsWith('.css'))).toBe(true);
    // The CSP allows scripts from the bundle only.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
