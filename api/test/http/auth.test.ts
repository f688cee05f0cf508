import { hash } from '@node-rs/argon2';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.js';
import { ALL_CONTROLLERS } from '../../src/http/controllers.js';
import type { TokenPair } from '../../src/services/auth-service.js';
import { createServices } from '../../src/services/create-services.js';
import {
  createAccountsHarness,
  freshIp,
  type AccountsHarness,
  type TestAccount,
} from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let h: AccountsHarness;
beforeEach(async () => {
  t = await createTestApp();
  h = createAccountsHarness(t);
});
afterEach(async () => {
  await h.assertNoSecretsLeaked();
  await t.close();
});

const PROBLEM = 'https://shutter.dev/problems/';
const loginAs = (email: string, password: string, ip = freshIp()) =>
  h.send('POST', '/auth/login', {
    body: { email, password },
    ip,
    headers: { 'x-request-id': 'same-id' },
  });

/** Everything a client could compare between two answers. */
async function fingerprint(res: Response) {
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    challenge: res.headers.get('www-authenticate'),
    retryAfter: res.headers.get('retry-after'),
    body: await res.text(),
  };
}

async function expectProblem(res: Response, status: number, slug: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ type: PROBLEM + slug, status });
  return body;
}

describe('POST /auth/login', () => {
  it('returns an HS256 access token with issuer, audience, role and token version, and a refresh token', async () => {
    const editor = await h.createUser('editor', 'Ana.Lima@example.com');
    const res = await loginAs('ana.lima@EXAMPLE.com', editor.password);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const pair = (await res.json()) as TokenPair;
    expect(pair).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      refreshExpiresIn: 30 * 24 * 3600,
      user: { id: editor.id, email: 'Ana.Lima@example.com', role: 'editor', status: 'active' },
    });
    expect(pair.refreshToken).toMatch(/^shr_[A-Za-z0-9_-]{43}$/);
    expect(decodeProtectedHeader(pair.accessToken)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(pair.accessToken);
    expect(claims).toMatchObject({
      iss: 'shutter',
      aud: 'shutter-api:local',
      sub: editor.id,
      role: 'editor',
      tv: 0,
    });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(pair.user.lastLoginAt).toBe(t.clock.now().toISOString());

    const me = await h.send('GET', '/me', { token: pair.accessToken });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('private, no-store');
    expect(me.headers.get('vary')).toContain('Authorization');
    expect(await me.json()).toMatchObject({ id: editor.id, lastLoginAt: pair.user.lastLoginAt });
  });

  it('answers a wrong password, an unknown email and a disabled account identically', async () => {
    const editor = await h.createUser();
    const disabled = await h.createUser();
    await t.services.users.disable(disabled.id);

    const wrongPassword = await fingerprint(await loginAs(editor.email, 'not-the-password'));
    const unknownEmail = await fingerprint(await loginAs('nobody@example.com', 'not-the-password'));
    const disabledRight = await fingerprint(await loginAs(disabled.email, disabled.password));
    const disabledWrong = await fingerprint(await loginAs(disabled.email, 'not-the-password'));

    expect(wrongPassword.status).toBe(401);
    expect(JSON.parse(wrongPassword.body)).toMatchObject({
      type: PROBLEM + 'unauthenticated',
      detail: 'The email or password is not correct',
    });
    const normalise = (f: typeof wrongPassword) => ({
      ...f,
      body: f.body.replace(/"instance":"[^"]*"/, ''),
    });
    expect(normalise(unknownEmail)).toEqual(normalise(wrongPassword));
    expect(normalise(disabledRight)).toEqual(normalise(wrongPassword));
    expect(normalise(disabledWrong)).toEqual(normalise(wrongPassword));
  });

  it('locks an email after five failures, known or not, with the same 429 and growing delays', async () => {
    const editor = await h.createUser();
    for (let i = 0; i < 5; i++) {
      expect((await loginAs(editor.email, `wrong-${i}`)).status).toBe(401);
      expect((await loginAs('ghost@example.com', `wrong-${i}`)).status).toBe(401);
    }
    // Even the right password is refused while locked: the lock is checked before the password.
    const known = await fingerprint(await loginAs(editor.email, editor.password));
    const unknown = await fingerprint(await loginAs('ghost@example.com', 'whatever-it-is'));
    expect(known.status).toBe(429);
    expect(known.retryAfter).toBe('60');
    expect(JSON.parse(known.body)).toMatchObject({ type: PROBLEM + 'throttled', status: 429 });
    expect(unknown).toEqual(known);

    // The lock is kept in the store: another instance (another app on the same store) sees it.
    t.clock.advance(30_000);
    const otherInstance = createApp(createServices(t.stores, t.clock), {
      controllers: ALL_CONTROLLERS,
      logger: t.logger,
      corsOrigins: ['*'],
      bodyLimitBytes: 1_048_576,
      clientIp: () => '203.0.113.200',
    });
    const elsewhere = await otherInstance.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: editor.email, password: editor.password }),
    });
    expect(elsewhere.status).toBe(429);
    expect(elsewhere.headers.get('retry-after')).toBe('30');

    // Once it is over, one more failure locks again for twice as long.
    t.clock.advance(30_000);
    expect((await loginAs(editor.email, 'wrong-again')).status).toBe(401);
    const second = await loginAs(editor.email, editor.password);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('120');

    // A success after the lock clears the count.
    t.clock.advance(120_000);
    expect((await loginAs(editor.email, editor.password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginAs(editor.email, 'wrong')).status).toBe(401);
    expect((await loginAs(editor.email, editor.password)).status).toBe(200);
  });

  it('limits login attempts per client address, whatever the email', async () => {
    const ip = '192.0.2.10';
    for (let i = 0; i < 10; i++) {
      expect((await loginAs(`someone${i}@example.com`, 'wrong-password', ip)).status).toBe(401);
    }
    const limited = await loginAs('someone-else@example.com', 'wrong-password', ip);
    await expectProblem(limited, 429, 'throttled');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await loginAs('someone-else@example.com', 'wrong-password', '192.0.2.11')).status).toBe(
      401,
    );
    t.clock.advance(6_000);
    expect((await loginAs('someone-else@example.com', 'wrong-password', ip)).status).toBe(401);
  });

  it('stores a fresh hash when the stored one was made with older parameters', async () => {
    const editor = await h.createUser();
    const weak = await hash(editor.password, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await t.stores.users.update(editor.id, { passwordHash: weak });
    await h.login(editor.email, editor.password);
    const stored = (await t.stores.users.get(editor.id))!.passwordHash;
    expect(stored).not.toBe(weak);
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await h.login(editor.email, editor.password);
  });

  it('refuses unknown fields and missing ones with 400', async () => {
    const res = await h.send('POST', '/auth/login', {
      body: { email: 'a@example.com', password: 'x', role: 'admin' },
    });
    const body = await expectProblem(res, 400, 'validation');
    expect(JSON.stringify(body.errors)).toContain('role');
    await expectProblem(
      await h.send('POST', '/auth/login', { body: { email: 'a@example.com' } }),
      400,
      'validation',
    );
  });
});

describe('email identity', () => {
  it('logs in with the address in full-width or another case: compared after NFKC', async () => {
    const editor = await h.createUser('editor', 'wide@example.com');
    const pair = await h.login('ＷＩＤＥ@ｅｘａｍｐｌｅ.ｃｏｍ', editor.password);
    expect(pair.user.email).toBe('wide@example.com');
  });
});

describe('access tokens', () => {
  let editor: TestAccount;
  let pair: TokenPair;
  beforeEach(async () => {
    editor = await h.createUser();
    pair = await h.login(editor.email, editor.password);
  });

  const sign = async (
    claims: Record<string, unknown>,
    { alg = 'HS256', secret }: { alg?: string; secret?: Uint8Array } = {},
  ) => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    return new SignJWT({ role: 'editor', tv: 0, ...claims })
      .setProtectedHeader({ alg })
      .setIssuer((claims.iss as string) ?? 'shutter')
      .setAudience((claims.aud as string) ?? 'shutter-api:local')
      .setSubject(editor.id)
      .setIssuedAt(now)
      .setExpirationTime(now + 900)
      .sign(secret ?? (await t.stores.secrets.getJwtSecret()));
  };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('accepts a token it signed itself', async () => {
    expect((await h.send('GET', '/me', { token: await sign({}) })).status).toBe(200);
  });

  it.each([
    ['no Authorization header', async () => undefined],
    ['another scheme', async () => 'Basic YWRtaW46YWRtaW4='],
    ['not a JWT', async () => 'Bearer not-a-token'],
    [
      'alg none',
      async () => {
        const now = Math.floor(t.clock.now().getTime() / 1000);
        const payload = {
          iss: 'shutter',
          aud: 'shutter-api:local',
          sub: editor.id,
          role: 'admin',
          tv: 0,
          iat: now,
          exp: now + 900,
        };
        return `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
      },
    ],
    [
      'a wrong signature',
      async () => `Bearer ${await sign({}, { secret: new TextEncoder().encode('x'.repeat(32)) })}`,
    ],
    [
      'a tampered payload',
      async () => {
        const [head, , sig] = pair.accessToken.split('.');
        const claims = decodeJwt(pair.accessToken);
        return `Bearer ${head}.${b64({ ...claims, role: 'admin' })}.${sig}`;
      },
    ],
    ['another algorithm (HS512)', async () => `Bearer ${await sign({}, { alg: 'HS512' })}`],
    ['the wrong audience', async () => `Bearer ${await sign({ aud: 'shutter-api:pro' })}`],
    ['the wrong issuer', async () => `Bearer ${await sign({ iss: 'someone-else' })}`],
    ['an unknown role', async () => `Bearer ${await sign({ role: 'root' })}`],
    [
      'an unknown user',
      async () =>
        `Bearer ${await new SignJWT({ role: 'admin', tv: 0 })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('shutter')
          .setAudience('shutter-api:local')
          .setSubject('usr_nobody')
          .setIssuedAt()
          .setExpirationTime('15m')
          .sign(await t.stores.secrets.getJwtSecret())}`,
    ],
  ])('refuses %s with 401 and a Bearer challenge', async (_label, header) => {
    const authorization = await header();
    const res = await h.request('/me', { headers: authorization ? { authorization } : {} });
    await expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="shutter"/);
  });

  it('refuses an expired token', async () => {
    t.clock.advance(15 * 60_000 + 1_000);
    const res = await h.send('GET', '/me', { token: pair.accessToken });
    const body = await expectProblem(res, 401, 'unauthenticated');
    expect(body.detail).toMatch(/expired/);
  });

  it('refuses a token issued in the future, beyond a minute of clock skew', async () => {
    const issuedIn = async (seconds: number) => {
      const now = Math.floor(t.clock.now().getTime() / 1000);
      return new SignJWT({ role: 'editor', tv: 0 })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('shutter')
        .setAudience('shutter-api:local')
        .setSubject(editor.id)
        .setIssuedAt(now + seconds)
        .setExpirationTime(now + seconds + 900)
        .sign(await t.stores.secrets.getJwtSecret());
    };
    expect((await h.send('GET', '/me', { token: await issuedIn(60) })).status).toBe(200);
    const res = await h.send('GET', '/me', { token: await issuedIn(61) });
    await expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="shutter"/);
    await expectProblem(
      await h.send('GET', '/me', { token: await issuedIn(3600) }),
      401,
      'unauthenticated',
    );
  });

  it('refuses the token of a user disabled since, on the very next request', async () => {
    expect((await h.send('GET', '/me', { token: pair.accessToken })).status).toBe(200);
    await t.services.users.update(editor.id, { status: 'disabled' });
    await expectProblem(
      await h.send('GET', '/me', { token: pair.accessToken }),
      401,
      'unauthenticated',
    );
    // Re-enabling does not revive old tokens: disabling bumped the token version.
    await t.services.users.update(editor.id, { status: 'active' });
    await expectProblem(
      await h.send('GET', '/me', { token: pair.accessToken }),
      401,
      'unauthenticated',
    );
  });

  it('refuses a token of an older token version', async () => {
    await t.stores.users.update(editor.id, { bumpTokenVersion: true });
    await expectProblem(
      await h.send('GET', '/me', { token: pair.accessToken }),
      401,
      'unauthenticated',
    );
    const fresh = await h.login(editor.email, editor.password);
    expect(decodeJwt(fresh.accessToken).tv).toBe(1);
    expect((await h.send('GET', '/me', { token: fresh.accessToken })).status).toBe(200);
  });
});

describe('POST /auth/refresh and /auth/logout', () => {
  const refresh = (refreshToken: string) =>
    h.send('POST', '/auth/refresh', { body: { refreshToken } });

  it('rotates the refresh token on every use', async () => {
    const editor = await h.createUser();
    const first = await h.login(editor.email, editor.password);
    t.clock.advance(60_000);
    const res = await refresh(first.refreshToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const second = (await res.json()) as TokenPair;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((await h.send('GET', '/me', { token: second.accessToken })).status).toBe(200);
    const third = (await (await refresh(second.refreshToken)).json()) as TokenPair;
    expect(third.user.id).toBe(editor.id);
  });

  it('revokes the whole family when a rotated token is used again, the newest one included', async () => {
    const editor = await h.createUser();
    const first = await h.login(editor.email, editor.password);
    const other = await h.login(editor.email, editor.password); // another device, another family
    const second = (await (await refresh(first.refreshToken)).json()) as TokenPair;
    const third = (await (await refresh(second.refreshToken)).json()) as TokenPair;

    await expectProblem(await refresh(first.refreshToken), 401, 'unauthenticated');
    await expectProblem(await refresh(third.refreshToken), 401, 'unauthenticated');
    await expectProblem(await refresh(second.refreshToken), 401, 'unauthenticated');
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('never lets two concurrent refreshes with one token both succeed', async () => {
    const editor = await h.createUser();
    const pair = await h.login(editor.email, editor.password);
    const results = await Promise.all([refresh(pair.refreshToken), refresh(pair.refreshToken)]);
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeLessThanOrEqual(1);
    expect(results.some((r) => r.status === 401)).toBe(true);
    // Concurrent use counts as reuse: whatever was issued is revoked with the family.
    for (const res of ok) {
      const next = (await res.json()) as TokenPair;
      await expectProblem(await refresh(next.refreshToken), 401, 'unauthenticated');
    }
  });

  it('refuses expired, unknown and malformed refresh tokens', async () => {
    const editor = await h.createUser();
    const pair = await h.login(editor.email, editor.password);
    await expectProblem(
      await refresh('shr_unknownunknownunknownunknownunknownunknown'),
      401,
      'unauthenticated',
    );
    await expectProblem(await refresh('garbage'), 401, 'unauthenticated');
    await expectProblem(await h.send('POST', '/auth/refresh', { body: {} }), 400, 'validation');
    t.clock.advance(30 * 24 * 3600_000 + 1_000);
    await expectProblem(await refresh(pair.refreshToken), 401, 'unauthenticated');
  });

  it('refuses the refresh token of a disabled user', async () => {
    const editor = await h.createUser();
    const pair = await h.login(editor.email, editor.password);
    await t.services.users.disable(editor.id);
    await expectProblem(await refresh(pair.refreshToken), 401, 'unauthenticated');
  });

  it('logs out: the refresh token and its family stop working; unknown tokens get 204 too', async () => {
    const editor = await h.createUser();
    const first = await h.login(editor.email, editor.password);
    const second = (await (await refresh(first.refreshToken)).json()) as TokenPair;
    const res = await h.send('POST', '/auth/logout', {
      body: { refreshToken: second.refreshToken },
    });
    expect(res.status).toBe(204);
    await expectProblem(await refresh(second.refreshToken), 401, 'unauthenticated');
    expect(
      (await h.send('POST', '/auth/logout', { body: { refreshToken: second.refreshToken } }))
        .status,
    ).toBe(204);
    expect(
      (await h.send('POST', '/auth/logout', { body: { refreshToken: 'nonsense' } })).status,
    ).toBe(204);
  });
});

describe('PUT /me/password', () => {
  it('changes the password, ends every other session and returns a new pair', async () => {
    const editor = await h.createUser();
    const here = await h.login(editor.email, editor.password);
    const elsewhere = await h.login(editor.email, editor.password);
    const res = await h.send('PUT', '/me/password', {
      token: here.accessToken,
      body: { currentPassword: editor.password, newPassword: 'a brand new passphrase' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const fresh = (await res.json()) as TokenPair;

    for (const token of [here.accessToken, elsewhere.accessToken]) {
      await expectProblem(await h.send('GET', '/me', { token }), 401, 'unauthenticated');
    }
    for (const refreshToken of [here.refreshToken, elsewhere.refreshToken]) {
      await expectProblem(
        await h.send('POST', '/auth/refresh', { body: { refreshToken } }),
        401,
        'unauthenticated',
      );
    }
    expect((await h.send('GET', '/me', { token: fresh.accessToken })).status).toBe(200);
    expect((await loginAs(editor.email, editor.password)).status).toBe(401);
    await h.login(editor.email, 'a brand new passphrase');
  });

  it('needs the current password and a new one of 12 to 128 characters', async () => {
    const editor = await h.createUser();
    const pair = await h.login(editor.email, editor.password);
    const wrong = await h.send('PUT', '/me/password', {
      token: pair.accessToken,
      body: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
    });
    const body = await expectProblem(wrong, 400, 'validation');
    expect(body.errors).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    const short = await h.send('PUT', '/me/password', {
      token: pair.accessToken,
      body: { currentPassword: editor.password, newPassword: 'short' },
    });
    expect((await expectProblem(short, 400, 'validation')).errors).toEqual([
      { field: 'newPassword', message: '12–128 characters' },
    ]);
    await expectProblem(
      await h.send('PUT', '/me/password', {
        body: { currentPassword: 'x', newPassword: 'y'.repeat(12) },
      }),
      401,
      'unauthenticated',
    );
    // The password did not change.
    await h.login(editor.email, editor.password);
  });

  it('counts wrong current passwords towards the login lock', async () => {
    const editor = await h.createUser();
    const pair = await h.login(editor.email, editor.password);
    for (let i = 0; i < 5; i++) {
      await h.send('PUT', '/me/password', {
        token: pair.accessToken,
        body: { currentPassword: `guess number ${i}`, newPassword: 'a brand new passphrase' },
      });
    }
    const locked = await h.send('PUT', '/me/password', {
      token: pair.accessToken,
      body: { currentPassword: editor.password, newPassword: 'a brand new passphrase' },
    });
    await expectProblem(locked, 429, 'throttled');
    expect((await loginAs(editor.email, editor.password)).status).toBe(429);
  });
});

describe('chosen passwords', () => {
  it.each([
    ['a common password', () => 'password1234'],
    ['a common one with a twist', () => 'P@ssw0rd2024!'],
    ['a keyboard walk', () => 'qwertyuiop[]'],
    ['the own email', (e: TestAccount) => e.email],
    ["the email's local part with digits", (e: TestAccount) => `${e.email.split('@')[0]}2026!!`],
    ['the own name', () => 'Wanda Quill 1987'],
  ])(
    'refuses %s on PUT /me/password with 400 on newPassword, changing nothing',
    async (_l, pick) => {
      const editor = await h.createUser('editor', 'wanda.quill@example.com');
      await t.services.users.update(editor.id, { name: 'Wanda Quill' });
      const pair = await h.login(editor.email, editor.password);
      const res = await h.send('PUT', '/me/password', {
        token: pair.accessToken,
        body: { currentPassword: editor.password, newPassword: pick(editor) },
      });
      const body = await expectProblem(res, 400, 'validation');
      expect(body.errors).toEqual([{ field: 'newPassword', message: expect.any(String) }]);
      // Nothing changed: the session still works and the old password still logs in.
      expect((await h.send('GET', '/me', { token: pair.accessToken })).status).toBe(200);
      await h.login(editor.email, editor.password);
    },
  );

  it('accepts a passphrase of unrelated words', async () => {
    const editor = await h.createUser('editor', 'wanda.quill@example.com');
    const pair = await h.login(editor.email, editor.password);
    const res = await h.send('PUT', '/me/password', {
      token: pair.accessToken,
      body: { currentPassword: editor.password, newPassword: 'violet tram oyster 42' },
    });
    expect(res.status).toBe(200);
    await h.login(editor.email, 'violet tram oyster 42');
  });
});
