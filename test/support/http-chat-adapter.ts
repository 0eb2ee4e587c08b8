// A minimal chat adapter for core tests: posts each message as JSON to a fake chat API on
// 127.0.0.1, as a webhook would, and turns the API's refusals into ChatDeliveryErrors the way the
// Slack and Discord adapters do. The fake records what it received and can answer 429 or 404.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { ChatDeliveryError, type ChatAdapter, type ChatPlatform } from '../../src/chat/chat-adapter.js';
import type { Reply } from '../../src/chat/reply.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFeedServer, type FeedServer } from './feed-server.js';

export interface ReceivedPost {
  channel: string;
  message: Reply;
  /** For a follow-up: the thread it was posted in (the alert's delivery key, which this adapter names its posts by). */
  thread?: { ref: string; broadcast: boolean };
}

export interface FakeChatApi {
  received: ReceivedPost[];
  /** The next answers, in order: a status and, for 429, the Retry-After seconds. */
  failNext(...answers: { status: number; retryAfter?: number }[]): void;
  adapter(platform?: ChatPlatform): ChatAdapter;
  close(): Promise<void>;
}

export async function startFakeChatApi(): Promise<FakeChatApi> {
  const received: ReceivedPost[] = [];
  const failures: { status: number; retryAfter?: number }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const failure = failures.shift();
      if (failure) {
        response.writeHead(failure.status, failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) });
        return void response.end(JSON.stringify({ ok: false }));
      }
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedPost);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    failNext: (...answers) => void failures.push(...answers),
    adapter: (platform = 'console') => ({
      platform,
      async post(channel, message, delivery) {
        const response = await fetch(`${base}/post`, { method: 'POST', body: JSON.stringify({ channel, message, thread: delivery?.thread }), headers: { 'content-type': 'application/json' } });
        if (response.ok) return delivery && { ref: delivery.key };
        const retryAfter = response.headers.get('retry-after');
        throw new ChatDeliveryError(`the chat API answered ${response.status}`, response.status === 404, retryAfter === null ? undefined : Number(retryAfter) * 1000);
      },
      stop: async () => undefined,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ChatTestBench {
  chat: FakeChatApi;
  feeds: FeedServer;
  /** A temporary folder for database files. */
  folder: string;
}

/**
 * The fake chat API, the feed server and a temp folder for a test file, started before its tests and
 * closed after them; what the chat received is forgotten after each test.
 */
export function useChatTestBench(folderPrefix: string): ChatTestBench {
  const bench = {} as ChatTestBench;
  beforeAll(async () => {
    bench.chat = await startFakeChatApi();
    bench.feeds = await startFeedServer();
    bench.folder = mkdtempSync(path.join(tmpdir(), folderPrefix));
  });
  afterAll(async () => {
    await bench.chat.close();
    await bench.feeds.close();
    rmSync(bench.folder, { recursive: true, force: true });
  });
  afterEach(() => void bench.chat.received.splice(0));
  return bench;
}
