import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/domain/errors.js';
import type { RefreshSession } from '../../src/domain/refresh-session.js';
import type { Stores } from '../../src/services/create-services.js';
import { storeFactories } from '../support/store-factories.js';

const session = (id: string, overrides: Partial<RefreshSession> = {}): RefreshSession => ({
  id,
  userId: 'usr_1',
  familyId: 'fam_1',
  hash: `hash-${id}`,
  tokenVersion: 0,
  createdAt: '2026-11-21T10:00:00.000Z',
  expiresAt: '2026-12-21T10:00:00.000Z',
  rotatedAt: null,
  revokedAt: null,
  ...overrides,
});

describe.each(storeFactories)('RefreshTokenStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('stores a session and finds it by hash, unchanged', async () => {
    await stores.refreshTokens.create(session('s1'));
    expect(await stores.refreshTokens.findByHash('hash-s1')).toEqual(session('s1'));
    expect(await stores.refreshTokens.findByHash('hash-other')).toBeUndefined();
  });

  it('refuses a duplicate id or hash with ConflictError', async () => {
    await stores.refreshTokens.create(session('s1'));
    await expect(
      stores.refreshTokens.create(session('s1', { hash: 'different' })),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      stores.refreshTokens.create(session('s2', { hash: 'hash-s1' })),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('rotates a session once: of concurrent rotations exactly one wins', async () => {
    await stores.refreshTokens.create(session('s1'));
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        stores.refreshTokens.markRotated('s1', '2026-11-21T11:00:00.000Z'),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await stores.refreshTokens.markRotated('s1', '2026-11-21T12:00:00.000Z')).toBe(false);
    expect((await stores.refreshTokens.findByHash('hash-s1'))?.rotatedAt).toBe(
      '2026-11-21T11:00:00.000Z',
    );
    expect(await stores.refreshTokens.markRotated('missing', '2026-11-21T12:00:00.000Z')).toBe(
      false,
    );
  });

  it('does not rotate a revoked session', async () => {
    await stores.refreshTokens.create(session('s1'));
    await stores.refreshTokens.revokeFamily('fam_1', '2026-11-21T11:00:00.000Z');
    expect(await stores.refreshTokens.markRotated('s1', '2026-11-21T12:00:00.000Z')).toBe(false);
  });

  it('revokes a whole family, keeping the first revocation time, and nothing else', async () => {
    await stores.refreshTokens.create(session('s1', { rotatedAt: '2026-11-21T10:30:00.000Z' }));
    await stores.refreshTokens.create(session('s2', { revokedAt: '2026-11-21T10:45:00.000Z' }));
    await stores.refreshTokens.create(session('s3'));
    await stores.refreshTokens.create(session('other', { familyId: 'fam_2' }));
    await stores.refreshTokens.revokeFamily('fam_1', '2026-11-21T11:00:00.000Z');
    expect((await stores.refreshTokens.findByHash('hash-s1'))?.revokedAt).toBe(
      '2026-11-21T11:00:00.000Z',
    );
    expect((await stores.refreshTokens.findByHash('hash-s2'))?.revokedAt).toBe(
      '2026-11-21T10:45:00.000Z',
    );
    expect((await stores.refreshTokens.findByHash('hash-s3'))?.revokedAt).toBe(
      '2026-11-21T11:00:00.000Z',
    );
    expect((await stores.refreshTokens.findByHash('hash-other'))?.revokedAt).toBeNull();
  });

  it('revokes every session of one user, across families', async () => {
    await stores.refreshTokens.create(session('s1'));
    await stores.refreshTokens.create(session('s2', { familyId: 'fam_2' }));
    await stores.refreshTokens.create(session('s3', { userId: 'usr_2', familyId: 'fam_3' }));
    await stores.refreshTokens.revokeAllForUser('usr_1', '2026-11-21T11:00:00.000Z');
    expect((await stores.refreshTokens.findByHash('hash-s1'))?.revokedAt).not.toBeNull();
    expect((await stores.refreshTokens.findByHash('hash-s2'))?.revokedAt).not.toBeNull();
    expect((await stores.refreshTokens.findByHash('hash-s3'))?.revokedAt).toBeNull();
  });

  it('forgets sessions that expired before a new one is created', async () => {
    await stores.refreshTokens.create(
      session('old', { familyId: 'fam_old', expiresAt: '2026-11-01T00:00:00.000Z' }),
    );
    await stores.refreshTokens.create(session('new', { createdAt: '2026-11-21T10:00:00.000Z' }));
    expect(await stores.refreshTokens.findByHash('hash-old')).toBeUndefined();
    expect(await stores.refreshTokens.findByHash('hash-new')).toBeDefined();
  });
});
