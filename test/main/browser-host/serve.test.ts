import { describe, expect, it } from 'vitest';
import { openCommand } from '../../../src-main/browser-host/serve.ts';

describe('opening the printed address', () => {
  const url = 'http://127.0.0.1:4000/?key=abc';
  it('uses each platform’s own opener, with the whole address as one argument', () => {
    expect(openCommand('linux', url)).toEqual(['xdg-open', [url]]);
    expect(openCommand('darwin', url)).toEqual(['open', [url]]);
    expect(openCommand('win32', url)).toEqual(['cmd', ['/c', 'start', '""', url]]);
  });
});
