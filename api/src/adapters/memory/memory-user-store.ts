import { ConflictError, NotFoundError, PreconditionFailedError } from '../../domain/errors.js';
import { emailKey, type User } from '../../domain/user.js';
import type { LoginFailures, UserStore } from '../../ports/user-store.js';

export function createMemoryUserStore(): UserStore {
  const byId = new Map<string, User>();
  const failures = new Map<string, LoginFailures>();
  const copy = (user: User): User => ({ ...user });
  const findKey = (email: string) => {
    const key = emailKey(email);
    return [...byId.values()].find((u) => emailKey(u.email) === key);
  };

  return {
    async create(user) {
      if (byId.has(user.id) || findKey(user.email)) {
        throw new ConflictError('A user with this id or email already exists');
      }
      byId.set(user.id, copy(user));
    },
    async get(id) {
      const user = byId.get(id);
      return user && copy(user);
    },
    async findByEmail(email) {
      const user = findKey(email);
      return user && copy(user);
    },
    async list({ limit, after }) {
      const sorted = [...byId.values()]
        .map((u) => ({ key: emailKey(u.email), u }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .filter(({ key }) => after === undefined || key > after);
      const page = sorted.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(({ u }) => copy(u)),
        ...(sorted.length > limit && last ? { nextAfter: last.key } : {}),
      };
    },
    async update(id, changes, options = {}) {
      const user = byId.get(id);
      if (!user) throw new NotFoundError(`No user with id "${id}"`);
      if (
        options.expectedTokenVersion !== undefined &&
        user.tokenVersion !== options.expectedTokenVersion
      ) {
        throw new PreconditionFailedError('The user changed meanwhile');
      }
      const { bumpTokenVersion, ...fields } = changes;
      Object.assign(
        user,
        Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      );
      if (bumpTokenVersion) user.tokenVersion += 1;
      return copy(user);
    },
    async countActiveAdmins() {
      return [...byId.values()].filter((u) => u.role === 'admin' && u.status === 'active').length;
    },
    async recordLoginFailure(key, at, windowStart) {
      const previous = failures.get(key);
      const count = previous && previous.lastFailureAt >= windowStart ? previous.failures + 1 : 1;
      failures.set(key, {
        failures: count,
        lastFailureAt: at,
        lockedUntil: previous?.lockedUntil ?? null,
      });
      return count;
    },
    async lockLogin(key, until) {
      const record = failures.get(key);
      if (!record) return;
      if (!record.lockedUntil || record.lockedUntil < until) record.lockedUntil = until;
    },
    async getLoginFailures(key) {
      const record = failures.get(key);
      return record && { ...record };
    },
    async clearLoginFailures(key) {
      failures.delete(key);
    },
  };
}
