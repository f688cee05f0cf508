import type { Role } from '../domain/current-user.js';
import type { User, UserStatus } from '../domain/user.js';

/** Fields a store may change on a user; the ones left out keep their value. */
export interface UserChanges {
  name?: string;
  role?: Role;
  status?: UserStatus;
  passwordHash?: string;
  lastLoginAt?: string;
  /** Left out for bookkeeping writes (a login) that do not change the account itself. */
  updatedAt?: string;
  /** Adds one to `tokenVersion` in the same atomic write, ending every session of the user. */
  bumpTokenVersion?: boolean;
}

export interface UpdateOptions {
  /**
   * Apply only if the stored token version is still this one.
   * @throws PreconditionFailedError otherwise (a password change won the race).
   */
  expectedTokenVersion?: number;
}

export interface UserPage {
  items: User[];
  /** Pass as `after` to get the next page; absent on the last page. */
  nextAfter?: string;
}

/** The failed-login record of one login key (an email address, whether an account exists or not). */
export interface LoginFailures {
  failures: number;
  lastFailureAt: string;
  lockedUntil: string | null;
}

/** Persistence for editor and admin accounts, and the failed-login counters that guard them. */
export interface UserStore {
  /**
   * Stores a new user.
   * @throws ConflictError when the id exists or the email does, ignoring case.
   */
  create(user: User): Promise<void>;

  /** Finds a user by id: a primary-key read, cheap enough for every request. */
  get(id: string): Promise<User | undefined>;

  /** Finds a user by email, ignoring case. */
  findByEmail(email: string): Promise<User | undefined>;

  /**
   * A page of users ordered by lower-cased email.
   * @param after the `nextAfter` of the previous page
   */
  list(options: { limit: number; after?: string }): Promise<UserPage>;

  /**
   * Changes a user in one atomic write and returns the result.
   * @throws NotFoundError for an unknown id
   * @throws PreconditionFailedError when `expectedTokenVersion` no longer matches
   */
  update(id: string, changes: UserChanges, options?: UpdateOptions): Promise<User>;

  /** How many users are both `admin` and `active`. */
  countActiveAdmins(): Promise<number>;

  /**
   * Adds one failed login to `key` with an atomic increment in the store (so concurrent
   * attempts on several instances are all counted). When the previous failure is older than
   * `windowStart` the count starts again at 1.
   * @returns the failures counted so far, this one included
   */
  recordLoginFailure(key: string, at: string, windowStart: string): Promise<number>;

  /** Locks `key` until `until`; never shortens a longer lock already in place. */
  lockLogin(key: string, until: string): Promise<void>;

  /** The failed-login record of `key`, if any. */
  getLoginFailures(key: string): Promise<LoginFailures | undefined>;

  /** Forgets the failures and lock of `key` (after a successful login or a password reset). */
  clearLoginFailures(key: string): Promise<void>;
}
