import { randomBytes } from 'node:crypto';
import type { Role } from '../domain/current-user.js';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import {
  parseEmail,
  parseUserName,
  toPublicUser,
  type PublicUser,
  type User,
  type UserStatus,
} from '../domain/user.js';
import type { Clock } from '../ports/clock.js';
import type { RefreshTokenStore } from '../ports/refresh-token-store.js';
import type { UserChanges, UserStore } from '../ports/user-store.js';
import { loginKey } from './auth-service.js';
import { generatePassword, hashPassword } from './passwords.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
}

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  status?: UserStatus;
  /** Replace the password with a new one-time password, returned once. */
  resetPassword?: boolean;
}

/** A user with the one-time password just set for them: the only time it is ever shown. */
export interface UserWithPassword {
  user: PublicUser;
  password: string;
}

export interface UserPageView {
  items: PublicUser[];
  nextCursor: string | null;
}

/**
 * Account administration. Callers authorise (admin role on HTTP; the admin command line is
 * trusted because it runs with the data directory's permissions).
 */
export interface UserService {
  list(options: { limit: number; cursor?: string }): Promise<UserPageView>;
  /** Creates an account with a one-time password. @throws ConflictError for a taken email. */
  create(input: CreateUserInput): Promise<UserWithPassword>;
  /** @throws NotFoundError */
  get(id: string): Promise<PublicUser>;
  /**
   * Renames, changes role or status, or resets the password. Disabling and resetting end
   * every session of the user at once.
   * @throws ConflictError when it would leave no active admin
   */
  update(id: string, input: UpdateUserInput): Promise<{ user: PublicUser; password?: string }>;
  /** `DELETE /users/{id}`: disables the account (reviews keep their author). */
  disable(id: string): Promise<PublicUser>;
  /** Sets a new one-time password and lifts any login lock (account recovery). */
  resetPasswordByEmail(email: string): Promise<{ email: string; password: string }>;
  /** Whether any account exists at all, disabled ones included. */
  hasAnyUser(): Promise<boolean>;
}

export interface UserServiceDeps {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  clock: Clock;
}

const encodeCursor = (after: string) => Buffer.from(after, 'utf8').toString('base64url');
function decodeCursor(cursor: string): string {
  const after = Buffer.from(cursor, 'base64url').toString('utf8');
  if (after.length === 0 || encodeCursor(after) !== cursor) {
    throw new ValidationError('Invalid cursor', [
      { field: 'cursor', message: 'pass the nextCursor of a previous page unchanged' },
    ]);
  }
  return after;
}

export function createUserService({ users, refreshTokens, clock }: UserServiceDeps): UserService {
  async function load(id: string): Promise<User> {
    const user = await users.get(id);
    if (!user) throw new NotFoundError(`No user with id "${id}"`);
    return user;
  }

  const isActiveAdmin = (u: Pick<User, 'role' | 'status'>) =>
    u.role === 'admin' && u.status === 'active';

  /**
   * Applies changes that may take away an active admin. The count is checked before and again
   * after the write: two admins demoting each other at once both see zero afterwards, undo
   * their own change and get 409, so the last admin can never be lost to a race.
   */
  async function applyGuarded(before: User, changes: UserChanges): Promise<User> {
    const after = { role: changes.role ?? before.role, status: changes.status ?? before.status };
    const losesAdmin = isActiveAdmin(before) && !isActiveAdmin(after);
    const lastAdmin = () =>
      new ConflictError('This is the last active admin: make another admin first');
    if (losesAdmin && (await users.countActiveAdmins()) <= 1) throw lastAdmin();
    const updated = await users.update(before.id, changes);
    if (losesAdmin && (await users.countActiveAdmins()) === 0) {
      await users.update(before.id, {
        role: before.role,
        status: before.status,
        updatedAt: clock.now().toISOString(),
      });
      throw lastAdmin();
    }
    if (changes.bumpTokenVersion) {
      await refreshTokens.revokeAllForUser(before.id, clock.now().toISOString());
    }
    return updated;
  }

  async function update(id: string, input: UpdateUserInput) {
    const before = await load(id);
    const now = clock.now().toISOString();
    const password = input.resetPassword ? generatePassword() : undefined;
    const endsSessions =
      password !== undefined || (input.status === 'disabled' && before.status === 'active');
    const updated = await applyGuarded(before, {
      ...(input.name !== undefined ? { name: parseUserName(input.name) } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}),
      updatedAt: now,
      bumpTokenVersion: endsSessions,
    });
    if (password !== undefined) await users.clearLoginFailures(loginKey(updated.email));
    return { user: toPublicUser(updated), ...(password !== undefined ? { password } : {}) };
  }

  return {
    async list({ limit, cursor }) {
      const page = await users.list({
        limit,
        ...(cursor ? { after: decodeCursor(cursor) } : {}),
      });
      return {
        items: page.items.map(toPublicUser),
        nextCursor: page.nextAfter ? encodeCursor(page.nextAfter) : null,
      };
    },

    async create({ email, name, role }) {
      const now = clock.now().toISOString();
      const password = generatePassword();
      const user: User = {
        id: `usr_${randomBytes(8).toString('hex')}`,
        email: parseEmail(email),
        name: parseUserName(name),
        role,
        status: 'active',
        passwordHash: await hashPassword(password),
        tokenVersion: 0,
        createdAt: now,
        updatedAt: now,
        lastLoginAt: null,
      };
      try {
        await users.create(user);
      } catch (error) {
        if (error instanceof ConflictError) {
          throw new ConflictError(`A user with email "${user.email}" already exists`);
        }
        throw error;
      }
      return { user: toPublicUser(user), password };
    },

    async get(id) {
      return toPublicUser(await load(id));
    },

    update,

    async disable(id) {
      const before = await load(id);
      if (before.status === 'disabled') return toPublicUser(before);
      const updated = await applyGuarded(before, {
        status: 'disabled',
        updatedAt: clock.now().toISOString(),
        bumpTokenVersion: true,
      });
      return toPublicUser(updated);
    },

    async resetPasswordByEmail(email) {
      const user = await users.findByEmail(email);
      if (!user) throw new NotFoundError(`No user with email "${email.trim()}"`);
      const { user: updated, password } = await update(user.id, { resetPassword: true });
      return { email: updated.email, password: password! };
    },

    async hasAnyUser() {
      return (await users.list({ limit: 1 })).items.length > 0;
    },
  };
}
