import { describe, expect, it } from 'vitest';
import {
  CAMERAS_TAG,
  COMPARE_TAG,
  LIST_TAG,
  cacheTagsHeader,
  cameraTag,
  parseCacheTag,
  reviewChangeTags,
  reviewTag,
} from './cache-tags.js';

describe('cache tags', () => {
  it('names a review by its slug and refuses what is not a slug', () => {
    expect(reviewTag('sony-a7-iv')).toBe('review:sony-a7-iv');
    expect(() => reviewTag('Sony A7')).toThrow();
    expect(() => reviewTag('a,b')).toThrow();
  });

  it('folds a camera as slugs are folded, so spellings share one ASCII tag', () => {
    expect(cameraTag('Sony', 'α7 IV')).toBe('camera:sony-a7-iv');
    expect(cameraTag('SONY', 'A7 iv')).toBe('camera:sony-a7-iv');
    expect(cameraTag('Fujifilm', 'X100VI')).toBe('camera:fujifilm-x100vi');
    expect(cameraTag('—', '!!')).toBe('camera:unnamed');
  });

  it('reads back every tag it makes, and nothing else', () => {
    expect(parseCacheTag('review:gr-iii')).toEqual({ kind: 'review', slug: 'gr-iii' });
    expect(parseCacheTag('camera:ricoh-gr-iii')).toEqual({ kind: 'camera', key: 'ricoh-gr-iii' });
    expect(parseCacheTag(LIST_TAG)).toEqual({ kind: 'list' });
    expect(parseCacheTag(CAMERAS_TAG)).toEqual({ kind: 'cameras' });
    expect(parseCacheTag(COMPARE_TAG)).toEqual({ kind: 'compare' });
    for (const bad of ['', 'review:', 'review:A', 'camera:a b', 'lists', 'List', 'review:a,b']) {
      expect(parseCacheTag(bad)).toBeUndefined();
    }
  });

  it('lists what a review change touches', () => {
    expect(
      reviewChangeTags({ slug: 'x100vi', camera: { brand: 'Fujifilm', model: 'X100VI' } }),
    ).toEqual(['review:x100vi', 'camera:fujifilm-x100vi', 'list', 'cameras', 'compare']);
  });

  it('builds a comma-separated Cache-Tag value, each tag once, in order', () => {
    expect(cacheTagsHeader(['review:x100vi', 'camera:fujifilm-x100vi', 'review:x100vi'])).toBe(
      'review:x100vi,camera:fujifilm-x100vi',
    );
    expect(cacheTagsHeader([LIST_TAG])).toBe('list');
    expect(cacheTagsHeader([])).toBe('');
  });

  it('refuses a value that is not a tag rather than sending a broken header', () => {
    expect(() => cacheTagsHeader(['list', 'review:a,b'])).toThrow(/Not a cache tag/);
    expect(() => cacheTagsHeader(['list\r\nSet-Cookie: x'])).toThrow(/Not a cache tag/);
  });
});
