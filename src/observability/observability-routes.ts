// /healthz and /metrics as one plain (req, res) handler, so the same routes serve on sitroom's own
// HTTP server and, when Slack runs in HTTP mode, on Bolt's HTTPReceiver (customRoutes) on its port.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { HealthReport } from './check-health.js';
import type { SitroomMetrics } from './sitroom-metrics.js';

export interface ObservabilitySources {
  health: () => Promise<HealthReport>;
  metrics: SitroomMetrics;
  log: Logger;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

export const OBSERVABILITY_PATHS = ['/healthz', '/metrics'] as const;

export function createObservabilityHandler(sources: ObservabilitySources): RequestHandler {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405, { allow: 'GET, HEAD' }).end();
    if (path === '/healthz') return void answerHealth(sources, response);
    if (path === '/metrics') return void answerMetrics(sources, response);
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /healthz or /metrics\n');
  };
}

/** The same handler as Bolt CustomRoute objects ({path, method, handler}). */
export function observabilityRoutes(handler: RequestHandler): { path: string; method: string[]; handler: RequestHandler }[] {
  return OBSERVABILITY_PATHS.map((path) => ({ path, method: ['GET', 'HEAD'], handler }));
}

async function answerHealth(sources: ObservabilitySources, response: ServerResponse): Promise<void> {
  let report: HealthReport;
  try {
    report = await sources.health();
  } catch (error) {
    // The check reads the store: a store that fails to answer is an unhealthy sitroom, not a crash.
    sources.log.error({ err: error }, 'health check failed');
    response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    return void response.end(`${JSON.stringify({ status: 'unhealthy', problems: [`store not readable: ${error instanceof Error ? error.message : String(error)}`] })}\n`);
  }
  if (!report.healthy) sources.log.warn({ problems: report.problems }, 'health check failed');
  response.writeHead(report.healthy ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`${JSON.stringify({ status: report.healthy ? 'ok' : 'unhealthy', ...report })}\n`);
}

async function answerMetrics(sources: ObservabilitySources, response: ServerResponse): Promise<void> {
  try {
    const { contentType, body } = await sources.metrics.exposition();
    response.writeHead(200, { 'content-type': contentType }).end(body);
  } catch (error) {
    sources.log.error({ err: error }, 'metrics not collected');
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics could not be collected\n');
  }
}
