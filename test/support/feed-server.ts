// A real HTTP server on 127.0.0.1 that serves feeds for tests: each route is a handler, and every
// request is recorded (method, path, headers) so a test can check what sitroom sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export interface FeedServer {
  url(path: string): string;
  route(path: string, handler: RouteHandler): void;
  /** Serves a fixed body with a content type (and optional extra headers). */
  serve(path: string, body: string | Buffer, contentType?: string, headers?: Record<string, string>): void;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, RouteHandler>();
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    requests.push({ method: request.method ?? 'GET', path, headers: request.headers });
    const handler = routes.get(path);
    if (handler) handler(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    serve(path, body, contentType = 'application/rss+xml; charset=utf-8', headers = {}) {
      routes.set(path, (_request, response) => response.writeHead(200, { 'content-type': contentType, ...headers }).end(body));
    },
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An RSS 2.0 document with the given items. */
export function rssFeed(items: { title: string; link?: string; guid?: string; description?: string; pubDate?: string }[], title = 'Test feed'): string {
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const entries = items
    .map((item) =>
      [
        '<item>',
        `<title>${escape(item.title)}</title>`,
        item.link ? `<link>${escape(item.link)}</link>` : '',
        item.guid ? `<guid isPermaLink="false">${escape(item.guid)}</guid>` : '',
        item.description ? `<description>${escape(item.description)}</description>` : '',
        item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : '',
        '</item>',
      ].join(''),
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escape(title)}</title><link>https://example.org/</link>\n${entries}\n</channel></rss>`;
}
