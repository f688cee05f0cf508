import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../src/domain/errors.js';
import type { User } from '../../src/domain/user.js';
import type { Stores } from '../../src/services/create-services.js';
import { storeFactories } from '../support/store-factories.js';

const user = (id: string, overrides: Partial<User> = {}): User => ({
  id,
  email: `${id}@example.com`,
  name: `User ${id}`,
  role: 'editor',
  status: 'active',
  passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$salt-${id}$hash`,
  tokenVersion: 0,
  createdAt: '2026-11-21T10:00:00.000Z',
  updatedAt: '2026-11-21T10:00:00.000Z',
  lastLoginAt: null,
  ...overrides,
});

describe.each(storeFactories)('UserStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('stores a user and finds it by id and by email in any case, unchanged', async () => {
    const u = user('ana', { email: 'Ana.Lima@Example.com' });
    await stores.users.create(u);
    expect(await stores.users.get('ana')).toEqual(u);
    expect(await stores.users.findByEmail('ana.lima@example.COM')).toEqual(u);
    expect(await stores.users.get('nobody')).toBeUndefined();
    expect(await stores.users.findByEmail('nobody@example.com')).toBeUndefined();
  });

  it('refuses a duplicate id, or an email differing only in case, with ConflictError', async () => {
    await stores.users.create(user('ana', { email: 'ana@example.com' }));
    await expect(
      stores.users.create(user('ana', { email: 'other@example.com' })),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      stores.users.create(user('ana2', { email: 'ANA@example.com' })),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('treats addresses equal after NFKC and case folding as one (full-width, composed)', async () => {
    const u = user('jose', { email: 'José@Example.com' });
    await stores.users.create(u);
    expect(await stores.users.findByEmail('ＪＯＳＥ\u0301@example.com')).toEqual(u);
    await expect(
      stores.users.create(user('jose2', { email: 'jose\u0301@ｅｘａｍｐｌｅ.com' })),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('lists users by lower-cased email, page by page', async () => {
    for (const [id, email] of [
      ['c', 'carla@x.com'],
      ['a', 'Ana@x.com'],
      ['d', 'dario@x.com'],
      ['b', 'bruno@x.com'],
      ['e', 'eva@x.com'],
    ] as const) {
      await stores.users.create(user(id, { email }));
    }
    const first = await stores.users.list({ limit: 2 });
    expect(first.items.map((u) => u.id)).toEqual(['a', 'b']);
    expect(first.nextAfter).toBeDefined();
    const second = await stores.users.list({ limit: 2, after: first.nextAfter! });
    expect(second.items.map((u) => u.id)).toEqual(['c', 'd']);
    const third = await stores.users.list({ limit: 2, after: second.nextAfter! });
    expect(third.items.map((u) => u.id)).toEqual(['e']);
    expect(third.nextAfter).toBeUndefined();
    const exact = await stores.users.list({ limit: 5 });
    expect(exact.items).toHaveLength(5);
    expect(exact.nextAfter).toBeUndefined();
  });

  it('updates only the fields named and bumps the token version atomically', async () => {
    await stores.users.create(user('ana'));
    const renamed = await stores.users.update('ana', {
      name: 'Ana Lima',
      updatedAt: '2026-11-21T11:00:00.000Z',
    });
    expect(renamed).toEqual({
      ...user('ana'),
      name: 'Ana Lima',
      updatedAt: '2026-11-21T11:00:00.000Z',
    });
    const bumped = await stores.users.update('ana', {
      status: 'disabled',
      role: 'admin',
      passwordHash: 'new-hash',
      bumpTokenVersion: true,
      updatedAt: '2026-11-21T12:00:00.000Z',
    });
    expect(bumped).toMatchObject({
      name: 'Ana Lima',
      status: 'disabled',
      role: 'admin',
      passwordHash: 'new-hash',
      tokenVersion: 1,
    });
    const login = await stores.users.update('ana', { lastLoginAt: '2026-11-21T13:00:00.000Z' });
    expect(login).toMatchObject({
      lastLoginAt: '2026-11-21T13:00:00.000Z',
      updatedAt: '2026-11-21T12:00:00.000Z',
      tokenVersion: 1,
    });
    expect(await stores.users.get('ana')).toEqual(login);
  });

  it('updates only while the expected token version holds', async () => {
    await stores.users.create(user('ana', { tokenVersion: 3 }));
    await expect(
      stores.users.update('ana', { passwordHash: 'x' }, { expectedTokenVersion: 2 }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect((await stores.users.get('ana'))?.passwordHash).toBe(user('ana').passwordHash);
    const ok = await stores.users.update('ana', { passwordHash: 'x' }, { expectedTokenVersion: 3 });
    expect(ok.passwordHash).toBe('x');
  });

  it('updating an unknown user is NotFoundError', async () => {
    await expect(stores.users.update('nobody', { name: 'x' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      stores.users.update('nobody', { name: 'x' }, { expectedTokenVersion: 0 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('counts active admins only', async () => {
    expect(await stores.users.countActiveAdmins()).toBe(0);
    await stores.users.create(user('a1', { role: 'admin' }));
    await stores.users.create(user('a2', { role: 'admin', status: 'disabled' }));
    await stores.users.create(user('e1'));
    expect(await stores.users.countActiveAdmins()).toBe(1);
  });

  it('counts failed logins atomically, restarting after the window', async () => {
    const at = (m: number) => `2026-11-21T10:${String(m).padStart(2, '0')}:00.000Z`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => stores.users.recordLoginFailure('k', at(0), at(0))),
    );
    expect([...results].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await stores.users.recordLoginFailure('k', at(5), at(0))).toBe(11);
    // The previous failure (10:05) is older than the window start (10:06): count again from 1.
    expect(await stores.users.recordLoginFailure('k', at(7), at(6))).toBe(1);
    expect(await stores.users.getLoginFailures('k')).toEqual({
      failures: 1,
      lastFailureAt: at(7),
      lockedUntil: null,
    });
    expect(await stores.users.getLoginFailures('other')).toBeUndefined();
  });

  it('locks a login key without ever shortening a lock, and clears it', async () => {
    await stores.users.recordLoginFailure(
      'k',
      '2026-11-21T10:00:00.000Z',
      '2026-11-20T10:00:00.000Z',
    );
    await stores.users.lockLogin('k', '2026-11-21T10:10:00.000Z');
    await stores.users.lockLogin('k', '2026-11-21T10:05:00.000Z');
    expect((await stores.users.getLoginFailures('k'))?.lockedUntil).toBe(
      '2026-11-21T10:10:00.000Z',
    );
    await stores.users.lockLogin('k', '2026-11-21T10:20:00.000Z');
    expect((await stores.users.getLoginFailures('k'))?.lockedUntil).toBe(
      '2026-11-21T10:20:00.000Z',
    );
    // A new failure keeps the lock in place.
    await stores.users.recordLoginFailure(
      'k',
      '2026-11-21T10:01:00.000Z',
      '2026-11-20T10:00:00.000Z',
    );
    expect(await stores.users.getLoginFailures('k')).toMatchObject({
      failures: 2,
      lockedUntil: '2026-11-21T10:20:00.000Z',
    });
    await stores.users.clearLoginFailures('k');
    expect(await stores.users.getLoginFailures('k')).toBeUndefined();
  });
});
