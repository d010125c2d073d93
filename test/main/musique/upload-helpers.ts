import type { Harness } from './harness.ts';

/** Sends `bytes` to main as the renderer does (in chunks) and returns the staged upload's ID. */
export async function stageFile(h: Harness, fileName: string, bytes: Uint8Array): Promise<string> {
  const ticket = await h.call('musique.uploadBegin', { fileName, size: bytes.byteLength });
  if (!ticket.accepted)
    throw new Error(`refused before staging: ${ticket.check.ok ? '' : ticket.check.message}`);
  for (let offset = 0; offset < bytes.byteLength; offset += ticket.chunkBytes) {
    await h.call('musique.uploadChunk', {
      uploadId: ticket.uploadId,
      offset,
      bytes: bytes.subarray(offset, offset + ticket.chunkBytes),
    });
  }
  return ticket.uploadId;
}
