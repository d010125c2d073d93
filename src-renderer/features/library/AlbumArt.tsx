import { Disc3 } from 'lucide-react';

function hue(text: string): number {
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return h % 360;
}

function initials(title: string): string {
  return title
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word))
    .slice(0, 2)
    .map((word) => word[0]!.toUpperCase())
    .join('');
}

/**
 * An album's placeholder cover: a colour from its ID and its initials. Artwork is not fetched
 * (the renderer loads nothing from the network); the placeholder keeps albums recognisable.
 */
export function AlbumArt({ id, title, size }: { id: string; title: string; size: number }) {
  const letters = initials(title);
  return (
    <span
      className="album-art"
      aria-hidden="true"
      style={{ width: size, height: size, ['--album-hue' as string]: hue(id) }}
    >
      {letters || <Disc3 size={Math.round(size / 2)} />}
    </span>
  );
}
