import * as z from 'zod/mini';
import { createRoute } from '../router.js';

import { locationOf } from '../location.js';
import { requireRole } from '../middleware/require-role.js';
import { requireUser } from '../middleware/require-user.js';
import {
  bearerSecurity,
  EmailInput,
  NameInput,
  privateNoStore,
  registerBearerScheme,
  RoleSchema,
  UserIdParam,
  UserSchema,
  UserStatusSchema,
  UserWithPasswordSchema,
} from '../schemas/account-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { queryInteger } from '../schemas/query-numbers.js';
import { createdUserExample, createUserExample } from '../schemas/examples.js';
import { createRouter } from '../validation.js';
import type { Services } from '../../services/service-types.js';

const ListQuery = z.object({
  limit: queryInteger({
    min: 1,
    max: 100,
    description: 'a whole number from 1 to 100',
    fallback: 50,
  }).check(z.meta({ example: 50 })),
  cursor: z
    .optional(z.string().check(z.maxLength(400)))
    .check(z.meta({ description: 'nextCursor of the last page' })),
});

const UserPageSchema = z
  .object({ items: z.array(UserSchema), nextCursor: z.nullable(z.string()) })
  .check(z.meta({ id: 'UserPage' }));

// A strict object: a client naming a field the server owns (id, passwordHash, tokenVersion, …)
// gets a 400 rather than having it silently dropped or, worse, applied.
const CreateUserBody = z
  .strictObject({ email: EmailInput, name: NameInput, role: RoleSchema })
  .check(z.meta({ id: 'CreateUserRequest' }));

const UpdateUserBody = z
  .strictObject({
    name: z.optional(NameInput),
    role: z.optional(RoleSchema),
    status: z.optional(UserStatusSchema),
    resetPassword: z
      .optional(z.literal(true))
      .check(z.meta({ description: 'Set a new one-time password, returned once in `password`.' })),
  })
  .check(
    z.refine((body) => Object.keys(body).length > 0, {
      message: 'name at least one field to change',
    }),
  )
  .check(z.meta({ id: 'UpdateUserRequest' }));

const UpdatedUserSchema = z
  .extend(UserSchema, {
    password: z
      .optional(z.string())
      .check(z.meta({ description: 'Present only after `resetPassword: true`; shown only here.' })),
  })
  .check(z.meta({ id: 'UpdatedUser' }));

/** Account administration: admins only. */
export function usersRoutes(services: Pick<Services, 'users' | 'currentUser'>) {
  const router = createRouter();
  registerBearerScheme(router);
  const middleware = [requireUser(services.currentUser), requireRole('admin')];
  const common = { tags: ['Users'], security: bearerSecurity, middleware };

  const list = createRoute({
    ...common,
    method: 'get',
    path: '/users',
    request: { query: ListQuery },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'List users',
      responses: {
        200: {
          description: 'A page of users, by email',
          headers: privateNoStore,
          content: { 'application/json': { schema: UserPageSchema } },
        },
        ...problemResponses(400, 401, 403),
      },
    }),
  });

  const create = createRoute({
    ...common,
    method: 'post',
    path: '/users',
    request: {
      body: {
        required: true,
        content: { 'application/json': { schema: CreateUserBody, example: createUserExample } },
      },
    },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'Create a user',
      description:
        'Creates an active account with a one-time password, shown only in this response.',
      responses: {
        201: {
          description: 'Created',
          headers: {
            ...privateNoStore,
            Location: {
              schema: { type: 'string' as const },
              description:
                'Path of the new user: `/users/{id}`, behind the stage or base path the request came through (`/pro/users/{id}`)',
            },
          },
          content: {
            'application/json': { schema: UserWithPasswordSchema, example: createdUserExample },
          },
        },
        ...problemResponses(400, 401, 403, 409),
      },
    }),
  });

  const get = createRoute({
    ...common,
    method: 'get',
    path: '/users/{id}',
    request: { params: UserIdParam },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'Get a user',
      responses: {
        200: {
          description: 'The user',
          headers: privateNoStore,
          content: { 'application/json': { schema: UserSchema } },
        },
        ...problemResponses(401, 403, 404),
      },
    }),
  });

  const update = createRoute({
    ...common,
    method: 'patch',
    path: '/users/{id}',
    request: {
      params: UserIdParam,
      body: { required: true, content: { 'application/json': { schema: UpdateUserBody } } },
    },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'Change a user',
      description:
        'Rename, change role, disable or re-enable, or reset the password (`resetPassword: true`). Disabling and resetting end the user’s sessions at once. The last active admin cannot be demoted or disabled (409).',
      responses: {
        200: {
          description: 'The changed user',
          headers: privateNoStore,
          content: { 'application/json': { schema: UpdatedUserSchema } },
        },
        ...problemResponses(400, 401, 403, 404, 409),
      },
    }),
  });

  const remove = createRoute({
    ...common,
    method: 'delete',
    path: '/users/{id}',
    request: { params: UserIdParam },
    ...(typeof SHUTTER_LAMBDA_BUNDLE === 'undefined' && {
      summary: 'Disable a user',
      description:
        'Disables the account (it is kept so that its reviews keep their author) and ends its sessions. Idempotent. The last active admin cannot be disabled (409).',
      responses: { 204: { description: 'Disabled' }, ...problemResponses(401, 403, 404, 409) },
    }),
  });

  router.openapi(list, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return c.json(await services.users.list({ limit, ...(cursor ? { cursor } : {}) }), 200);
  });

  router.openapi(create, async (c) => {
    const { user, password } = await services.users.create(c.req.valid('json'));
    c.header('Location', locationOf(c, `/users/${encodeURIComponent(user.id)}`));
    return c.json({ ...user, password }, 201);
  });

  router.openapi(get, async (c) => c.json(await services.users.get(c.req.valid('param').id), 200));

  router.openapi(update, async (c) => {
    const { user, password } = await services.users.update(
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    return c.json({ ...user, ...(password !== undefined ? { password } : {}) }, 200);
  });

  router.openapi(remove, async (c) => {
    await services.users.disable(c.req.valid('param').id);
    return c.body(null, 204);
  });

  return router;
}
