import * as z from 'zod/mini';
import { createRoute } from '../router.js';

import { requireUser } from '../middleware/require-user.js';
import {
  bearerSecurity,
  PasswordInput,
  privateNoStore,
  registerBearerScheme,
  TokenPairSchema,
  UserSchema,
} from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { createRouter } from '../validation.js';
import type { Services } from '../../services/service-types.js';

const ChangePasswordBody = z
  .strictObject({
    currentPassword: PasswordInput,
    newPassword: PasswordInput.check(
      z.meta({
        description:
          '12–128 characters; not a common password or a variation of one, nor made of your email or name (400 on newPassword).',
      }),
    ),
  })
  .check(z.meta({ id: 'ChangePasswordRequest' }));

/** The signed-in user's own account. */
export function meRoutes(services: Pick<Services, 'auth' | 'currentUser'>) {
  const router = createRouter();
  registerBearerScheme(router);
  const middleware = [requireUser(services.currentUser)];

  const getMe = createRoute({
    method: 'get',
    path: '/me',
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      tags: ['Accounts'],
      summary: 'The signed-in user',
      security: bearerSecurity,
      middleware,
      responses: {
        200: {
          description: 'The user the access token belongs to',
          headers: privateNoStore,
          content: { 'application/json': { schema: UserSchema } },
        },
        ...problemResponses(401),
      },
    }),
  });

  const changePassword = createRoute({
    method: 'put',
    path: '/me/password',
    request: {
      body: { required: true, content: { 'application/json': { schema: ChangePasswordBody } } },
    },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      tags: ['Accounts'],
      summary: 'Change my password',
      description:
        'Needs the current password. Ends every session of the user (all refresh tokens are revoked and older access tokens stop working) and returns a new token pair for this one.',
      security: bearerSecurity,
      middleware,
      responses: {
        200: {
          description: 'Password changed; a new token pair',
          headers: privateNoStore,
          content: { 'application/json': { schema: TokenPairSchema } },
        },
        ...problemResponses(400, 401, 429),
      },
    }),
  });

  router.openapi(getMe, async (c) => c.json(await services.auth.me(c.get('user')), 200));

  router.openapi(changePassword, async (c) =>
    c.json(await services.auth.changePassword(c.get('user'), c.req.valid('json')), 200),
  );

  return router;
}
