// The floor: the fastest a Node HTTP server on this machine answers a small JSON request, with no
// framework, validation, storage or logging. Every Shutter figure is printed as a ratio to it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = JSON.stringify({
  id: 'default',
  count: 1,
  today: { date: '2026-11-21', count: 1, uniqueVisitors: 1 },
});
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  console.log(
    JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
