// The floors: the fastest a Node HTTP server on this machine answers a small JSON request, with no
// framework, validation, storage or logging (`node:http`, the default), and the same answer from
// one bare Hono route on @hono/node-server (`hono` as the first argument): what routing through
// the framework Shutter uses costs by itself. Every Shutter figure is printed as a ratio to the
// node:http floor measured in the same run. `replay FILE` answers every request with one recorded
// Shutter answer: the ceiling of that scenario, the same bytes sent by node:http alone.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const answer = {
  id: 'default',
  count: 1,
  today: { date: '2026-11-21', count: 1, uniqueVisitors: 1 },
};
const body = JSON.stringify(answer);

const announce = (port: number) => console.log(JSON.stringify({ url: `http://127.0.0.1:${port}` }));

let close: (done: () => void) => void;
if (process.argv[2] === 'replay') {
  // One recorded answer (its status, headers and body, from `replayFile` in run.ts), replayed to
  // every request: what a Shutter scenario's very bytes cost node:http to send, with no work at all.
  const recorded = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as {
    status: number;
    headers: string[];
    body: string;
  };
  const bytes = Buffer.from(recorded.body, 'base64');
  const server = createServer((_req, res) => {
    res.writeHead(recorded.status, recorded.headers);
    res.end(bytes);
  });
  server.listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port));
  close = (done) => server.close(done);
} else if (process.argv[2] === 'hono') {
  const app = new Hono();
  app.get('/', (c) => c.json(answer));
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
    announce(info.port),
  );
  close = (done) => server.close(done);
} else {
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port));
  close = (done) => server.close(done);
}
process.on('SIGTERM', () => close(() => process.exit(0)));
