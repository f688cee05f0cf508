// dynalite in a process of its own for `SHUTTER_STORE=dynamodb npm run bench`: inside the bench
// process it would stall whenever the bench waits on a command line, and share that process's
// event loop with autocannon. Prints `{"url": …}` once listening, as the floor server does.
import dynalite from 'dynalite';
import type { AddressInfo } from 'node:net';

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  console.log(
    JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
  );
});
// In memory, nothing to flush; waiting for idle keep-alive sockets to close could take forever.
process.on('SIGTERM', () => process.exit(0));
