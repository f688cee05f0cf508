import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  /** `http://127.0.0.1:PORT`: a different origin from the API's, as a visitor's site would be. */
  origin: string;
  /** Serves `html` at `path` from now on and returns its absolute URL. */
  serve(path: string, html: string): string;
  close(): Promise<void>;
}

/** A bare node:http server for HTML pages; anything it was not given is a 404 (but the icon). */
export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    // Chromium asks for one on every page; a 404 would be logged as a console error.
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const html = pages.get(req.url ?? '');
    if (html === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    serve: (path, html) => {
      pages.set(path, html);
      return `${origin}${path}`;
    },
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
