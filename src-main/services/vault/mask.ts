/**
 * What the renderer may see of a secret: its recognisable prefix and last four characters,
 * e.g. `qm_user_…9f2a` or `msk_live_…cdef`.
 */
export function maskSecret(value: string): string {
  const tail = value.slice(-4);
  const queye = /^(qm_(?:client|user)_)/.exec(value);
  if (queye) return `${queye[1]}…${tail}`;
  const musique = /^([A-Za-z0-9]+_[A-Za-z]+_)/.exec(value);
  if (musique && value.length > musique[1]!.length + 4) return `${musique[1]}…${tail}`;
  return value.length > 8 ? `…${tail}` : '…';
}
