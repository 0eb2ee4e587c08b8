// A fake Slack Web API and response_url endpoint on 127.0.0.1, for driving the real Bolt app in
// tests. It records every call, answers the way Slack does (including its message limits), and can
// be told to fail a method once with a Slack error or a 429 with Retry-After, or to cut a call off
// (never answered, or reset after accepting). Accepted posts are kept per channel for conversations.history.
// Files go the way files.uploadV2 sends them: an upload URL, the bytes to it, then completion with the channel.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** "chat.postMessage", "response_url" for posts to a command's response_url, "upload" for a file's bytes sent to its upload URL. */
  method: string;
  /** The form or JSON body, with `blocks` parsed. */
  body: Record<string, unknown>;
  /** For response_url posts: which command's url. */
  responseId?: string;
  token?: string;
  /** Set when the fake refused the call, to the error Slack would have given. */
  refusedWith?: string;
}

export interface SlackUserRecord {
  id: string;
  name: string;
  is_admin?: boolean;
  is_owner?: boolean;
}

/** A message Slack accepted into a channel, as conversations.history gives it back. */
export interface ChannelMessage {
  ts: string;
  text: string;
  /** A reply in a thread: the ts of the thread's first message. */
  thread_ts?: string;
  /** A thread reply also shown in the channel. */
  reply_broadcast?: boolean;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Files shared with the message (files.completeUploadExternal). */
  files?: { id: string; title: string }[];
}

/** A file uploaded through files.getUploadURLExternal and the upload URL, and where it was shared. */
export interface UploadedFile {
  id: string;
  filename: string;
  bytes: Buffer;
  /** Set once files.completeUploadExternal shared it. */
  channel?: string;
  thread_ts?: string;
  title?: string;
  alt_text?: string;
}

/**
 * 'hold': the request arrives and is never answered, nor the message accepted (a crash mid-call).
 * 'accept-then-hold': the message is accepted, and the answer never comes (a crash after Slack took it).
 * 'accept-then-reset': the message is accepted, then the connection is reset before the answer.
 */
export type Interruption = 'hold' | 'accept-then-hold' | 'accept-then-reset';

type Injected = { kind: 'error'; error: string } | { kind: 'ratelimit'; retryAfterSeconds: number } | { kind: 'interrupt'; how: Interruption; arrived: () => void };

export interface FakeSlackApi {
  /** For clientOptions.slackApiUrl. */
  apiUrl: string;
  botToken: string;
  calls: RecordedCall[];
  /** A response_url for a command; posts to it are recorded with this id. */
  responseUrl(id: string): string;
  addUser(user: SlackUserRecord): void;
  /** A workspace that can install the app by OAuth: oauth.v2.access exchanges `code` for its bot token, which the fake then accepts. */
  addWorkspace(workspace: SlackWorkspaceRecord): void;
  /** The next call to the method answers with this Slack error (ok: false). */
  failNext(method: string, error: string): void;
  /** Every post to the channel answers with this Slack error from now on (a deleted channel, one the bot left). */
  refuseChannel(channel: string, error: string): void;
  /** The next call to the method answers 429 with Retry-After. */
  rateLimitNext(method: string, retryAfterSeconds: number): void;
  /** The next call to the method is cut off that way; resolves when that call arrives. */
  interruptNext(method: string, how: Interruption): Promise<void>;
  /** What the channel holds (accepted posts), oldest first. */
  messagesIn(channel: string): ChannelMessage[];
  /** Every file uploaded, shared or not, oldest first. */
  uploads: UploadedFile[];
  callsTo(method: string): RecordedCall[];
  /** Resolves once `count` calls to the method were recorded, or rejects after timeoutMs. */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

/** Slack's documented limits, restated here so the fake checks the renderer rather than agreeing with it. */
const MAX_BLOCKS = 50;
const MAX_SECTION_TEXT = 3000;
const MAX_HEADER_TEXT = 150;
const MAX_FIELDS = 10;
const MAX_FIELD_TEXT = 2000;
const MAX_CONTEXT_ELEMENTS = 10;
const MAX_BLOCKS_JSON = 13_000;
const MAX_TEXT = 40_000;
const RESPONSES_PER_URL = 5;

/** A workspace the app is installed in by OAuth, as oauth.v2.access and auth.test describe it. */
export interface SlackWorkspaceRecord {
  teamId: string;
  teamName: string;
  /** The code Slack would hand the browser on the redirect after the user allowed the installation. */
  code: string;
  botToken: string;
  botUserId: string;
}

export interface FakeSlackApiOptions {
  botToken?: string;
  /** The app's OAuth client: oauth.v2.access refuses other credentials. */
  oauthClient?: { id: string; secret: string };
  /** Socket Mode: apps.connections.open, called with this app token, hands out this WebSocket URL. */
  socketMode?: { appToken: string; url: string };
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const botToken = options.botToken ?? 'xoxb-test-token';
  const calls: RecordedCall[] = [];
  const users = new Map<string, SlackUserRecord>();
  const workspaces: SlackWorkspaceRecord[] = [];
  const injected = new Map<string, Injected[]>();
  const refusedChannels = new Map<string, string>();
  const channels = new Map<string, ChannelMessage[]>();
  const uploads: UploadedFile[] = [];
  let lastTs = 0;
  const waiters = new Set<() => void>();

  const record = (call: RecordedCall): void => {
    calls.push(call);
    for (const wake of waiters) wake();
  };

  const server: Server = createServer((request, response) => {
    void readBody(request).then((bytes) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/upload/')) return void receiveUpload(url.pathname.slice('/upload/'.length), bytes, request.headers['content-type'], response);
      const raw = bytes.toString('utf8');
      if (url.pathname.startsWith('/response/')) return answerResponseUrl(url.pathname.slice('/response/'.length), raw, response);
      if (url.pathname.startsWith('/api/')) return answerApi(url.pathname.slice('/api/'.length), raw, request, response);
      response.writeHead(404).end();
    });
  });

  const answerApi = (method: string, raw: string, request: IncomingMessage, response: ServerResponse): void => {
    const body = parseBody(raw, request.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? (body.token as string | undefined);
    const call: RecordedCall = { method, body, token };
    const next = injected.get(method)?.shift();
    if (next?.kind === 'ratelimit') {
      record({ ...call, refusedWith: 'ratelimited' });
      response.writeHead(429, { 'Retry-After': String(next.retryAfterSeconds), 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (next?.kind === 'interrupt') {
      record({ ...call, refusedWith: next.how });
      const answer = next.how === 'hold' ? undefined : answerFor(method, body);
      next.arrived();
      if (next.how === 'accept-then-reset') request.socket.destroy();
      return void answer;
    }
    const error = next?.error ?? tokenProblem(method, token, body) ?? refusedChannels.get(String(body.channel)) ?? messageProblem(method, body);
    record(error ? { ...call, refusedWith: error } : call);
    if (error) return sendJson(response, { ok: false, error });
    sendJson(response, { ok: true, ...answerFor(method, body, token) });
  };

  /** oauth.v2.access takes the client's credentials and a code; every other method a token it knows. */
  const tokenProblem = (method: string, token: string | undefined, body: Record<string, unknown>): string | undefined => {
    if (method === 'oauth.v2.access') {
      if (body.client_id !== options.oauthClient?.id || body.client_secret !== options.oauthClient?.secret) return 'invalid_client_id';
      return workspaces.some((workspace) => workspace.code === body.code) ? undefined : 'invalid_code';
    }
    if (method === 'apps.connections.open') return token === options.socketMode?.appToken ? undefined : 'invalid_auth';
    return token === botToken || workspaces.some((workspace) => workspace.botToken === token) ? undefined : 'invalid_auth';
  };

  /** Slack's ts is the time it took the message, in seconds with microseconds, unique in the channel. */
  const nextTs = (): string => {
    lastTs = Math.max(lastTs + 1, Date.now() * 1000);
    return (lastTs / 1e6).toFixed(6);
  };

  /** The file arrives at the URL files.getUploadURLExternal gave for it, raw or as the one file of a multipart form, as Slack's upload host takes it. */
  const receiveUpload = async (fileId: string, bytes: Buffer, contentType: string | undefined, response: ServerResponse): Promise<void> => {
    const upload = uploads.find((candidate) => candidate.id === fileId);
    let file = bytes;
    if (contentType?.startsWith('multipart/form-data')) {
      const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: bytes }).formData();
      const part = [...form.values()].find((value): value is File => typeof value !== 'string');
      file = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    }
    record({ method: 'upload', body: { file_id: fileId, length: file.length }, refusedWith: upload ? undefined : 'unknown_upload' });
    if (!upload) return void response.writeHead(404).end();
    upload.bytes = file;
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end(`OK - ${file.length}`);
  };

  const answerFor = (method: string, body: Record<string, unknown>, token?: string): Record<string, unknown> => {
    switch (method) {
      case 'files.getUploadURLExternal': {
        const id = `F0${String(uploads.length + 1).padStart(6, '0')}`;
        uploads.push({ id, filename: String(body.filename), bytes: Buffer.alloc(0), ...(body.alt_text ? { alt_text: String(body.alt_text) } : {}) });
        return { upload_url: `${base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const shared = JSON.parse(String(body.files)) as { id: string; title?: string }[];
        const files = shared.map(({ id, title }) => {
          const upload = uploads.find((candidate) => candidate.id === id)!;
          Object.assign(upload, { channel: String(body.channel_id), title: title ?? upload.filename, ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}) });
          return { id, title: upload.title! };
        });
        const messages = channels.get(String(body.channel_id)) ?? [];
        messages.push({ ts: nextTs(), text: String(body.initial_comment ?? ''), ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}), files });
        channels.set(String(body.channel_id), messages);
        return { files: files.map((file) => ({ id: file.id, title: file.title })) };
      }
      case 'apps.connections.open':
        return { url: options.socketMode?.url };
      case 'auth.test': {
        const workspace = workspaces.find((candidate) => candidate.botToken === token);
        if (!workspace) return { url: 'https://sitroom-test.slack.com/', team: 'Sitroom Test', user: 'sitroom', team_id: 'T0TEST', user_id: 'U0BOT', bot_id: 'B0BOT' };
        return { url: `https://${workspace.teamId.toLowerCase()}.slack.com/`, team: workspace.teamName, user: 'sitroom', team_id: workspace.teamId, user_id: workspace.botUserId, bot_id: `B${workspace.teamId}` };
      }
      case 'oauth.v2.access': {
        const workspace = workspaces.find((candidate) => candidate.code === body.code)!;
        return {
          app_id: 'A0SITROOM',
          authed_user: { id: 'U0INSTALLER' },
          scope: 'commands,chat:write',
          token_type: 'bot',
          access_token: workspace.botToken,
          bot_user_id: workspace.botUserId,
          team: { id: workspace.teamId, name: workspace.teamName },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      case 'users.info': {
        const user = users.get(String(body.user));
        return user ? { user: { is_admin: false, is_owner: false, ...user } } : { ok: false, error: 'user_not_found' };
      }
      case 'chat.postMessage': {
        const ts = nextTs();
        const metadata = typeof body.metadata === 'string' ? (JSON.parse(body.metadata) as ChannelMessage['metadata']) : (body.metadata as ChannelMessage['metadata']);
        const messages = channels.get(String(body.channel)) ?? [];
        const thread = body.thread_ts ? { thread_ts: String(body.thread_ts), ...(body.reply_broadcast === true || body.reply_broadcast === 'true' ? { reply_broadcast: true } : {}) } : {};
        messages.push({ ts, text: String(body.text ?? ''), ...thread, ...(metadata ? { metadata } : {}) });
        channels.set(String(body.channel), messages);
        return { channel: body.channel, ts, message: { text: body.text } };
      }
      case 'conversations.history':
      case 'conversations.replies': {
        // Newest first, from `oldest` on; metadata only when asked for, as Slack does. The history holds
        // no thread replies but those also sent to the channel; replies hold a thread's first message and its replies.
        const oldest = Number(body.oldest ?? 0);
        const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
        const inView = (message: ChannelMessage): boolean =>
          method === 'conversations.replies' ? message.ts === body.ts || message.thread_ts === body.ts : !message.thread_ts || message.reply_broadcast === true;
        const found = (channels.get(String(body.channel)) ?? []).filter((message) => Number(message.ts) > oldest && inView(message)).reverse();
        const limit = Number(body.limit ?? 100);
        const offset = Number(body.cursor || 0);
        const page = found.slice(offset, offset + limit).map((message) => (withMetadata ? message : { ts: message.ts, text: message.text }));
        const more = offset + limit < found.length;
        return { messages: page.map((message) => ({ type: 'message', ...message })), has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : '' } };
      }
      default:
        return {};
    }
  };

  const answerResponseUrl = (responseId: string, raw: string, response: ServerResponse): void => {
    const body = JSON.parse(raw) as Record<string, unknown>;
    const earlier = calls.filter((call) => call.method === 'response_url' && call.responseId === responseId && !call.refusedWith).length;
    const error = earlier >= RESPONSES_PER_URL ? 'used_url' : messageProblem('response_url', body);
    record({ method: 'response_url', body, responseId, refusedWith: error });
    if (error) return void response.writeHead(error === 'used_url' ? 404 : 400, { 'Content-Type': 'text/plain' }).end(error);
    response.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const callsTo = (method: string): RecordedCall[] => calls.filter((call) => call.method === method);
  return {
    apiUrl: `${base}/api/`,
    botToken,
    calls,
    responseUrl: (id) => `${base}/response/${id}`,
    addUser: (user) => void users.set(user.id, user),
    addWorkspace: (workspace) => void workspaces.push(workspace),
    failNext: (method, error) => void injected.set(method, [...(injected.get(method) ?? []), { kind: 'error', error }]),
    refuseChannel: (channel, error) => void refusedChannels.set(channel, error),
    rateLimitNext: (method, retryAfterSeconds) => void injected.set(method, [...(injected.get(method) ?? []), { kind: 'ratelimit', retryAfterSeconds }]),
    interruptNext: (method, how) => new Promise<void>((arrived) => void injected.set(method, [...(injected.get(method) ?? []), { kind: 'interrupt', how, arrived }])),
    messagesIn: (channel) => [...(channels.get(channel) ?? [])],
    uploads,
    callsTo,
    waitForCalls: (method, count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (callsTo(method).length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(callsTo(method));
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} call(s) to ${method} within ${timeoutMs} ms, got ${callsTo(method).length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        // Held requests keep their connections open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The error Slack gives for a message beyond its limits, if any. */
function messageProblem(method: string, body: Record<string, unknown>): string | undefined {
  if (!['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'response_url'].includes(method)) return undefined;
  if (typeof body.text === 'string' && body.text.length > MAX_TEXT) return 'msg_too_long';
  const blocks = body.blocks as Record<string, unknown>[] | undefined;
  if (!blocks) return body.text || body.delete_original ? undefined : 'no_text';
  if (blocks.length > MAX_BLOCKS) return 'invalid_blocks';
  if (JSON.stringify(blocks).length > MAX_BLOCKS_JSON) return 'msg_blocks_too_long';
  return blocks.some((block) => !blockWithinLimits(block)) ? 'invalid_blocks' : undefined;
}

function blockWithinLimits(block: Record<string, unknown>): boolean {
  const text = (block.text as { text?: string } | undefined)?.text ?? '';
  switch (block.type) {
    case 'header':
      return text.length > 0 && text.length <= MAX_HEADER_TEXT;
    case 'section': {
      const fields = (block.fields as { text: string }[] | undefined) ?? [];
      return (text.length > 0 || fields.length > 0) && text.length <= MAX_SECTION_TEXT && fields.length <= MAX_FIELDS && fields.every((field) => field.text.length <= MAX_FIELD_TEXT);
    }
    case 'context': {
      const elements = block.elements as { text: string }[];
      return elements.length > 0 && elements.length <= MAX_CONTEXT_ELEMENTS && elements.every((element) => element.text.length <= MAX_SECTION_TEXT);
    }
    default:
      return true;
  }
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = contentType?.includes('application/json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
  if (typeof body.blocks === 'string') body.blocks = JSON.parse(body.blocks);
  return body;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function sendJson(response: ServerResponse, body: Record<string, unknown>): void {
  response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
