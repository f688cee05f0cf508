import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/domain/user.js';
import type { ContentPage } from '../../src/services/content-index/content-types.js';
import type { ContentDetail } from '../../src/services/content-pipeline/public-detail.js';
import { EDITOR_A, testUsers } from '../support/fixed-token-resolver.js';
import { reviewRequests } from '../support/review-requests.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let r: ReturnType<typeof reviewRequests>;
beforeEach(async () => {
  t = await createTestApp({ services: (s) => ({ ...s, currentUser: testUsers }) });
  r = reviewRequests(t);
  // Editor A's account, as the accounts feature stores it; editor B has none.
  const user: User = {
    id: EDITOR_A.id,
    email: EDITOR_A.email,
    name: 'Ana Lima',
    role: 'editor',
    status: 'active',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
    tokenVersion: 0,
    createdAt: '2026-11-21T12:00:00.000Z',
    updatedAt: '2026-11-21T12:00:00.000Z',
    lastLoginAt: null,
  };
  await t.stores.users.create(user);
});
afterEach(() => t.close());

async function read<T>(path: string): Promise<{ body: T; text: string }> {
  const res = await t.app.request(path);
  expect(res.status, path).toBe(200);
  const text = await res.text();
  return { body: JSON.parse(text) as T, text };
}

describe('author names on /content', () => {
  it('shows the author’s name, and nothing else of the account, in summaries and details', async () => {
    const review = await r.publish('editorA');
    await t.contentWorker.drain();

    const list = await read<ContentPage>('/content');
    expect(list.body.items[0]).toMatchObject({ slug: review.slug, author: { name: 'Ana Lima' } });
    const detail = await read<ContentDetail>(`/content/${review.slug}`);
    expect(detail.body.author).toEqual({ name: 'Ana Lima' });
    for (const { text } of [list, detail]) {
      expect(text).not.toContain(EDITOR_A.email);
      expect(text).not.toContain(EDITOR_A.id);
    }
  });

  it('leaves the author out when the account does not exist', async () => {
    const review = await r.publish('editorB');
    await t.contentWorker.drain();
    expect((await read<ContentPage>('/content')).body.items[0]).not.toHaveProperty('author');
    expect((await read<ContentDetail>(`/content/${review.slug}`)).body).not.toHaveProperty(
      'author',
    );
  });

  it('shows a new name in lists at the next rebuild, and in a detail after its next publish', async () => {
    const review = await r.publish('editorA');
    await t.contentWorker.drain();
    await t.stores.users.update(EDITOR_A.id, { name: 'Ana Lima Souza' });

    // Another review published: the index is rebuilt from the store with every current name.
    await r.publish('editorA', { slug: 'second-review' });
    await t.contentWorker.drain();
    const items = (await read<ContentPage>('/content')).body.items;
    expect(items.map((i) => i.author?.name)).toEqual(['Ana Lima Souza', 'Ana Lima Souza']);
    // The first review's detail was rendered before the rename and has not been since.
    expect((await read<ContentDetail>(`/content/${review.slug}`)).body.author).toEqual({
      name: 'Ana Lima',
    });

    const saved = await r.send('PATCH', `/reviews/${review.id}`, 'editorA', {
      body: { rating: 9 },
      contentType: 'application/merge-patch+json',
      headers: { 'If-Match': `"v${review.version}"` },
    });
    expect(saved.status).toBe(200);
    await t.contentWorker.drain();
    expect((await read<ContentDetail>(`/content/${review.slug}`)).body.author).toEqual({
      name: 'Ana Lima Souza',
    });
  });
});
