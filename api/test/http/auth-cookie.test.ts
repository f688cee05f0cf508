import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE } from '../../src/http/routes/auth.js';
import { createAccountsHarness, freshIp, type AccountsHarness } from '../support/accounts.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// The consoles keep the refresh token in a cookie their scripts cannot read; other clients keep
// sending it in the body. Both must work, and neither may weaken the other.

let t: TestApp;
let h: AccountsHarness;
beforeEach(async () => {
  t = await createTestApp();
  h = createAccountsHarness(t);
});
afterEach(() => t.close());

/** The `name=value` of our cookie in a response's `Set-Cookie`, and its attributes. */
function refreshCookie(res: Response) {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${REFRESH_COOKIE}=`));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split(/;\s*/);
  return {
    value: pair!.slice(REFRESH_COOKIE.length + 1),
    attributes: attributes.map((a) => a.toLowerCase()),
  };
}

async function login(url = 'http://localhost/auth/login') {
  const user = await h.createUser('editor');
  const res = await h.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(res.status).toBe(200);
  return res;
}

/** A POST as the consoles send it (`{}`, the cookie if any). */
const post = (path: string, body: unknown, cookie?: string) =>
  h.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(cookie ? { Cookie: `${REFRESH_COOKIE}=${cookie}` } : {}),
    },
    body: JSON.stringify(body),
    ip: freshIp(),
  });

describe('the refresh-token cookie', () => {
  it('login sets it HttpOnly, SameSite=Strict, on /auth only, for 30 days, holding the body’s token', async () => {
    const res = await login();
    const cookie = refreshCookie(res)!;
    const { refreshToken } = (await res.json()) as { refreshToken: string };
    expect(cookie.value).toBe(refreshToken);
    expect(cookie.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/auth', 'max-age=2592000']),
    );
    expect(cookie.attributes).not.toContain('secure');
  });

  it('is Secure when the request came over TLS', async () => {
    const cookie = refreshCookie(await login('https://localhost/auth/login'))!;
    expect(cookie.attributes).toContain('secure');
  });

  it('refresh with `{}` reads the cookie, rotates it, and the old one stops working', async () => {
    const first = refreshCookie(await login())!.value;
    const res = await post('/auth/refresh', {}, first);
    expect(res.status).toBe(200);
    const pair = (await res.json()) as { accessToken: string; refreshToken: string };
    const second = refreshCookie(res)!.value;
    expect(second).toBe(pair.refreshToken);
    expect(second).not.toBe(first);
    const me = await h.request('/me', { headers: { Authorization: `Bearer ${pair.accessToken}` } });
    expect(me.status).toBe(200);
    // The first token was rotated: presenting it again is reuse (and ends the family).
    expect((await post('/auth/refresh', {}, first)).status).toBe(401);
    expect((await post('/auth/refresh', {}, second)).status).toBe(401);
  });

  it('`{}` without the cookie is the 400 it always was; with an unknown cookie, 401', async () => {
    const res = await post('/auth/refresh', {});
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'refreshToken' }] });
    expect(refreshCookie(res)).toBeUndefined();
    expect((await post('/auth/refresh', {}, 'shr_unknown')).status).toBe(401);
  });

  it('a token in the body still works and wins over the cookie', async () => {
    const res = await login();
    const { refreshToken } = (await res.json()) as { refreshToken: string };
    const answer = await post('/auth/refresh', { refreshToken }, 'shr_not-a-real-token');
    expect(answer.status).toBe(200);
  });

  it('logout revokes the cookie’s token and clears the cookie', async () => {
    const token = refreshCookie(await login())!.value;
    const res = await post('/auth/logout', {}, token);
    expect(res.status).toBe(204);
    const cleared = refreshCookie(res)!;
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['path=/auth', 'max-age=0']));
    expect((await post('/auth/refresh', {}, token)).status).toBe(401);
  });

  it('logout with an unknown cookie is still 204 and clears the cookie; with none, 400', async () => {
    const res = await post('/auth/logout', {}, 'shr_unknown');
    expect(res.status).toBe(204);
    expect(refreshCookie(res)?.value).toBe('');
    expect((await post('/auth/logout', {})).status).toBe(400);
  });

  it('a form post (not JSON) cannot use the cookie', async () => {
    const token = refreshCookie(await login())!.value;
    const res = await h.request('/auth/refresh', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: `${REFRESH_COOKIE}=${token}`,
      },
      body: 'a=b',
    });
    expect(res.status).toBe(415);
  });
});
