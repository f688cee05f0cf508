import type { TestApp } from './test-app.js';

/** What a client can see of the server's state, read through the API itself. */
export interface ObservableState {
  content: unknown[];
  cameras: unknown;
  reviews: unknown[];
  users: unknown[];
  apiKeys: unknown;
  counters: Record<string, unknown>;
}

export interface StateReader {
  /** Admin bearer token (sees every review, user and key). */
  adminToken: string;
  /** A key whose scope covers every counter in `counterIds`. */
  apiKey: string;
  counterIds: string[];
}

async function json(t: TestApp, path: string, headers: Record<string, string> = {}) {
  const res = await t.app.request(path, { headers });
  if (res.status !== 200) {
    throw new Error(`reading state: GET ${path} answered ${res.status}: ${await res.text()}`);
  }
  return {
    body: (await res.json()) as { items?: unknown[]; nextCursor?: string | null },
    etag: res.headers.get('etag'),
  };
}

/** Every page of a cursor-paged list. */
async function allPages(t: TestApp, path: string, headers: Record<string, string> = {}) {
  const items: unknown[] = [];
  let cursor: string | null | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await json(
      t,
      cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path,
      headers,
    );
    items.push(...(page.body.items ?? []));
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Reads the public content (every page, with its ETag), the cameras, every review as an admin,
 * the users, the API keys and the named counters. Two equal snapshots mean a request in between
 * changed nothing a client could observe.
 */
export async function readObservableState(t: TestApp, r: StateReader): Promise<ObservableState> {
  const admin = { authorization: `Bearer ${r.adminToken}` };
  const content = await json(t, '/content?limit=100');
  const counters: Record<string, unknown> = {};
  for (const id of r.counterIds) {
    const res = await t.app.request(`/visits/${id}`, { headers: { 'x-api-key': r.apiKey } });
    counters[id] = res.status === 404 ? 'missing' : await res.json();
  }
  return {
    content: [content.etag, ...(await allPages(t, '/content?limit=100'))],
    cameras: (await json(t, '/content/cameras')).body,
    reviews: await allPages(t, '/reviews?limit=100', admin),
    users: await allPages(t, '/users?limit=100', admin),
    apiKeys: (await json(t, '/api-keys', admin)).body,
    counters,
  };
}
