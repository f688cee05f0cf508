import { Hono } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { Controller } from '../http/create-app.js';
import { HttpProblemError } from '../http/problem.js';

/** Where `npm run build -w web` writes the consoles (`npm start` builds them when stale). */
export const CONSOLE_DIST = resolve(import.meta.dirname, '../../../web/dist');

/**
 * What the consoles' page may do: its own scripts and styles only, photos from our own
 * `/images/`, its calls to its own origin; never framed. The preview's HTML is sanitised by the
 * API, and this policy would stop a script in it anyway.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/**
 * The editors' and admins' consoles on the local server, from the same origin as the API (the
 * refresh-token cookie needs it): `/editor*` and `/admin*` answer the single page, which routes
 * in the browser, and `/console-assets/*` its content-hashed files, cached for a year. Read from
 * disk on each request, so a rebuild needs no restart; not part of the API (not in /openapi.json).
 */
export function consoleFilesController(dist: string = CONSOLE_DIST): Controller<unknown> {
  return () => {
    const router = new Hono<AppEnv>();
    const page = join(dist, 'console.html');
    const notBuilt = () =>
      new HttpProblemError(
        503,
        'unavailable',
        'Consoles not built',
        'The consoles are not built: run npm run build -w web (npm start does it when needed)',
      );

    const servePage = (c: Context<AppEnv>) => {
      if (!existsSync(page)) throw notBuilt();
      c.header('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
      // Always revalidated: it names the current assets.
      c.header('Cache-Control', 'no-cache');
      return c.html(readFileSync(page, 'utf8'));
    };
    for (const path of ['/editor', '/editor/*', '/admin', '/admin/*']) router.get(path, servePage);

    router.get('/console-assets/:file', (c) => {
      const file = c.req.param('file');
      const type = TYPES[extname(file)];
      // One flat folder of hashed names: no path separators or dot-files to resolve.
      if (!type || !/^[\w.-]+$/.test(file) || file.startsWith('.'))
        throw new HttpProblemError(404, 'not-found', 'Not found', `No console asset ${file}`);
      const path = join(dist, 'console-assets', file);
      if (!existsSync(path))
        throw new HttpProblemError(404, 'not-found', 'Not found', `No console asset ${file}`);
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      c.header('Content-Type', type);
      return c.body(readFileSync(path));
    });
    return router;
  };
}
