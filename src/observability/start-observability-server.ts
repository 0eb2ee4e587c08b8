// sitroom's own HTTP server for /healthz and /metrics, used whenever Slack's HTTP receiver is not
// the one listening on PORT.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { RequestHandler } from './observability-routes.js';

export interface ObservabilityServer {
  /** The port it listens on (PORT=0 picks a free one). */
  port: number;
  close(): Promise<void>;
}

/** Resolves undefined, after logging why, when the port cannot be had: chat keeps working without it. */
export async function startObservabilityServer(port: number, handler: RequestHandler, log: Logger): Promise<ObservabilityServer | undefined> {
  const server = createServer(handler);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
  } catch (error) {
    log.error({ port, error: (error as Error).message }, 'health and metrics server not started');
    return undefined;
  }
  const listening = (server.address() as AddressInfo).port;
  log.info({ port: listening }, `health and metrics on http://localhost:${listening}/healthz and /metrics`);
  return {
    port: listening,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
