import { createShutterClient, type Problem } from '../client/index.js';

/** The one client of the page: same origin, the refresh token in the API's cookie. */
export const client = createShutterClient();
export const api = client.api;

/** Field → message from a problem's `errors[]`, to show beside each field. */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) out[e.field] ??= e.message;
  return out;
}

/** The ETag of a review's version, as `If-Match` wants it (quotes included). */
export const etagOf = (version: number) => `"v${version}"`;
