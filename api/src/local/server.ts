import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Config } from '../config.js';
import { createApp } from '../http/create-app.js';
import type { AppOptions } from '../http/app-env.js';
import { ALL_CONTROLLERS } from '../http/controllers.js';
import { forwardedEntry } from '../http/forwarded.js';
import { requestHeader } from '../http/middleware/node-message.js';
import { accessLineWriterOf } from '../http/middleware/request-context.js';
import type { Logger } from '../ports/logger.js';
import type { Services } from '../services/create-services.js';
import { clientErrorAnswer } from './client-error.js';
import { CONSOLE_DIST, consoleFilesController } from './console-files.js';
import { createEdgeCache } from './edge-cache.js';

export interface RunningServer {
  url: string;
  /** Stops accepting connections and resolves once in-flight requests have finished. */
  close(): Promise<void>;
}

/**
 * The client's address: with `hops` proxies of one's own in front, the `X-Forwarded-For` entry
 * the outermost of them appended (see {@link forwardedEntry}); otherwise the socket's peer.
 */
function clientIpResolver(hops: number) {
  return (c: Context): string | undefined =>
    forwardedEntry(requestHeader(c, 'x-forwarded-for'), hops) ?? getConnInfo(c).remote.address;
}

/** Whether the request reached the outermost trusted proxy over TLS, as it says it did. */
function secureTransportResolver(hops: number) {
  return (c: Context): boolean =>
    c.req.url.startsWith('https:') ||
    (hops > 0 &&
      forwardedEntry(requestHeader(c, 'x-forwarded-proto'), hops)?.toLowerCase() === 'https');
}

/**
 * Answers what node's HTTP parser refuses (oversized headers, broken framing, a bad chunk size,
 * an unknown method) with a problem+json of the status node would use, instead of node's empty
 * answer, and logs it as one warn line: a malformed request is the client's fault, not ours.
 */
function handleClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    // The peer went away: there is no one to answer and nothing to report.
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE') {
      socket.destroy();
      return;
    }
    const answer = clientErrorAnswer(error);
    logger.warn(
      { code: answer.code, reason: answer.reason, status: answer.status },
      'request refused by the HTTP parser',
    );
    // As node does: answer only where no response has begun on this socket, else the peer
    // would read our bytes as the middle of another response.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) socket.end(answer.raw);
    socket.destroy();
  });
}

/** Serves the whole API on node's HTTP server. */
export async function startServer(
  config: Config,
  services: Services,
  logger: Logger,
  /** Asked by `/health` (the stores' own check). */
  checkHealth?: () => Promise<void>,
  /** The queue the in-process worker drains, shown in the admins' console. */
  jobQueue?: AppOptions['jobQueue'],
): Promise<RunningServer> {
  const app = createApp(services, {
    // The consoles' files (web/dist) last: every API route wins over them.
    controllers: [...ALL_CONTROLLERS, consoleFilesController(CONSOLE_DIST)],
    logger,
    corsOrigins: config.corsOrigins,
    consoleOrigins: config.consoleOrigins,
    bodyLimitBytes: config.bodyLimitBytes,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    clientIp: clientIpResolver(config.trustProxyHops),
    secureTransport: secureTransportResolver(config.trustProxyHops),
    version: process.env.npm_package_version ?? '0.1.0',
    ...(checkHealth ? { checkHealth } : {}),
    ...(jobQueue ? { jobQueue } : {}),
  });
  const edge =
    config.edgeCacheMs > 0
      ? createEdgeCache({
          ttlMs: config.edgeCacheMs,
          generation: services.content.generation,
          accessLine: accessLineWriterOf(logger),
        })
      : undefined;
  const listener = getRequestListener(app.fetch, { hostname: config.host });
  // Public content reads the edge cache holds never reach the app (local/edge-cache.ts).
  const server = createServer(edge ? edge.wrap(listener) : listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  handleClientErrors(server, logger);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A keep-alive socket that goes idle after close() began would hold the server open
        // until its timeout: keep closing idle sockets until the last in-flight request is done.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close((error) => {
          clearInterval(sweep);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
