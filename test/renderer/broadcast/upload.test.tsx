import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FileCheck, UploadProgress } from '../../../src-preload/contract/schemas/musique.ts';
import { BroadcastScreen } from '../../../src-renderer/features/broadcast/BroadcastScreen.tsx';
import { useBroadcast } from '../../../src-renderer/features/broadcast/broadcast-store.ts';
import { useFixedLayout } from '../support/layout.ts';
import { installFakeBridge } from '../support/fake-bridge.ts';
import { account, audio, broadcastHandlers, resetStores } from '../musique/fixtures.ts';

useFixedLayout();
beforeEach(() => {
  resetStores();
  useBroadcast.setState({ tab: 'upload' });
});

const mp3 = (name: string, size = 2_500_000) =>
  new File([new Uint8Array(size).fill(1)], name, { type: 'audio/mpeg' });

/** Main's staging calls, scripted: a file is MP3 unless its name says otherwise. */
function uploadHandlers(extra: Parameters<typeof broadcastHandlers>[1] = {}) {
  const received = new Map<string, number>();
  const names = new Map<string, string>();
  let next = 0;
  return {
    received,
    handlers: broadcastHandlers([], {
      'musique.uploadBegin': (args) => {
        const { fileName, size } = args as { fileName: string; size: number };
        if (size === 0)
          return {
            accepted: false,
            check: { ok: false, size, reason: 'empty', message: 'The file is empty (0 bytes).' },
          };
        const uploadId = `upl_${String(++next).padStart(16, '0')}`;
        names.set(uploadId, fileName);
        received.set(uploadId, 0);
        return { accepted: true, uploadId, chunkBytes: 1024 * 1024 };
      },
      'musique.uploadChunk': (args) => {
        const { uploadId, bytes } = args as { uploadId: string; bytes: Uint8Array };
        received.set(uploadId, (received.get(uploadId) ?? 0) + bytes.byteLength);
        return { received: received.get(uploadId)! };
      },
      // A FileCheck has an `ok` field of its own: answer it as an explicit outcome.
      'musique.uploadCheck': (args) => {
        const { uploadId } = args as { uploadId: string };
        const size = received.get(uploadId)!;
        const value: FileCheck = names.get(uploadId)!.startsWith('fake')
          ? {
              ok: false,
              size,
              reason: 'not_mp3',
              detected: 'WAV',
              message:
                'This is a WAV file, not MP3 (checked by its content, not its name). Musique only takes MP3.',
            }
          : { ok: true, size, durationSec: 65, bitrateKbps: 128, suggestedName: 'Spring sale' };
        return { ok: true, value };
      },
      'musique.uploadCancel': () => null,
      ...extra,
    }),
  };
}

const row = (fileName: string) =>
  screen.getAllByTestId('upload-row').find((r) => r.dataset.file === fileName)!;

describe('uploading', () => {
  it('stages several files in chunks, checks them, and shows why one is refused', async () => {
    const { handlers, received } = uploadHandlers();
    installFakeBridge(handlers);
    render(<BroadcastScreen />);
    fireEvent.change(await screen.findByTestId('file-input'), {
      target: { files: [mp3('spring.mp3'), mp3('fake.mp3', 1000), mp3('empty.mp3', 0)] },
    });
    await waitFor(() => expect(row('spring.mp3').dataset.stage).toBe('ready'));
    expect([...received.values()]).toContain(2_500_000);
    expect(within(row('spring.mp3')).getByLabelText('Name')).toHaveProperty('value', 'Spring sale');
    expect(within(row('spring.mp3')).getByText('1:05 · 128 kbit/s · 2.4 MB')).toBeTruthy();
    await waitFor(() => expect(row('fake.mp3').dataset.stage).toBe('rejected'));
    expect(within(row('fake.mp3')).getByTestId('reject-reason').textContent).toMatch(
      /WAV file, not MP3/,
    );
    await waitFor(() => expect(row('empty.mp3').dataset.stage).toBe('rejected'));
    expect(within(row('empty.mp3')).getByTestId('reject-reason').textContent).toBe(
      'The file is empty (0 bytes).',
    );
  });

  it('refuses a name of only spaces at the field, then uploads with progress', async () => {
    let resolveStart: (value: UploadProgress) => void = () => undefined;
    const { handlers } = uploadHandlers({
      'musique.uploadStart': () =>
        new Promise<UploadProgress>((resolve) => (resolveStart = resolve)),
    });
    const bridge = installFakeBridge(handlers);
    render(<BroadcastScreen />);
    fireEvent.change(await screen.findByTestId('file-input'), {
      target: { files: [mp3('spring.mp3')] },
    });
    await waitFor(() => expect(row('spring.mp3').dataset.stage).toBe('ready'));
    const name = within(row('spring.mp3')).getByLabelText('Name');
    fireEvent.change(name, { target: { value: '   ' } });
    fireEvent.click(within(row('spring.mp3')).getByRole('button', { name: 'Upload' }));
    expect(within(row('spring.mp3')).getByRole('alert').textContent).toMatch(
      /spaces alone are not a name/,
    );
    expect(bridge.calls.some((c) => c.name === 'musique.uploadStart')).toBe(false);

    fireEvent.change(name, { target: { value: '  Spring sale, all week ' } });
    fireEvent.change(within(row('spring.mp3')).getByLabelText('Category'), {
      target: { value: 'promotion' },
    });
    fireEvent.click(within(row('spring.mp3')).getByRole('button', { name: 'Upload' }));
    await waitFor(() =>
      expect(bridge.calls.some((c) => c.name === 'musique.uploadStart')).toBe(true),
    );
    const start = bridge.calls.find((c) => c.name === 'musique.uploadStart')!.args as Record<
      string,
      string
    >;
    expect(start).toMatchObject({ name: 'Spring sale, all week', category: 'promotion' });

    const uploadId = start.uploadId!;
    act(() =>
      bridge.emit('musique.uploadProgress', {
        uploadId,
        phase: 'uploading',
        sentBytes: 1_250_000,
        totalBytes: 2_500_000,
      }),
    );
    const bar = within(row('spring.mp3')).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    act(() =>
      bridge.emit('musique.uploadProgress', {
        uploadId,
        phase: 'waiting',
        sentBytes: 0,
        totalBytes: 2_500_000,
        waitUntil: new Date(Date.now() + 30_000).toISOString(),
      }),
    );
    expect(within(row('spring.mp3')).getByText(/Resuming at/)).toBeTruthy();
    expect(within(row('spring.mp3')).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    await act(async () => {
      resolveStart({
        uploadId,
        phase: 'done',
        sentBytes: 2_500_000,
        totalBytes: 2_500_000,
        item: audio('new1'),
      });
      await Promise.resolve();
    });
    await waitFor(() => expect(row('spring.mp3').dataset.stage).toBe('done'));
    expect(within(row('spring.mp3')).getByText('Added to the library.')).toBeTruthy();
  });

  it('cancels an upload in flight through main', async () => {
    const { handlers } = uploadHandlers({
      'musique.uploadStart': () => new Promise(() => undefined),
      'musique.uploadCancel': () => null,
    });
    const bridge = installFakeBridge(handlers);
    render(<BroadcastScreen />);
    fireEvent.change(await screen.findByTestId('file-input'), {
      target: { files: [mp3('spring.mp3')] },
    });
    await waitFor(() => expect(row('spring.mp3').dataset.stage).toBe('ready'));
    fireEvent.click(within(row('spring.mp3')).getByRole('button', { name: 'Upload' }));
    fireEvent.click(await within(row('spring.mp3')).findByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(bridge.calls.some((c) => c.name === 'musique.uploadCancel')).toBe(true),
    );
  });

  it('shows a failure with its reference and offers to try again', async () => {
    const { handlers } = uploadHandlers({
      'musique.uploadStart': (args) => ({
        uploadId: (args as { uploadId: string }).uploadId,
        phase: 'unknown',
        sentBytes: 2_500_000,
        totalBytes: 2_500_000,
        error: {
          code: 'upload_unknown_outcome',
          message: 'The whole file was sent, but Musique’s answer never arrived.',
          action: 'Refresh the library before trying again: the file may already be there.',
          requestId: 'req_77',
        },
      }),
    });
    installFakeBridge(handlers);
    render(<BroadcastScreen />);
    fireEvent.change(await screen.findByTestId('file-input'), {
      target: { files: [mp3('spring.mp3')] },
    });
    await waitFor(() => expect(row('spring.mp3').dataset.stage).toBe('ready'));
    fireEvent.click(within(row('spring.mp3')).getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(row('spring.mp3').dataset.stage).toBe('unknown'));
    expect(
      within(row('spring.mp3')).getByText(/Refresh the library before trying again/),
    ).toBeTruthy();
    expect(within(row('spring.mp3')).getByText('Reference: req_77')).toBeTruthy();
    expect(within(row('spring.mp3')).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('adds each file dropped on the drop zone once', async () => {
    const { handlers, received } = uploadHandlers();
    installFakeBridge(handlers);
    render(<BroadcastScreen />);
    const files = [mp3('spring.mp3'), mp3('summer.mp3', 1_000_000)];
    fireEvent.drop(await screen.findByTestId('dropzone'), {
      dataTransfer: { files, types: ['Files'] },
    });
    await waitFor(() => expect(row('summer.mp3').dataset.stage).toBe('ready'));
    expect(screen.getAllByTestId('upload-row').map((r) => r.dataset.file)).toEqual([
      'spring.mp3',
      'summer.mp3',
    ]);
    expect([...received.values()].sort()).toEqual([1_000_000, 2_500_000]);
  });

  it('takes files dropped anywhere in the broadcaster to the upload list', async () => {
    useBroadcast.setState({ tab: 'library' });
    const { handlers } = uploadHandlers();
    installFakeBridge(handlers);
    render(<BroadcastScreen />);
    const header = await screen.findByRole('region', { name: 'Broadcaster' });
    fireEvent.drop(header, { dataTransfer: { files: [mp3('spring.mp3')], types: ['Files'] } });
    await waitFor(() => expect(row('spring.mp3').dataset.stage).toBe('ready'));
    expect(useBroadcast.getState().tab).toBe('upload');
    expect(screen.getAllByTestId('upload-row')).toHaveLength(1);
  });

  it('disables adding files when the token lacks audio.write, and says why', async () => {
    installFakeBridge(broadcastHandlers([], {}, account({ permissions: ['audio.read'] })));
    render(<BroadcastScreen />);
    const choose = await screen.findByRole('button', { name: 'Choose files…' });
    expect((choose as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/lacks the audio\.write permission/)).toBeTruthy();
  });
});
