import * as z from 'zod/mini';
import { createRoute } from '../router.js';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppOptions } from '../app-env.js';
import { ValidationError } from '../../domain/errors.js';
import { EMAIL_MAX } from '../../domain/user.js';
import { PasswordInput, TokenPairSchema } from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { loginExample, tokenPairExample } from '../schemas/examples.js';
import { createRouter } from '../validation.js';
import type { Services } from '../../services/service-types.js';

const noStore = {
  'Cache-Control': { schema: { type: 'string' as const }, description: 'no-store' },
};

const LoginBody = z
  .strictObject({
    // Not checked as an email here: a malformed address must fail like any unknown one.
    email: z
      .string()
      .check(z.minLength(1), z.maxLength(EMAIL_MAX))
      .check(z.meta({ example: 'ana@example.com' })),
    password: PasswordInput.check(z.meta({ example: 'correct horse battery staple' })),
  })
  .check(z.meta({ id: 'LoginRequest' }));

/**
 * The refresh token's cookie, for the consoles served from the API's own origin: `HttpOnly` (no
 * script can read it), `SameSite=Strict` (never sent from another site's page, and the routes
 * that read it take JSON only, which a form cannot post), `Path=/auth` (sent to nothing else),
 * `Secure` when the request came over TLS. Other clients keep sending the token in the body.
 */
export const REFRESH_COOKIE = 'shutter_refresh';
const REFRESH_COOKIE_MAX_AGE_S = 30 * 24 * 3600;

const RefreshBody = z
  .strictObject({
    refreshToken: z.optional(z.string().check(z.minLength(1), z.maxLength(200))).check(
      z.meta({
        description: `Absent: the \`${REFRESH_COOKIE}\` cookie set by \`POST /auth/login\` is used.`,
      }),
    ),
  })
  .check(z.meta({ id: 'RefreshRequest' }));

const setCookieHeader = {
  'Set-Cookie': {
    schema: { type: 'string' as const },
    description: `\`${REFRESH_COOKIE}\`: the refresh token, \`HttpOnly; SameSite=Strict; Path=/auth\` (\`Secure\` over TLS)`,
  },
};

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: LoginBody, example: loginExample } },
    },
  },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Accounts'],
    summary: 'Log in',
    description:
      'Returns a 15-minute access token and a 30-day refresh token. Unknown emails, wrong passwords and disabled accounts all get the same 401; five failures lock the email with growing delays (429).',
    responses: {
      200: {
        description: 'Logged in',
        headers: { ...noStore, ...setCookieHeader },
        content: { 'application/json': { schema: TokenPairSchema, example: tokenPairExample } },
      },
      ...problemResponses(400, 401, 429),
    },
  }),
});

const refresh = createRoute({
  method: 'post',
  path: '/auth/refresh',
  request: { body: { required: true, content: { 'application/json': { schema: RefreshBody } } } },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Accounts'],
    summary: 'Exchange a refresh token',
    description:
      'Rotates the refresh token: the one sent stops working. Sending a rotated token again revokes every token of that login. The token comes from the body or, when the body names none, from the `shutter_refresh` cookie (which is then replaced).',
    responses: {
      200: {
        description: 'A new token pair',
        headers: { ...noStore, ...setCookieHeader },
        content: { 'application/json': { schema: TokenPairSchema } },
      },
      ...problemResponses(400, 401),
    },
  }),
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  request: { body: { required: true, content: { 'application/json': { schema: RefreshBody } } } },
  ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
    tags: ['Accounts'],
    summary: 'Log out',
    description:
      'Revokes the refresh token (from the body, else the `shutter_refresh` cookie) and every token rotated from the same login, and clears the cookie. Idempotent: an unknown token also gets 204. Access tokens already issued expire on their own within 15 minutes.',
    responses: {
      204: { description: 'Logged out', headers: setCookieHeader },
      ...problemResponses(400),
    },
  }),
});

/**
 * The token to use: the body's, else the cookie's (the consoles send `{}`). Neither is the 400 a
 * body without its token always was, so clients of the body alone see no change.
 */
function presentedToken(c: Context, body: { refreshToken?: string }): string {
  const token = body.refreshToken ?? getCookie(c, REFRESH_COOKIE);
  if (token === undefined)
    throw new ValidationError('The request is not valid', [
      { field: 'refreshToken', message: `required (or the ${REFRESH_COOKIE} cookie)` },
    ]);
  return token;
}

/** Logging in and out: the only account routes that need no access token. */
export function authRoutes(services: Pick<Services, 'auth'>, options: AppOptions) {
  const router = createRouter();
  const clientIp = options.clientIp ?? (() => undefined);
  const secure = options.secureTransport ?? ((c: Context) => c.req.url.startsWith('https:'));
  const cookieOptions = (c: Context) =>
    ({ path: '/auth', httpOnly: true, sameSite: 'Strict', secure: secure(c) }) as const;
  const keepRefreshToken = (c: Context, token: string) =>
    setCookie(c, REFRESH_COOKIE, token, {
      ...cookieOptions(c),
      maxAge: REFRESH_COOKIE_MAX_AGE_S,
    });

  router.openapi(login, async (c) => {
    const pair = await services.auth.login(c.req.valid('json'), { ip: clientIp(c) ?? 'unknown' });
    c.header('Cache-Control', 'no-store');
    keepRefreshToken(c, pair.refreshToken);
    return c.json(pair, 200);
  });

  router.openapi(refresh, async (c) => {
    const pair = await services.auth.refresh(presentedToken(c, c.req.valid('json')));
    c.header('Cache-Control', 'no-store');
    keepRefreshToken(c, pair.refreshToken);
    return c.json(pair, 200);
  });

  router.openapi(logout, async (c) => {
    await services.auth.logout(presentedToken(c, c.req.valid('json')));
    c.header('Cache-Control', 'no-store');
    deleteCookie(c, REFRESH_COOKIE, cookieOptions(c));
    return c.body(null, 204);
  });

  return router;
}
