import type { Role } from '../../domain/current-user.js';
import { NotFoundError, PreconditionFailedError } from '../../domain/errors.js';
import { emailKey, type User, type UserStatus } from '../../domain/user.js';
import type { LoginFailures, UserStore } from '../../ports/user-store.js';
import type { SqliteDatabase } from './open-database.js';
import { writeReturning } from './returning.js';
import { withSqliteWrite } from './database-file-guard.js';
import { withSqliteErrors } from './translate-sqlite-error.js';

interface UserRow {
  id: string;
  email: string;
  email_key: string;
  name: string;
  role: Role;
  status: UserStatus;
  password_hash: string;
  token_version: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

interface FailureRow {
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

function fromRow(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    passwordHash: row.password_hash,
    tokenVersion: row.token_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

export function createSqliteUserStore(db: SqliteDatabase): UserStore {
  const insert = db.prepare(
    `INSERT INTO users (id, email, email_key, name, role, status, password_hash, token_version, created_at, updated_at, last_login_at)
     VALUES (@id, @email, @emailKey, @name, @role, @status, @passwordHash, @tokenVersion, @createdAt, @updatedAt, @lastLoginAt)`,
  );
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email_key = ?');
  const page = db.prepare<[string, number], UserRow>(
    'SELECT * FROM users WHERE email_key > ? ORDER BY email_key LIMIT ?',
  );
  // COALESCE keeps every column the caller did not name; the version check and the increment
  // happen in the same statement, so no concurrent writer can slip between them.
  const update = db.prepare<Record<string, unknown>, UserRow>(
    `UPDATE users SET
       name = COALESCE(@name, name),
       role = COALESCE(@role, role),
       status = COALESCE(@status, status),
       password_hash = COALESCE(@passwordHash, password_hash),
       last_login_at = COALESCE(@lastLoginAt, last_login_at),
       updated_at = COALESCE(@updatedAt, updated_at),
       token_version = token_version + @bump
     WHERE id = @id AND (@expected IS NULL OR token_version = @expected)
     RETURNING *`,
  );
  const activeAdmins = db.prepare<[], { n: number }>(
    "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND status = 'active'",
  );
  const recordFailure = db.prepare<
    [{ key: string; at: string; windowStart: string }],
    { failures: number }
  >(
    `INSERT INTO login_failures (login_key, failures, last_failure_at) VALUES (@key, 1, @at)
     ON CONFLICT (login_key) DO UPDATE SET
       failures = CASE WHEN last_failure_at >= @windowStart THEN failures + 1 ELSE 1 END,
       last_failure_at = excluded.last_failure_at
     RETURNING failures`,
  );
  const lock = db.prepare<[{ key: string; until: string }]>(
    `UPDATE login_failures SET locked_until = @until
     WHERE login_key = @key AND (locked_until IS NULL OR locked_until < @until)`,
  );
  const getFailures = db.prepare<[string], FailureRow>(
    'SELECT failures, last_failure_at, locked_until FROM login_failures WHERE login_key = ?',
  );
  const clearFailures = db.prepare('DELETE FROM login_failures WHERE login_key = ?');

  return {
    async create(user) {
      withSqliteWrite(db, 'User', () => insert.run({ ...user, emailKey: emailKey(user.email) }));
    },
    async get(id) {
      const row = withSqliteErrors('User', () => byId.get(id));
      return row && fromRow(row);
    },
    async findByEmail(email) {
      const row = withSqliteErrors('User', () => byEmail.get(emailKey(email)));
      return row && fromRow(row);
    },
    async list({ limit, after }) {
      const rows = withSqliteErrors('User', () => page.all(after ?? '', limit + 1));
      const items = rows.slice(0, limit).map(fromRow);
      const last = rows[limit - 1];
      return { items, ...(rows.length > limit && last ? { nextAfter: last.email_key } : {}) };
    },
    async update(id, changes, options = {}) {
      return withSqliteWrite(db, 'User', () => {
        const row = writeReturning(update, {
          id,
          name: changes.name ?? null,
          role: changes.role ?? null,
          status: changes.status ?? null,
          passwordHash: changes.passwordHash ?? null,
          lastLoginAt: changes.lastLoginAt ?? null,
          updatedAt: changes.updatedAt ?? null,
          bump: changes.bumpTokenVersion ? 1 : 0,
          expected: options.expectedTokenVersion ?? null,
        });
        if (row) return fromRow(row);
        if (!byId.get(id)) throw new NotFoundError(`No user with id "${id}"`);
        throw new PreconditionFailedError('The user changed meanwhile');
      });
    },
    async countActiveAdmins() {
      return withSqliteErrors('User', () => activeAdmins.get()!.n);
    },
    async recordLoginFailure(key, at, windowStart) {
      return withSqliteWrite(db, 'Login failure', () =>
        writeReturning(recordFailure, { key, at, windowStart })!,
      ).failures;
    },
    async lockLogin(key, until) {
      withSqliteWrite(db, 'Login failure', () => lock.run({ key, until }));
    },
    async getLoginFailures(key): Promise<LoginFailures | undefined> {
      const row = withSqliteErrors('Login failure', () => getFailures.get(key));
      return (
        row && {
          failures: row.failures,
          lastFailureAt: row.last_failure_at,
          lockedUntil: row.locked_until,
        }
      );
    },
    async clearLoginFailures(key) {
      withSqliteWrite(db, 'Login failure', () => clearFailures.run(key));
    },
  };
}
