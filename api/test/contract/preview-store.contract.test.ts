import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreviewLink, PreviewRender } from '../../src/ports/preview-store.js';
import type { Stores } from '../../src/services/create-services.js';
import { storeFactories } from '../support/store-factories.js';

const link = (tokenHash: string, reviewId: string, expiresAt = '2026-11-22T12:00:00.000Z') =>
  ({
    tokenHash,
    reviewId,
    createdAt: '2026-11-21T12:00:00.000Z',
    expiresAt,
  }) satisfies PreviewLink;

const render = (reviewId: string, version: number, title = `v${version}`) =>
  ({
    reviewId,
    version,
    json: JSON.stringify({ title, html: '<p>“quoted” – ünïcode</p>' }),
    etag: `"${reviewId}-${version}"`,
    renderedAt: '2026-11-21T12:00:00.000Z',
    keepUntil: '2026-11-22T12:00:00.000Z',
  }) satisfies PreviewRender;

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

  it('names the latest expiry of a review’s links, expired or not', async () => {
    expect(await stores.previews.latestExpiry('rev_a')).toBeUndefined();
    await stores.previews.create(link('a1', 'rev_a', '2020-01-01T00:00:00.000Z'));
    expect(await stores.previews.latestExpiry('rev_a')).toBe('2020-01-01T00:00:00.000Z');
    await stores.previews.create(link('a2', 'rev_a', '2026-11-28T12:00:00.000Z'));
    await stores.previews.create(link('a3', 'rev_a', '2026-11-22T12:00:00.000Z'));
    await stores.previews.create(link('b1', 'rev_b', '2027-01-01T00:00:00.000Z'));
    expect(await stores.previews.latestExpiry('rev_a')).toBe('2026-11-28T12:00:00.000Z');
    await stores.previews.revokeAll('rev_a');
    expect(await stores.previews.latestExpiry('rev_a')).toBeUndefined();
    expect(await stores.previews.latestExpiry('no such#id')).toBeUndefined();
  });

  it('keeps one render per review, never replaced by an older version', async () => {
    expect(await stores.previews.getRender('rev_a')).toBeUndefined();
    expect(await stores.previews.putRender(render('rev_a', 2))).toBe(true);
    expect(await stores.previews.getRender('rev_a')).toEqual(render('rev_a', 2));
    // The same version again (a photo changed, a link was made): replaced.
    expect(await stores.previews.putRender(render('rev_a', 2, 'new photo'))).toBe(true);
    expect(await stores.previews.getRender('rev_a')).toEqual(render('rev_a', 2, 'new photo'));
    // A late job with an older draft: refused, the newer render stays.
    expect(await stores.previews.putRender(render('rev_a', 1))).toBe(false);
    expect(await stores.previews.getRender('rev_a')).toEqual(render('rev_a', 2, 'new photo'));
    expect(await stores.previews.putRender(render('rev_a', 3))).toBe(true);
    expect(await stores.previews.putRender(render('rev_b', 1))).toBe(true);
    expect(await stores.previews.getRender('rev_a')).toEqual(render('rev_a', 3));
    expect(await stores.previews.getRender('rev_b')).toEqual(render('rev_b', 1));
    expect(await stores.previews.getRender('no such#id')).toBeUndefined();
  });

  it('deletes a render alone, or with the review’s links on a revoke', async () => {
    await stores.previews.create(link('a1', 'rev_a'));
    await stores.previews.putRender(render('rev_a', 1));
    await stores.previews.deleteRender('rev_a');
    expect(await stores.previews.getRender('rev_a')).toBeUndefined();
    expect(await stores.previews.get('a1')).toEqual(link('a1', 'rev_a'));
    await stores.previews.deleteRender('rev_a');

    await stores.previews.putRender(render('rev_a', 1));
    await stores.previews.putRender(render('rev_b', 1));
    expect(await stores.previews.revokeAll('rev_a')).toBe(1);
    expect(await stores.previews.getRender('rev_a')).toBeUndefined();
    expect(await stores.previews.getRender('rev_b')).toEqual(render('rev_b', 1));
    // A review without links loses its render on a revoke too.
    expect(await stores.previews.revokeAll('rev_b')).toBe(0);
    expect(await stores.previews.getRender('rev_b')).toBeUndefined();
  });

  it('keeps links and renders out of every review listing and the public documents', async () => {
    await stores.previews.create(link('x1', 'rev_x'));
    await stores.previews.putRender(render('rev_x', 1));
    expect((await stores.reviews.list({ limit: 100 })).items).toEqual([]);
    expect(await stores.reviews.listPublished()).toEqual([]);
    expect(await stores.reviews.get('rev_x')).toBeUndefined();
    const publicSlugs = [];
    for await (const doc of stores.publicContent.listSlugs()) publicSlugs.push(doc);
    expect(publicSlugs).toEqual([]);
  });
});
