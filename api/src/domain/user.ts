import type { CurrentUser, Role } from './current-user.js';
import { ValidationError } from './errors.js';
import { hasUnsafeCharacters, normalizeText, UNSAFE_TEXT_MESSAGE } from './text.js';

export type UserStatus = 'active' | 'disabled';

export const USER_STATUSES: readonly UserStatus[] = ['active', 'disabled'];

/** An editor or admin account as stored. */
export interface User {
  id: string;
  /** As the admin typed it; uniqueness and look-ups ignore case (see `emailKey`). */
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  /** argon2id PHC string. Never leaves the service layer. */
  passwordHash: string;
  /** Bumped to end every session at once: access tokens carry it and must match. */
  tokenVersion: number;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

/** What an API response may show of a user: no hash, no token version. */
export type PublicUser = Omit<User, 'passwordHash' | 'tokenVersion'>;

export function toPublicUser(user: User): PublicUser {
  const { passwordHash: _hash, tokenVersion: _version, ...rest } = user;
  return rest;
}

export function toCurrentUser(user: User): CurrentUser {
  return { id: user.id, role: user.role, email: user.email, name: user.name };
}

/**
 * The identity of an email address, used for uniqueness and look-ups by every user store:
 * compatibility forms folded (NFKC: a full-width `ａｎａ@example.com` is `ana@example.com`) and
 * case ignored, so that two addresses a person cannot tell apart are one account.
 */
export function emailKey(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase();
}

function refuseUnsafe(value: string, field: string, title: string): void {
  if (hasUnsafeCharacters(value)) {
    throw new ValidationError(title, [{ field, message: UNSAFE_TEXT_MESSAGE }]);
  }
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX = 254;
export const NAME_MAX = 100;
/** Long enough to resist guessing, short enough that argon2 never hashes megabytes. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** The stored form of an address (trimmed, NFC). @throws ValidationError on field `email`. */
export function parseEmail(input: string): string {
  const email = normalizeText(input.trim());
  refuseUnsafe(email, 'email', 'Invalid email');
  if (email.length > EMAIL_MAX || !EMAIL_PATTERN.test(email)) {
    throw new ValidationError('Invalid email', [
      { field: 'email', message: 'an email address like ana@example.com' },
    ]);
  }
  return email;
}

/** The stored form of a name (trimmed, NFC). @throws ValidationError on field `name`. */
export function parseUserName(input: string): string {
  const name = normalizeText(input.trim());
  refuseUnsafe(name, 'name', 'Invalid name');
  if (name.length === 0 || name.length > NAME_MAX) {
    throw new ValidationError('Invalid name', [
      { field: 'name', message: `1–${NAME_MAX} characters` },
    ]);
  }
  return name;
}

export function parseNewPassword(input: string, field = 'newPassword'): string {
  if (input.length < PASSWORD_MIN || input.length > PASSWORD_MAX) {
    throw new ValidationError('Invalid password', [
      { field, message: `${PASSWORD_MIN}–${PASSWORD_MAX} characters` },
    ]);
  }
  return input;
}
