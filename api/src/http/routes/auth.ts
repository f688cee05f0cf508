import { createRoute, z } from '@hono/zod-openapi';
import type { AppOptions } from '../app-env.js';
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
  .object({
    // Not checked as an email here: a malformed address must fail like any unknown one.
    email: z.string().min(1).max(EMAIL_MAX).openapi({ example: 'ana@example.com' }),
    password: PasswordInput.openapi({ example: 'correct horse battery staple' }),
  })
  .strict()
  .openapi('LoginRequest');

const RefreshBody = z
  .object({ refreshToken: z.string().min(1).max(200) })
  .strict()
  .openapi('RefreshRequest');

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['Accounts'],
  summary: 'Log in',
  description:
    'Returns a 15-minute access token and a 30-day refresh token. Unknown emails, wrong passwords and disabled accounts all get the same 401; five failures lock the email with growing delays (429).',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: LoginBody, example: loginExample } },
    },
  },
  responses: {
    200: {
      description: 'Logged in',
      headers: noStore,
      content: { 'application/json': { schema: TokenPairSchema, example: tokenPairExample } },
    },
    ...problemResponses(400, 401, 429),
  },
});

const refresh = createRoute({
  method: 'post',
  path: '/auth/refresh',
  tags: ['Accounts'],
  summary: 'Exchange a refresh token',
  description:
    'Rotates the refresh token: the one sent stops working. Sending a rotated token again revokes every token of that login.',
  request: { body: { required: true, content: { 'application/json': { schema: RefreshBody } } } },
  responses: {
    200: {
      description: 'A new token pair',
      headers: noStore,
      content: { 'application/json': { schema: TokenPairSchema } },
    },
    ...problemResponses(400, 401),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['Accounts'],
  summary: 'Log out',
  description:
    'Revokes the refresh token and every token rotated from the same login. Idempotent: an unknown token also gets 204. Access tokens already issued expire on their own within 15 minutes.',
  request: { body: { required: true, content: { 'application/json': { schema: RefreshBody } } } },
  responses: { 204: { description: 'Logged out' }, ...problemResponses(400) },
});

/** Logging in and out: the only account routes that need no access token. */
export function authRoutes(services: Pick<Services, 'auth'>, options: AppOptions) {
  const router = createRouter();
  const clientIp = options.clientIp ?? (() => undefined);

  router.openapi(login, async (c) => {
    const pair = await services.auth.login(c.req.valid('json'), { ip: clientIp(c) ?? 'unknown' });
    c.header('Cache-Control', 'no-store');
    return c.json(pair, 200);
  });

  router.openapi(refresh, async (c) => {
    const pair = await services.auth.refresh(c.req.valid('json').refreshToken);
    c.header('Cache-Control', 'no-store');
    return c.json(pair, 200);
  });

  router.openapi(logout, async (c) => {
    await services.auth.logout(c.req.valid('json').refreshToken);
    c.header('Cache-Control', 'no-store');
    return c.body(null, 204);
  });

  return router;
}
