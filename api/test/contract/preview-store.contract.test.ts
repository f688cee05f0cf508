import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreviewLink } from '../../src/ports/preview-store.js';
import type { Stores } from '../../src/services/create-services.js';
import { storeFactories } from '../support/store-factories.js';

const link = (tokenHash: string, reviewId: string, expiresAt = '2026-11-22T12:00:00.000Z') =>
  ({
    tokenHash,
    reviewId,
    createdAt: '2026-11-21T12:00:00.000Z',
    expiresAt,
  }) satisfies PreviewLink;

describe.each(storeFactories)('PreviewStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('stores a link and reads it back by its hash; an unknown hash is undefined', async () => {
    await stores.previews.create(link('hash-one_A-z', 'rev_1'));
    expect(await stores.previews.get('hash-one_A-z')).toEqual(link('hash-one_A-z', 'rev_1'));
    expect(await stores.previews.get('hash-two')).toBeUndefined();
    // Not a valid key on any store: still just "not found".
    expect(await stores.previews.get('no such#hash')).toBeUndefined();
  });

  it('keeps an expired link: expiry is the reader’s to check', async () => {
    await stores.previews.create(link('old', 'rev_1', '2020-01-01T00:00:00.000Z'));
    expect(await stores.previews.get('old')).toEqual(
      link('old', 'rev_1', '2020-01-01T00:00:00.000Z'),
    );
  });

  it('revokes every link of one review and no other', async () => {
    await stores.previews.create(link('a1', 'rev_a'));
    await stores.previews.create(link('a2', 'rev_a'));
    await stores.previews.create(link('b1', 'rev_b'));
    expect(await stores.previews.revokeAll('rev_a')).toBe(2);
    expect(await stores.previews.get('a1')).toBeUndefined();
    expect(await stores.previews.get('a2')).toBeUndefined();
    expect(await stores.previews.get('b1')).toEqual(link('b1', 'rev_b'));
    expect(await stores.previews.revokeAll('rev_a')).toBe(0);
    expect(await stores.previews.revokeAll('rev_none')).toBe(0);
    // A link made after a revoke works.
    await stores.previews.create(link('a3', 'rev_a'));
    expect(await stores.previews.get('a3')).toEqual(link('a3', 'rev_a'));
  });

  it('keeps links out of every review listing', async () => {
    await stores.previews.create(link('x1', 'rev_x'));
    expect((await stores.reviews.list({ limit: 100 })).items).toEqual([]);
    expect(await stores.reviews.listPublished()).toEqual([]);
    expect(await stores.reviews.get('rev_x')).toBeUndefined();
  });
});
