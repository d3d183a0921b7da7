/** Puts a fetch handler on a TCP port with @hono/node-server, and takes it off gracefully. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';

export interface Listening {
  server: Server;
  port: number;
  /** Stops accepting, lets requests in flight finish (up to `graceMs`), then closes every connection. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on `hostname:port` (port 0 picks a free one) and resolves once the port is bound.
 *
 * @example
 * const { port, close } = await listen(app.fetch, { port: 0, hostname: '127.0.0.1' });
 */
export async function listen(fetch: (request: Request) => Response | Promise<Response>, options: { port: number; hostname?: string }): Promise<Listening> {
  const server = createAdaptorServer({ fetch, hostname: options.hostname }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = (graceMs = 5000): Promise<void> =>
    (closing ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), graceMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    }));
  return { server, port, close };
}
