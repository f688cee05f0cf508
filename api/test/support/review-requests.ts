import { expect } from 'vitest';
import type { Review } from '../../src/domain/review.js';
import { as } from './fixed-token-resolver.js';
import { reviewInput } from './review-fixtures.js';
import type { TestApp } from './test-app.js';

export type Who = keyof typeof as;

export interface SendOptions {
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Request helpers for the reviews and content controllers of one test app. */
export function reviewRequests(t: TestApp) {
  function send(method: string, path: string, who: Who, options: SendOptions = {}) {
    const { body, contentType = 'application/json', headers = {} } = options;
    return t.app.request(path, {
      method,
      headers: {
        ...as[who],
        ...(body !== undefined ? { 'content-type': contentType } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
  }

  /** Creates a review as `who` and returns it as stored. */
  async function create(
    who: Who,
    overrides: Parameters<typeof reviewInput>[0] = {},
  ): Promise<Review> {
    const res = await send('POST', '/reviews', who, { body: reviewInput(overrides) });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Review;
  }

  const publish = (who: Who, overrides: Parameters<typeof reviewInput>[0] = {}) =>
    create(who, { status: 'published', ...overrides });

  return { send, create, publish };
}

/** The `If-Match` header naming a review's current version. */
export const ifMatch = (review: Pick<Review, 'version'>) => ({
  'If-Match': `"v${review.version}"`,
});

export async function expectProblem(res: Response, status: number, slug: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as {
    type: string;
    status: number;
    detail: string;
    errors?: Array<{ field: string; message: string }>;
  };
  expect(body).toMatchObject({ type: `https://shutter.dev/problems/${slug}`, status });
  return body;
}
