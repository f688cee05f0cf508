import { describe, expect, it } from 'vitest';
import type { Review } from '../../domain/review.js';
import { indexEntryOf } from './index-entry.js';
import { testEntry } from './test-entries.js';

describe('indexEntryOf', () => {
  const { publishedAt, ...rest } = testEntry(1);
  const review: Review = {
    ...rest,
    publishedAt,
    id: 'rev_1',
    authorId: 'usr_1',
    createdAt: publishedAt,
    version: 3,
    status: 'published',
    publishAt: null,
    scheduleError: null,
    slugHistory: [],
  };

  it('takes the public fields of a published review, nothing private', () => {
    const entry = indexEntryOf(review);
    expect(entry).toEqual(testEntry(1));
    expect(entry).not.toHaveProperty('authorId');
    expect(entry).not.toHaveProperty('id');
  });

  it('refuses a draft: drafts never reach the index', () => {
    expect(() => indexEntryOf({ ...review, status: 'draft' })).toThrow(/draft/);
    expect(() => indexEntryOf({ ...review, publishedAt: null })).toThrow(/not published/);
  });
});
