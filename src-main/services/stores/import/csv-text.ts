/**
 * From the bytes of a chosen file to CSV text, or a plain reason it is not one. Spreadsheets
 * save UTF-8 with or without a byte-order mark, and Excel in Portuguese or Spanish often saves
 * Windows-1252; binaries (an MP3 picked by mistake, a zip, an .xlsx) are refused by content.
 */
export type CsvText =
  | { ok: true; text: string; encoding: 'utf-8' | 'windows-1252' }
  | { ok: false; reason: 'empty' | 'binary' | 'audio' | 'spreadsheet'; message: string };

const starts = (bytes: Uint8Array, ...prefix: number[]) =>
  prefix.every((byte, i) => bytes[i] === byte);

function kindOf(bytes: Uint8Array): 'audio' | 'spreadsheet' | undefined {
  if (starts(bytes, 0x49, 0x44, 0x33)) return 'audio'; // "ID3"
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return 'audio'; // MPEG frame sync
  if (starts(bytes, 0x4f, 0x67, 0x67, 0x53) || starts(bytes, 0x52, 0x49, 0x46, 0x46)) {
    return 'audio'; // Ogg, RIFF/WAVE
  }
  if (starts(bytes, 0x50, 0x4b, 0x03, 0x04)) return 'spreadsheet'; // zip: .xlsx, .ods
  if (starts(bytes, 0xd0, 0xcf, 0x11, 0xe0)) return 'spreadsheet'; // old .xls
  return undefined;
}

/** Control bytes other than tab, line feed, carriage return and form feed mean "not text". */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 65_536);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  return control > sample.length / 1000;
}

export function decodeCsv(bytes: Uint8Array): CsvText {
  let body = bytes;
  if (starts(body, 0xef, 0xbb, 0xbf)) body = body.subarray(3);
  if (body.every((byte) => byte === 0x20 || byte === 9 || byte === 10 || byte === 13)) {
    return { ok: false, reason: 'empty', message: 'The file is empty: it holds no rows.' };
  }
  const kind = kindOf(body);
  if (kind === 'audio') {
    return {
      ok: false,
      reason: 'audio',
      message: 'This is an audio file, not a CSV. Choose the store list saved as CSV.',
    };
  }
  if (kind === 'spreadsheet') {
    return {
      ok: false,
      reason: 'spreadsheet',
      message:
        'This is a spreadsheet workbook, not a CSV. In your spreadsheet, use “Save as” → CSV, then import that file.',
    };
  }
  if (looksBinary(body)) {
    return {
      ok: false,
      reason: 'binary',
      message: 'This file is not text, so it cannot be a CSV. Choose the store list saved as CSV.',
    };
  }
  try {
    return {
      ok: true,
      text: new TextDecoder('utf-8', { fatal: true }).decode(body),
      encoding: 'utf-8',
    };
  } catch {
    // Not UTF-8 but text all the same: the legacy Windows encoding of Western spreadsheets.
    return {
      ok: true,
      text: new TextDecoder('windows-1252').decode(body),
      encoding: 'windows-1252',
    };
  }
}
