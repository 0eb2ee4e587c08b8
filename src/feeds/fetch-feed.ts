// Fetches a feed body ourselves (never rss-parser's parseURL): conditional GET, a time limit,
// a size limit, redirects followed by hand and counted, and failures turned into FeedFetchError
// with a message a person can act on.
import { open, stat } from 'node:fs/promises';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Response } from 'undici';
import type { AddressGuard } from './address-guard.js';

export interface FetchOptions {
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Relative file paths in feed URLs are taken from this folder (the config file's). */
  baseDir: string;
  now: number;
  /** For feeds added from chat: every request, redirects included, goes through it. */
  guard?: AddressGuard;
}

export interface ConditionalHeaders {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { kind: 'not-modified' }
  | { kind: 'body'; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null; finalUrl: string };

export class FeedFetchError extends Error {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

export async function fetchFeed(address: string, conditional: ConditionalHeaders, options: FetchOptions): Promise<FetchResult> {
  if (/^https?:\/\//i.test(address)) return fetchOverHttp(address, conditional, options);
  // A guarded address (one given in chat) is never a local file.
  if (options.guard) throw new FeedFetchError(`only http(s) feeds can be added from chat, not ${address}`);
  return readFeedFile(address, options);
}

/** The file a non-http feed address points at: a file:// URL, or a path relative to baseDir. */
export function feedFilePath(address: string, baseDir: string): string {
  if (/^file:\/\//i.test(address)) return fileURLToPath(address);
  return isAbsolute(address) ? address : resolvePath(baseDir, address);
}

async function readFeedFile(address: string, options: FetchOptions): Promise<FetchResult> {
  const path = feedFilePath(address, options.baseDir);
  try {
    const info = await stat(path);
    if (info.size > options.maxBodyBytes) throw tooLarge(options.maxBodyBytes);
    const handle = await open(path);
    try {
      const body = await handle.readFile();
      return { kind: 'body', body, contentType: null, etag: null, lastModified: null, finalUrl: pathToFileURL(path).href };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    throw new FeedFetchError(`cannot read feed file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function fetchOverHttp(address: string, conditional: ConditionalHeaders, options: FetchOptions): Promise<FetchResult> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const visited = [address];
  let url = address;
  try {
    // undici is over a hundred files to load: a command that fetches nothing never loads it.
    const { fetch } = await import('undici');
    for (;;) {
      options.guard?.checkUrl(new URL(url));
      const response = await fetch(url, { headers: requestHeaders(conditional, options.userAgent), redirect: 'manual', signal, dispatcher: options.guard?.dispatcher });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        url = nextRedirect(response, url, visited, options.maxRedirects);
        continue;
      }
      if (response.status === 304) return { kind: 'not-modified' };
      if (!response.ok) {
        await response.body?.cancel();
        throw new FeedFetchError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, retryAfterMs(response, options.now));
      }
      return {
        kind: 'body',
        body: await readLimitedBody(response, options.maxBodyBytes),
        contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        finalUrl: url,
      };
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    // The address guard refuses from inside the connection; fetch wraps that in a TypeError.
    if ((error as { cause?: unknown }).cause instanceof FeedFetchError) throw (error as { cause: FeedFetchError }).cause;
    if (signal.aborted) throw new FeedFetchError(`no complete answer within ${formatSeconds(options.timeoutMs)}`);
    throw new FeedFetchError(`cannot fetch: ${describeNetworkError(error)}`);
  }
}

function requestHeaders(conditional: ConditionalHeaders, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (conditional.etag) headers['if-none-match'] = conditional.etag;
  if (conditional.lastModified) headers['if-modified-since'] = conditional.lastModified;
  return headers;
}

function nextRedirect(response: Response, from: string, visited: string[], maxRedirects: number): string {
  const location = response.headers.get('location');
  if (!location) throw new FeedFetchError(`HTTP ${response.status} redirect without a Location header`);
  const target = new URL(location, from).href;
  if (!/^https?:/.test(target)) throw new FeedFetchError(`redirected to an unsupported address: ${target}`);
  if (visited.includes(target)) throw new FeedFetchError(`redirect loop: ${[...visited, target].join(' → ')}`);
  visited.push(target);
  if (visited.length - 1 > maxRedirects) throw new FeedFetchError(`more than ${maxRedirects} redirects (last: ${target})`);
  return target;
}

async function readLimitedBody(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes);
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    // Kept as they come: Buffer.concat copies them once, and a 40 MB body copied twice holds up commands.
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(maxBytes: number): FeedFetchError {
  return new FeedFetchError(`the feed is larger than the ${formatBytes(maxBytes)} limit; not read`);
}

/** Retry-After as a delay: delta-seconds or an HTTP date. */
function retryAfterMs(response: Response, now: number): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const value = response.headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function formatSeconds(ms: number): string {
  return `${+(ms / 1000).toFixed(1)} s`;
}
