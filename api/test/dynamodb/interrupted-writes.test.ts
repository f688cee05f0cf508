import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDynamoDbStores } from '../../src/adapters/dynamodb/create-dynamodb-stores.js';
import { createDocumentClient } from '../../src/adapters/dynamodb/document-client.js';
import { ensureDynamoDbTables } from '../../src/adapters/dynamodb/open-dynamodb-stores.js';
import {
  apiKeyByIdKey,
  emailClaimKey,
  familyRevokedKey,
  sessionByIdKey,
  slugClaimKey,
  visitorMarkerKey,
} from '../../src/adapters/dynamodb/keys.js';
import { tableNames } from '../../src/adapters/dynamodb/table-definitions.js';
import { ConflictError, NotFoundError } from '../../src/domain/errors.js';
import type { RefreshSession } from '../../src/domain/refresh-session.js';
import type { User } from '../../src/domain/user.js';
import type { Stores } from '../../src/services/create-services.js';
import { dynaliteServer } from '../support/dynalite-server.js';

// Multi-item sequences are not atomic on DynamoDB; docs/dynamodb.md promises what a crash
// between their writes leaves behind. These tests build that state by hand and check the promise.
let stores: Stores;
let put: (
  table: 'counters' | 'apiKeys' | 'users' | 'sessions' | 'reviews',
  item: Record<string, unknown>,
) => Promise<void>;

const user = (id: string, createdAt: string): User => ({
  id,
  email: 'Ana@Example.com',
  name: 'Ana',
  role: 'editor',
  status: 'active',
  passwordHash: 'hash',
  tokenVersion: 0,
  createdAt,
  updatedAt: createdAt,
  lastLoginAt: null,
});

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
let prefixes = 0;

beforeEach(async () => {
  const { client } = await dynaliteServer();
  const tablePrefix = `interrupted-${++prefixes}-`;
  await ensureDynamoDbTables(client, tablePrefix);
  stores = createDynamoDbStores({ client, tablePrefix, ownsClient: false });
  const doc = createDocumentClient(client);
  const names = tableNames(tablePrefix);
  put = async (table, item) => {
    await doc.put({ TableName: names[table], Item: item });
  };
});
afterEach(() => stores.close());

describe('a crash between the writes of one operation', () => {
  it('API key create: a pointer without its key is no key at all, and cannot be revoked', async () => {
    await put('apiKeys', { ...apiKeyByIdKey('key_orphan'), hash: 'feed' });
    expect(await stores.apiKeys.get('key_orphan')).toBeUndefined();
    expect(await stores.apiKeys.findByHash('feed')).toBeUndefined();
    expect(await stores.apiKeys.list()).toEqual([]);
    await expect(stores.apiKeys.revoke('key_orphan', '2026-11-21T00:00:00.000Z')).rejects.toThrow(
      NotFoundError,
    );
    // The random id stays taken; a new key simply gets another id.
    await expect(
      stores.apiKeys.create({
        id: 'key_orphan',
        name: 'n',
        scope: ['default'],
        hash: 'beef',
        prefix: 'shk_abcdef',
        rateLimit: { perSecond: 1, burst: 1 },
        createdAt: '2026-11-21T00:00:00.000Z',
        revokedAt: null,
        lastUsedAt: null,
      }),
    ).rejects.toThrow(ConflictError);
  });

  it('visit: a marker without its day update under-counts, never over-counts', async () => {
    await put('counters', {
      ...visitorMarkerKey('default', '2026-11-21', 'v1'),
      expiresAt: 1_795_305_600,
    });
    const recorded = await stores.counters.recordVisit({
      counterId: 'default',
      day: '2026-11-21',
      visitorHash: 'v1',
      expiresAt: new Date('2026-11-22T00:00:00Z'),
      at: new Date('2026-11-21T10:00:00Z'),
    });
    expect(recorded).toEqual({
      count: 1,
      today: { date: '2026-11-21', count: 1, uniqueVisitors: 0 },
    });
  });

  it('user create: an email claim without its user blocks the address for a while, then heals', async () => {
    await put('users', {
      ...emailClaimKey('ana@example.com'),
      userId: 'usr_dead',
      claimedAt: '2026-11-21T10:00:00.000Z',
    });
    expect(await stores.users.findByEmail('ana@example.com')).toBeUndefined();
    // Moments later, the claim may still belong to a create in progress: hands off.
    await expect(stores.users.create(user('usr_new', '2026-11-21T10:01:00.000Z'))).rejects.toThrow(
      ConflictError,
    );
    // Long after, no create is that slow: the claim is stale and taken over.
    const later = user('usr_new', '2026-11-21T10:06:00.000Z');
    await stores.users.create(later);
    expect(await stores.users.findByEmail('ANA@example.com')).toEqual(later);
  });

  it('session create: a pointer without its session rotates nothing', async () => {
    await put('sessions', { ...sessionByIdKey('s_orphan'), hash: 'hash-gone', familyId: 'fam_1' });
    expect(await stores.refreshTokens.markRotated('s_orphan', '2026-11-21T11:00:00.000Z')).toBe(
      false,
    );
    expect(await stores.refreshTokens.findByHash('hash-gone')).toBeUndefined();
  });

  it('family revocation: the marker alone revokes a session the index has not shown yet', async () => {
    // As if revokeFamily's index query had missed s1 (GSI lag on AWS) and only the marker landed.
    await stores.refreshTokens.create(session('s1'));
    await put('sessions', { ...familyRevokedKey('fam_1'), revokedAt: '2026-11-21T11:00:00.000Z' });
    expect((await stores.refreshTokens.findByHash('hash-s1'))?.revokedAt).toBe(
      '2026-11-21T11:00:00.000Z',
    );
    expect(await stores.refreshTokens.markRotated('s1', '2026-11-21T12:00:00.000Z')).toBe(false);
    // A session revoked on its own keeps its own, earlier time.
    await stores.refreshTokens.create(
      session('s2', { revokedAt: '2026-11-21T10:30:00.000Z', familyId: 'fam_1' }),
    );
    expect((await stores.refreshTokens.findByHash('hash-s2'))?.revokedAt).toBe(
      '2026-11-21T10:30:00.000Z',
    );
  });

  it('review create: a slug claim without its review hides nothing and stays taken', async () => {
    await put('reviews', { ...slugClaimKey('orphan-slug'), reviewId: 'rev_dead' });
    expect(await stores.reviews.getBySlug('orphan-slug')).toBeUndefined();
    expect(await stores.reviews.listPublished()).toEqual([]);
    await expect(stores.reviews.claimSlug('orphan-slug', 'rev_new')).rejects.toThrow(ConflictError);
  });
});
