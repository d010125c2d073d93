import { expect } from 'vitest';
import {
  codedColumns,
  columnSeparator,
  numericColumns,
  type TrackLibrarySnapshot,
} from '../../../../src-preload/contract/schemas/library.ts';
import type { SandboxHandle } from '../../../support/sandbox.ts';
import type { Harness } from '../../queye/support/harness.ts';

/** Waits until the library has finished a sync (none running) and saved it to disk. */
export async function synced(harness: Harness): Promise<void> {
  await expect
    .poll(() => {
      const status = harness.library!.service.status();
      return status.synced && harness.library!.service.running() === undefined;
    })
    .toBe(true);
  await harness.library!.service.persisted();
}

/** Waits until no sync runs. */
export async function idle(harness: Harness): Promise<void> {
  await expect.poll(() => harness.library!.service.running()).toBeUndefined();
}

/** The tracks of a snapshot as plain rows. */
export function rowsOf(snapshot: TrackLibrarySnapshot | null) {
  if (!snapshot) return [];
  const { count, text, numbers } = snapshot.tracks;
  const { distinct, codes, codeBytes } = snapshot.tracks.coded!;
  const values = new Float64Array(numbers.buffer, numbers.byteOffset, numbers.byteLength / 8);
  const titles = count ? text.title.split(columnSeparator) : [];
  const indexes =
    codeBytes === 2
      ? new Uint16Array(codes.buffer, codes.byteOffset, codes.byteLength / 2)
      : new Uint32Array(codes.buffer, codes.byteOffset, codes.byteLength / 4);
  const albumIds = distinct.albumId.split(columnSeparator);
  const albumAt = codedColumns.indexOf('albumId') * count;
  const albums = Array.from({ length: count }, (_, i) => albumIds[indexes[albumAt + i]!]!);
  const at = (name: (typeof numericColumns)[number], i: number) =>
    values[numericColumns.indexOf(name) * count + i]!;
  return Array.from({ length: count }, (_, i) => ({
    id: at('id', i),
    title: titles[i]!,
    albumId: albums[i]!,
    duration: at('duration', i),
  }));
}

export const connectDemo = (harness: Harness, sandbox: SandboxHandle) =>
  harness.value('queye.connect', {
    clientKey: sandbox.credentials.queyeClientKey,
    userKey: sandbox.credentials.queyeUserKey,
    baseUrl: sandbox.queye.baseUrl,
  });

export const trackRequests = (sandbox: SandboxHandle) =>
  sandbox.control.requests({ service: 'queye', pathPrefix: '/v1/library/tracks' });
