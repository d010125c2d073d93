/**
 * Scrubs secrets from anything written to the log. Two layers: shape patterns for every
 * credential the two APIs use, and exact values the vault registers at run time (company
 * tokens and other secrets without a recognisable shape).
 */
/** The Musique token shape (`prefix_environment_hash`): in prose and logs, not in data. */
const musiqueShape: [RegExp, string] = [
  /\b([A-Za-z0-9]+)_(prod|dev|live|test|staging|sandbox)_[A-Za-z0-9]{6,}/g,
  '$1_$2_[redacted]',
];

/** Shapes distinctive enough to scrub from any text, data included. */
const distinctive: ReadonlyArray<[RegExp, string]> = [
  [/\bqm_(client|user)_[A-Za-z0-9]+_[A-Za-z0-9]+/g, 'qm_$1_[redacted]'],
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/([?&](?:st|token|access_token)=)[^&\s"'#]+/g, '$1[redacted]'],
  [
    // Token fields in JSON, also when that JSON was itself logged as an escaped string.
    /(\\?")(access_token|refresh_token|stream_token|token|companyToken|company_token|user_api_key|userApiKey|apiKey|api_key|clientKey|client_key|password|secret)(\\?")(\s*:\s*)(\\?")[^"\\]*(\\?")/g,
    '$1$2$3$4$5[redacted]$6',
  ],
  [
    /\b(x-api-key|x-queye-client-key|authorization)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
    '$1$2[redacted]',
  ],
];

const patterns: ReadonlyArray<[RegExp, string]> = [
  distinctive[0]!,
  musiqueShape,
  ...distinctive.slice(1),
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Redactor {
  /** Registers an exact secret value (at least 6 characters) to scrub wherever it appears. */
  add(secret: string): void;
  remove(secret: string): void;
  scrub(text: string): string;
  /**
   * For data sent to the renderer (names, titles): registered secrets and the distinctive
   * credential shapes only, so an announcement called `promo_live_summer2026` keeps its name.
   */
  scrubData(text: string): string;
}

export function createRedactor(): Redactor {
  const secrets = new Set<string>();
  let exact: RegExp | undefined;
  const rebuild = () => {
    exact = secrets.size
      ? new RegExp(
          [...secrets]
            .sort((a, b) => b.length - a.length)
            .map(escape)
            .join('|'),
          'g',
        )
      : undefined;
  };
  return {
    add(secret) {
      if (secret.length < 6 || secrets.has(secret)) return;
      secrets.add(secret);
      rebuild();
    },
    remove(secret) {
      if (secrets.delete(secret)) rebuild();
    },
    scrub(text) {
      let out = exact ? text.replace(exact, '[redacted]') : text;
      for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
      return out;
    },
    scrubData(text) {
      let out = exact ? text.replace(exact, '[redacted]') : text;
      for (const [pattern, replacement] of distinctive) out = out.replace(pattern, replacement);
      return out;
    },
  };
}
