import { describe, expect, it } from 'vitest';
import { calls } from '../../../src-preload/contract/contract.ts';
import {
  checkQueyeKey,
  cleanKey,
  clientIdOf,
} from '../../../src-preload/contract/schemas/queye.ts';

const client = 'qm_client_Ab12Cd34_0123456789abcdefghijKLMN';
const user = 'qm_user_Zz98Yy76_abcdefghijklmnopqrstuvwx';

describe('Queye key shapes', () => {
  it('strips whitespace and line breaks wherever a pasted key carries them', () => {
    expect(cleanKey(` ${user}\n`)).toBe(user);
    expect(cleanKey(`qm_user_Zz98Yy76_\r\nabcdefghijkl mnopqrstuvwx\t`)).toBe(user);
    expect(cleanKey(`\u200B${client}\uFEFF`)).toBe(client);
    expect(checkQueyeKey('user', `${user}\n`)).toEqual({ ok: true, key: user });
  });

  it('names what is wrong before anything is sent', () => {
    expect(checkQueyeKey('client', '   ')).toEqual({ ok: false, problem: 'empty' });
    expect(checkQueyeKey('client', user)).toEqual({ ok: false, problem: 'other-kind' });
    expect(checkQueyeKey('user', client)).toEqual({ ok: false, problem: 'other-kind' });
    expect(checkQueyeKey('user', 'sk_live_123')).toEqual({ ok: false, problem: 'wrong-prefix' });
    expect(checkQueyeKey('user', 'qm_user_short')).toEqual({ ok: false, problem: 'wrong-shape' });
    expect(checkQueyeKey('user', `${user}x`)).toEqual({ ok: false, problem: 'wrong-shape' });
    expect(checkQueyeKey('client', client.replace('Ab12', 'Ab-2'))).toEqual({
      ok: false,
      problem: 'wrong-shape',
    });
  });

  it('reads the client ID from a client key', () => {
    expect(clientIdOf(client)).toBe('Ab12Cd34');
    expect(clientIdOf(user)).toBeUndefined();
  });
});

describe('connect arguments', () => {
  const schema = calls['queye.connect'].args;

  it('cleans the keys and accepts https or loopback http base URLs', () => {
    expect(
      schema.parse({
        clientKey: `${client}\n`,
        userKey: ` ${user} `,
        baseUrl: 'http://127.0.0.1:9/v1/',
      }),
    ).toEqual({ clientKey: client, userKey: user, baseUrl: 'http://127.0.0.1:9/v1' });
    expect(schema.parse({ clientKey: client, userKey: user }).baseUrl).toBeUndefined();
  });

  it('refuses a credential bound for plain http on another host, and wrong shapes', () => {
    const insecure = schema.safeParse({
      clientKey: client,
      userKey: user,
      baseUrl: 'http://api.queyemusic.com/v1',
    });
    expect(insecure.success).toBe(false);
    expect(insecure.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['baseUrl', 'https-required'],
    ]);
    const wrong = schema.safeParse({ clientKey: user, userKey: 'qm_user_x' });
    expect(wrong.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['clientKey', 'other-kind'],
      ['userKey', 'wrong-shape'],
    ]);
  });
});
