import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageRecord } from '../../src/domain/image.js';
import type { Stores } from '../../src/services/create-services.js';
import { storeFactories } from '../support/store-factories.js';

function image(overrides: Partial<ImageRecord> = {}): ImageRecord {
  return {
    id: 'img_0000000000000001',
    reviewId: 'rev_1',
    ownerId: 'usr_a',
    status: 'pending',
    filename: 'café ✓.jpg',
    contentType: 'image/jpeg',
    size: 1234,
    alt: 'A "quoted" alt — é',
    variants: [],
    exif: {},
    uploadTokenHash: 'ab'.repeat(32),
    uploadExpiresAt: '2026-01-01T00:15:00.000Z',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

async function all(records: AsyncIterable<ImageRecord>): Promise<string[]> {
  const ids: string[] = [];
  for await (const r of records) ids.push(`${r.reviewId}/${r.id}`);
  return ids.sort();
}

describe.each(storeFactories)('ImageStore contract: $name', (factory) => {
  let stores: Stores;
  beforeEach(async () => {
    stores = await factory.create();
  });
  afterEach(() => stores.close());

  it('stores a new record and reads it back whole; a missing one is undefined', async () => {
    const written = image();
    expect(await stores.images.put(written)).toBe(true);
    expect(await stores.images.get('rev_1', written.id)).toEqual(written);
    expect(await stores.images.get('rev_1', 'img_ffffffffffffffff')).toBeUndefined();
    expect(await stores.images.get('rev_2', written.id)).toBeUndefined();
    expect(await stores.images.get('rev#bad', 'img#bad')).toBeUndefined();
  });

  it('replaces only at the next version; a stale or repeated write changes nothing', async () => {
    expect(await stores.images.put(image())).toBe(true);
    expect(await stores.images.put(image({ alt: 'again at 1' }))).toBe(false);
    const ready = image({
      status: 'ready',
      version: 2,
      width: 64,
      height: 48,
      variants: [
        { width: 64, height: 48, format: 'avif', name: `${'a'.repeat(32)}-64.avif`, bytes: 99 },
      ],
      exif: { make: 'TestCam', aperture: 2.8, iso: 400 },
    });
    expect(await stores.images.put(ready)).toBe(true);
    expect(await stores.images.put(image({ version: 2, alt: 'lost race' }))).toBe(false);
    expect(await stores.images.put(image({ version: 4 }))).toBe(false);
    expect(await stores.images.get('rev_1', ready.id)).toEqual(ready);
  });

  it('lists a review’s images oldest first, and every image across reviews', async () => {
    await stores.images.put(
      image({ id: 'img_0000000000000002', createdAt: '2026-01-02T00:00:00.000Z' }),
    );
    await stores.images.put(
      image({ id: 'img_0000000000000003', createdAt: '2026-01-01T00:00:00.000Z' }),
    );
    await stores.images.put(image({ id: 'img_0000000000000004', reviewId: 'rev_2' }));
    const listed = await stores.images.listByReview('rev_1');
    expect(listed.map((i) => i.id)).toEqual(['img_0000000000000003', 'img_0000000000000002']);
    expect(await stores.images.listByReview('rev_3')).toEqual([]);
    expect(await all(stores.images.listAll())).toEqual([
      'rev_1/img_0000000000000002',
      'rev_1/img_0000000000000003',
      'rev_2/img_0000000000000004',
    ]);
  });

  it('keeps image items out of the review listings', async () => {
    await stores.images.put(image());
    expect((await stores.reviews.list({ limit: 10 })).items).toEqual([]);
    expect(await stores.reviews.listPublished()).toEqual([]);
  });

  it('deletes one image; deleting a missing one succeeds', async () => {
    await stores.images.put(image());
    await stores.images.delete('rev_1', 'img_0000000000000001');
    await stores.images.delete('rev_1', 'img_0000000000000001');
    expect(await stores.images.get('rev_1', 'img_0000000000000001')).toBeUndefined();
    expect(await all(stores.images.listAll())).toEqual([]);
    // A deleted id can be created again at version 1.
    expect(await stores.images.put(image())).toBe(true);
  });
});
