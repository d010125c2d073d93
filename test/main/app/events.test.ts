import { beforeEach, describe, expect, it } from 'vitest';
import { forwardEvents } from '../../../src-main/app/events.ts';
import { createEventBus } from '../../../src-main/services/core/events.ts';
import type { Logger } from '../../../src-main/services/log/logger.ts';
import { createRedactor } from '../../../src-main/services/log/redactor.ts';
import { ipcChannel } from '../../../src-preload/contract/define.ts';
import { BrowserWindow, recorded } from '../../support/electron-stub.ts';

beforeEach(() => recorded.reset());

function recordingLog(lines: unknown[]): Logger {
  const log: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (obj) => void lines.push(obj),
    error: (obj) => void lines.push(obj),
    child: () => log,
  };
  return log;
}

describe('events to the window', () => {
  it('an unclonable payload does not throw into the service that emitted it', () => {
    const bus = createEventBus(createRedactor());
    const lines: unknown[] = [];
    const window = new BrowserWindow({ show: false });
    forwardEvents(bus, BrowserWindow as never, recordingLog(lines));
    const later: string[] = [];
    bus.listen((name) => later.push(name));

    const unclonable = { status: 'x', retry: () => undefined };
    expect(() => bus.emit('vault.changed', unclonable as never)).not.toThrow();
    expect(() => bus.emit('vault.changed', unclonable as never)).not.toThrow();
    // Logged once per event name, and the bus's other listeners still ran.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ event: 'vault.changed' });
    expect(later).toEqual(['vault.changed', 'vault.changed']);

    bus.emit('app.damagedFilesChanged', []);
    expect(window.webContents.sent).toEqual([
      { channel: ipcChannel.event('app.damagedFilesChanged'), payload: [] },
    ]);
  });

  it('skips closed windows', () => {
    const bus = createEventBus(createRedactor());
    const window = new BrowserWindow({ show: false });
    forwardEvents(bus, BrowserWindow as never, recordingLog([]));
    window.close();
    expect(() => bus.emit('app.damagedFilesChanged', [])).not.toThrow();
  });
});
