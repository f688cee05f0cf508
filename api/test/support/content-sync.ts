import type { TestApp } from './test-app.js';

/**
 * Waits until review writes made so far are visible on `/content`. Today a review write refreshes
 * the public read model before it answers (`content.published()` is awaited in the write), so
 * there is nothing to wait for. When the read model is fed asynchronously (a job queue and a
 * worker), drain the queue here, and every test that checks `/content` after a write keeps
 * working.
 */
export async function waitForContent(_t: TestApp): Promise<void> {
  // Nothing to drain while the read model is refreshed synchronously.
}

/** A published review as `/content` lists it (the fields every summary carries). */
export interface ContentSummary {
  slug: string;
  title: string;
  rating: number;
}

/** Every summary `/content` lists, across all pages, in the order served. */
export async function readAllContent(t: TestApp): Promise<ContentSummary[]> {
  const items: ContentSummary[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.app.request(
      `/content?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (res.status !== 200) throw new Error(`GET /content answered ${res.status}`);
    const page = (await res.json()) as { items: ContentSummary[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
