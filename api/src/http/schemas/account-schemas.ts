import * as z from 'zod/mini';
import { type Router } from '../router.js';
import { ROLES } from '../../domain/current-user.js';
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, USER_STATUSES } from '../../domain/user.js';
import { safeText } from './text-schemas.js';

export const RoleSchema = z.enum(ROLES as ['admin', 'editor']).check(z.meta({ example: 'editor' }));
export const UserStatusSchema = z
  .enum(USER_STATUSES as ['active', 'disabled'])
  .check(z.meta({ example: 'active' }));

export const UserSchema = z
  .object({
    id: z.string().check(z.meta({ example: 'usr_5f0c2a9d41b7e3c8' })),
    email: z.string().check(z.meta({ example: 'ana@example.com' })),
    name: z.string().check(z.meta({ example: 'Ana Lima' })),
    role: RoleSchema,
    status: UserStatusSchema,
    createdAt: z.string().check(z.meta({ example: '2026-11-21T12:00:00.000Z' })),
    updatedAt: z.string().check(z.meta({ example: '2026-11-21T12:00:00.000Z' })),
    lastLoginAt: z.nullable(z.string()).check(z.meta({ example: null })),
  })
  .check(z.meta({ id: 'User' }));

export const UserWithPasswordSchema = z
  .extend(UserSchema, {
    password: z
      .string()
      .check(
        z.meta({ description: 'The one-time password just set. Shown only in this response.' }),
      ),
  })
  .check(z.meta({ id: 'UserWithPassword' }));

export const TokenPairSchema = z
  .object({
    accessToken: z.string().check(z.meta({ description: 'HS256 JWT, valid for 15 minutes.' })),
    tokenType: z.literal('Bearer'),
    expiresIn: z.int().check(z.meta({ example: 900 })),
    refreshToken: z
      .string()
      .check(z.meta({ description: 'Opaque; exchange once at /auth/refresh for a new pair.' })),
    refreshExpiresIn: z.int().check(z.meta({ example: 2_592_000 })),
    user: UserSchema,
  })
  .check(z.meta({ id: 'TokenPair' }));

export const EmailInput = z
  .email('an email address like ana@example.com')
  .check(z.maxLength(EMAIL_MAX));
export const NameInput = safeText(
  z.string().check(z.trim(), z.minLength(1), z.maxLength(NAME_MAX)),
);
/** Passwords as typed: bounded so that nobody can make the server hash megabytes. */
export const PasswordInput = z.string().check(z.minLength(1), z.maxLength(PASSWORD_MAX));

export const UserIdParam = z.object({
  id: z
    .string()
    .check(z.minLength(1), z.maxLength(64))
    .check(z.meta({ param: { name: 'id', in: 'path' }, example: 'usr_5f0c2a9d41b7e3c8' })),
});

export const bearerSecurity = [{ bearerAuth: [] }];

export const privateNoStore = {
  'Cache-Control': { schema: { type: 'string' as const }, description: 'private, no-store' },
};

/** Registers the bearer scheme that authenticated routes name in `security`. */
export function registerBearerScheme(registry: Pick<Router, 'registerComponent'>): void {
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token from POST /auth/login or /auth/refresh.',
  });
}
