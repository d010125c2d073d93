// What every media answer carries, in Electron (`media://`) and in the browser host alike. The
// media paths proxy upstream bytes onto the app's own origin: another site must not read them (CORP), the browser must not guess a
// type from the bytes (nosniff), and whatever upstream claimed, the answer is audio, so an HTML
// body can never render (and run script) as a page of the app.

const audioType = /^audio\/[a-z0-9.+-]+$/i;

export function hardenMediaResponse(response: Response): Response {
  const headers = new Headers(response.headers);
  const type = headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  headers.set('content-type', audioType.test(type) ? type.toLowerCase() : 'audio/mpeg');
  headers.set('x-content-type-options', 'nosniff');
  headers.set('cross-origin-resource-policy', 'same-origin');
  // Opened on its own, a media URL is a document with no rights at all.
  headers.set('content-security-policy', "default-src 'none'; sandbox");
  const nullBody = [101, 103, 204, 205, 304].includes(response.status);
  return new Response(nullBody ? null : response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
