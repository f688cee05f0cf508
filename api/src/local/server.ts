import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { createApp } from '../http/create-app.js';
import { ALL_CONTROLLERS } from '../http/controllers.js';
import type { Logger } from '../ports/logger.js';
import type { Services } from '../services/create-services.js';

export interface RunningServer {
  url: string;
  /** Stops accepting connections and resolves once in-flight requests have finished. */
  close(): Promise<void>;
}

function clientIpResolver(trustProxy: boolean) {
  return (c: Context): string | undefined => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    return getConnInfo(c).remote.address;
  };
}

/** Serves the whole API on node's HTTP server. */
export async function startServer(
  config: Config,
  services: Services,
  logger: Logger,
): Promise<RunningServer> {
  const app = createApp(services, {
    controllers: ALL_CONTROLLERS,
    logger,
    corsOrigins: config.corsOrigins,
    bodyLimitBytes: config.bodyLimitBytes,
    clientIp: clientIpResolver(config.trustProxy),
    version: process.env.npm_package_version ?? '0.1.0',
  });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // A keep-alive socket that goes idle after close() began would hold the server open
        // until its timeout: keep closing idle sockets until the last in-flight request is done.
        const sweep = setInterval(() => (server as Server).closeIdleConnections(), 50);
        server.close((error) => {
          clearInterval(sweep);
          if (error) reject(error);
          else resolve();
        });
        (server as Server).closeIdleConnections();
      }),
  };
}
