import { beforeEach, describe, expect, it, vi } from 'vitest';
import { calls, events } from '../../src-preload/contract/contract.ts';
import { ipcChannel } from '../../src-preload/contract/define.ts';
import type { BridgeApi } from '../../src-preload/contract/types.ts';
import { createBridgeApi } from '../../src-preload/api/create-api.ts';
import { createIpcTransport, type IpcRendererLike } from '../../src-preload/api/ipc-transport.ts';
import { emitToRenderer, recorded } from '../support/electron-stub.ts';

function fakeIpc() {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const ipc: IpcRendererLike & { sent: Array<[string, unknown]> } = {
    sent: [],
    invoke: vi.fn((channel: string, args: unknown) => {
      ipc.sent.push([channel, args]);
      return Promise.resolve({ ok: true, value: 'answer' });
    }),
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? [])
      listener({ sender: 'internals', ports: [] }, payload);
  };
  return { ipc, emit, listeners };
}

describe('preload API factory', () => {
  it('exposes exactly one function per contract call, grouped by namespace', () => {
    const { ipc } = fakeIpc();
    const api = createBridgeApi(createIpcTransport(ipc), (k, id) => `media://${k}/${id}`);
    const exposed = Object.entries(api).flatMap(([ns, group]) =>
      typeof group === 'function' ? [] : Object.keys(group as object).map((m) => `${ns}.${m}`),
    );
    expect(exposed.sort()).toEqual(Object.keys(calls).sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.settings)).toBe(true);
  });

  it('every call name is namespace.method', () => {
    for (const name of Object.keys(calls)) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    for (const name of Object.keys(events)) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it('invokes the call channel with the arguments and returns the outcome', async () => {
    const { ipc } = fakeIpc();
    const api = createBridgeApi(createIpcTransport(ipc), (k, id) => `media://${k}/${id}`);
    await expect(api.settings.set({ ui: { theme: 'dark' } })).resolves.toEqual({
      ok: true,
      value: 'answer',
    });
    expect(ipc.sent).toEqual([[ipcChannel.call('settings.set'), { ui: { theme: 'dark' } }]]);
  });

  it('strips the IPC event from listeners and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const api = createBridgeApi(createIpcTransport(ipc), (k, id) => `media://${k}/${id}`);
    const seen: unknown[][] = [];
    const off = api.on('settings.changed', (...args: unknown[]) => seen.push(args));
    emit(ipcChannel.event('settings.changed'), { ui: { theme: 'light' } });
    expect(seen).toEqual([[{ ui: { theme: 'light' } }]]);
    off();
    expect(listeners.get(ipcChannel.event('settings.changed'))?.size).toBe(0);
    emit(ipcChannel.event('settings.changed'), {});
    expect(seen).toHaveLength(1);
  });

  it('refuses unknown events and bad media references', () => {
    const { ipc } = fakeIpc();
    const api = createBridgeApi(createIpcTransport(ipc), (k, id) => `media://${k}/${id}`);
    expect(() => api.on('shell.open' as 'settings.changed', () => undefined)).toThrow(
      /Unknown event/,
    );
    expect(api.mediaUrl('track', 42)).toBe('media://track/42');
    expect(() => api.mediaUrl('track', '../../etc/passwd')).toThrow();
    expect(() => api.mediaUrl('file' as 'track', 1)).toThrow();
  });
});

describe('preload entry', () => {
  beforeEach(() => recorded.reset());

  it('exposes window.aislecast through contextBridge and nothing else', async () => {
    await import('../../src-preload/index.ts');
    expect([...recorded.exposed.keys()]).toEqual(['aislecast']);
    const api = recorded.exposed.get('aislecast') as BridgeApi;
    await api.app.ping({ echo: 'x' });
    expect(recorded.invoked).toEqual([
      { channel: ipcChannel.call('app.ping'), args: [{ echo: 'x' }] },
    ]);
    const payloads: unknown[][] = [];
    api.on('connection.changed', (...args: unknown[]) => payloads.push(args));
    emitToRenderer(ipcChannel.event('connection.changed'), { queye: { state: 'online' } });
    expect(payloads).toEqual([[{ queye: { state: 'online' } }]]);
    expect(api.mediaUrl('audio', 'a_1')).toBe('media://audio/a_1');
  });
});
