export interface CspOptions {
  /** Extra `connect-src` sources (the browser host's WebSocket). */
  connect?: string[];
  /** Extra `media-src` sources (`media:` in the app). */
  media?: string[];
  /** Vite's dev server needs inline scripts for React refresh. */
  development?: boolean;
}

/** The renderer's Content-Security-Policy, sent as a response header by every host. */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const script = options.development ? "'self' 'unsafe-inline'" : "'self'";
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'script-src': script,
    // Radix primitives set inline style attributes for positioning.
    'style-src': "'self' 'unsafe-inline'",
    'img-src': "'self' data: blob:",
    'font-src': "'self' data:",
    'media-src': ["'self'", 'blob:', ...(options.media ?? [])].join(' '),
    'connect-src': ["'self'", ...(options.connect ?? [])].join(' '),
    'worker-src': "'self'",
    'object-src': "'none'",
    'frame-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
