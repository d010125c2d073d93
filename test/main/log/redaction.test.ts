import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/services/log/logger.ts';
import { createRedactor } from '../../../src-main/services/log/redactor.ts';

describe('log redaction', () => {
  const cases: Array<[string, string]> = [
    ['client key', 'qm_client_Ab12Cd34_0123456789abcdefghijKLMN'],
    ['user key', 'qm_user_Zz98Yy76_abcdefghijklmnopqrstuvwx'],
    ['musique token', 'msk_live_1234567890abcdef'],
    ['company-prefixed token', 'acme_prod_ffee00112233'],
    ['bearer', 'Bearer eyJhbGciOi.payload.sig'],
    ['stream token in a URL', 'https://api.example/v1/stream/12?st=tok_ABCDEF123'],
  ];
  it.each(cases)('scrubs a %s wherever it appears', (_label, secret) => {
    const lines: string[] = [];
    const { logger } = createLogger({ redactor: createRedactor(), sink: (l) => lines.push(l) });
    logger.info({ url: `x ${secret} y`, nested: { header: secret } }, `message with ${secret}`);
    logger.error({ err: new Error(`failed: ${secret}`) }, 'boom');
    const all = lines.join('\n');
    const core = secret
      .replace(/^Bearer /, '')
      .split('?st=')
      .pop()!;
    expect(all).not.toContain(core);
    expect(all).toContain('[redacted]');
  });

  it('scrubs JSON token fields and exact registered secrets without a known shape', () => {
    const redactor = createRedactor();
    redactor.add('comp_abc123xyz');
    const lines: string[] = [];
    const { logger } = createLogger({ redactor, sink: (l) => lines.push(l) });
    logger.info(
      { body: '{"refresh_token":"r-1234567890","companyToken":"comp_abc123xyz"}' },
      'sent',
    );
    logger.warn('company token comp_abc123xyz rejected');
    const all = lines.join('\n');
    expect(all).not.toContain('r-1234567890');
    expect(all).not.toContain('comp_abc123xyz');
  });
});
