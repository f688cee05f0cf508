import type { Context } from 'hono';

/**
 * What an entry point may add to the Hono env of a request: the part of the client's URL in
 * front of the app's own paths. The Lambda entry sets it (`/pro` through an execute-api URL of
 * stage `pro`, `/api` through a custom domain's base path `api`); the local server and tests
 * serve at the root and leave it out.
 */
export interface ExternalPathEnv {
  externalBasePath?: string;
}

/**
 * The `Location` of a resource at the app path `path` (e.g. `/reviews/r1`), as an absolute path
 * the client can follow from the URL it called: behind API Gateway that path starts with the
 * stage or base path the request came through.
 */
export function locationOf(c: Context, path: string): string {
  const base = (c.env as ExternalPathEnv | undefined)?.externalBasePath;
  return base ? `${base}${path}` : path;
}
