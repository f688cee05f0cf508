import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for SSM Parameter Store answering GetParameter (the JSON protocol's
 * `AmazonSSM.GetParameter` target) with one random secret, for a bench that runs a built Lambda
 * reading its JWT secret (as infra/bench/bundles.ts does): no measurement waits on a network.
 */
export async function startSsmStandIn(): Promise<{ server: Server; endpoint: string }> {
  const secret = randomBytes(32).toString('base64url');
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      if (target !== 'AmazonSSM.GetParameter') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'InvalidAction', message: String(target) }));
        return;
      }
      const { Name } = JSON.parse(body) as { Name: string };
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({ Parameter: { Name, Type: 'SecureString', Value: secret, Version: 1 } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
