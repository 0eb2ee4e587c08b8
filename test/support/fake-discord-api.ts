// A fake Discord on 127.0.0.1 for driving real discord.js in tests: the REST routes the bot uses and
// a gateway speaking the real JSON protocol (HELLO, IDENTIFY/READY, GUILD_CREATE, heartbeats, RESUME).
// It records what the bot sent, can answer with errors or 429s, refuses messages over Discord's limits,
// honours enforce_nonce as Discord does, and can cut a request off (never answered, or reset).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkDiscordMessageLimits } from './fake-discord-limits.js';
import { botMessage, FAKE_APPLICATION_ID, FAKE_BOT_USER_ID, FAKE_CHANNEL_ID, FAKE_GUILD_ID, fakeGuild } from './fake-discord-payloads.js';

export interface RecordedRequest {
  method: string;
  /** Without the /api/v10 prefix: "/interactions/1/tok/callback". */
  path: string;
  query: URLSearchParams;
  /** The JSON body, or the payload_json of a multipart body. */
  body: any; // any: tests read Discord payloads of many shapes, field by field
  files: { name: string; bytes: Buffer }[];
}

export interface InjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** As the fake Slack's: 'hold' never answers nor creates; the others create the message, then never answer or reset the connection. */
export type Interruption = 'hold' | 'accept-then-hold' | 'accept-then-reset';

/** How long Discord remembers a nonce for enforce_nonce ("the past few minutes"). */
const NONCE_WINDOW_MS = 5 * 60 * 1000;

export interface GatewayCommand {
  op: number;
  d: any; // any: as RecordedRequest.body
}

export interface FakeDiscord {
  /** For the client's rest.api option. */
  apiUrl: string;
  requests: RecordedRequest[];
  /** What the bot sent over the gateway, every connection in order. */
  gatewayCommands: GatewayCommand[];
  /** Messages refused for breaking a limit, with the reason. */
  limitViolations: string[];
  /** Answers the next matching request with this instead of the normal answer. */
  failNext(method: string, pathPattern: RegExp, response: InjectedResponse): void;
  /** The next matching request is cut off that way; resolves when it arrives. */
  interruptNext(method: string, pathPattern: RegExp, how: Interruption): Promise<void>;
  /** Messages created in a channel or thread (by posts to it), oldest first; a create answered from its nonce adds none. */
  messagesIn(channelId: string): { id: string; nonce?: string; embeds: unknown[]; components: unknown[] }[];
  /** The thread started on a message, if one was. */
  threadOn(messageId: string): { parentId: string; name: string } | undefined;
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  waitForGatewayCommand(op: number, count?: number, timeoutMs?: number): Promise<GatewayCommand>;
  /** Sends a dispatch (op 0) on the open gateway connection. */
  dispatch(type: string, data: unknown): void;
  /** Closes the gateway connection as a network failure would (no close frame). */
  dropGatewayConnection(): void;
  close(): Promise<void>;
}

export async function startFakeDiscord(options: { token: string }): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const gatewayCommands: GatewayCommand[] = [];
  const limitViolations: string[] = [];
  const injected: { method: string; pathPattern: RegExp; response: InjectedResponse }[] = [];
  const waiters = new Set<() => void>();
  const notify = (): void => waiters.forEach((wake) => wake());
  let sequence = 0;
  let openSocket: WebSocket | undefined;
  let messageIds = 1000;
  const interruptions: { method: string; pathPattern: RegExp; how: Interruption; arrived: () => void }[] = [];
  const channelMessages = new Map<string, { id: string; nonce?: string; embeds: unknown[]; body: Record<string, unknown> }[]>();
  const nonces = new Map<string, { at: number; answer: Record<string, unknown> }>();
  const threads = new Map<string, { parentId: string; name: string }>();

  const server = createServer((request, response) => {
    void readRequest(request).then((recorded) => {
      requests.push(recorded);
      notify();
      answer(recorded, request, response);
    });
  });
  const gateway = new WebSocketServer({ server });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const gatewayUrl = `ws://127.0.0.1:${port}`;

  function answer(recorded: RecordedRequest, request: IncomingMessage, response: ServerResponse): void {
    const cut = interruptions.findIndex((entry) => entry.method === recorded.method && entry.pathPattern.test(recorded.path));
    const interruption = cut >= 0 ? interruptions.splice(cut, 1)[0] : undefined;
    interruption?.arrived();
    if (interruption?.how === 'hold') return;
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
      if (interruption?.how === 'accept-then-reset') return void request.socket.destroy();
      if (interruption) return;
      // A 204 carries no body and no JSON content type, as Discord's does.
      if (status === 204 || body === undefined) response.writeHead(status, headers).end();
      else response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const injection = injected.findIndex((entry) => entry.method === recorded.method && entry.pathPattern.test(recorded.path));
    if (injection >= 0) {
      const fake = injected.splice(injection, 1)[0]!.response;
      return send(fake.status, fake.body, fake.headers);
    }
    const authorization = request.headers.authorization;
    if (authorization !== undefined && authorization !== `Bot ${options.token}`) return send(401, { message: '401: Unauthorized', code: 0 });

    const { method, path } = recorded;
    if (method === 'GET' && path === '/gateway/bot') {
      return send(200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } });
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return send(200, (recorded.body as object[]).map((command, index) => ({ id: `${FAKE_APPLICATION_ID.slice(0, -3)}${100 + index}`, application_id: FAKE_APPLICATION_ID, version: '1', ...command })));
    }
    const threadStart = method === 'POST' ? /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path) : null;
    if (threadStart) {
      const [, parentId, messageId] = threadStart as unknown as [string, string, string];
      if (!(channelMessages.get(parentId) ?? []).some((message) => message.id === messageId)) return send(404, { message: 'Unknown Message', code: 10008 });
      if (threads.has(messageId)) return send(400, { message: 'A thread has already been created for this message', code: 160004 });
      // A thread started on a message has the message's id.
      threads.set(messageId, { parentId, name: String(recorded.body?.name ?? '') });
      return send(201, { id: messageId, type: 11, parent_id: parentId, guild_id: FAKE_GUILD_ID, name: recorded.body?.name, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false } });
    }
    const postTo = method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(path)?.[1] : undefined;
    // A message's id is a channel only once a thread was started on it.
    if (postTo !== undefined && !threads.has(postTo) && [...channelMessages.values()].some((messages) => messages.some((message) => message.id === postTo))) {
      return send(404, { message: 'Unknown Channel', code: 10003 });
    }
    const isMessage =
      (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) ||
      (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) ||
      (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) ||
      (method === 'POST' && /^\/channels\/\d+\/messages$/.test(path));
    if (!isMessage) return send(404, { message: '404: Not Found', code: 0 });

    // Only a type 4 callback carries a message; a deferral (5) or autocomplete choices (8) do not.
    const message = path.endsWith('/callback') ? (recorded.body?.type === 4 ? recorded.body.data : undefined) : recorded.body;
    const problems = message ? checkDiscordMessageLimits(message) : [];
    if (problems.length > 0) {
      limitViolations.push(...problems);
      return send(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
    }
    if (path.endsWith('/callback')) return send(204);
    const channelId = /^\/channels\/(\d+)/.exec(path)?.[1] ?? FAKE_CHANNEL_ID;
    const nonceKey = method === 'POST' && message?.enforce_nonce === true && message.nonce !== undefined ? `${channelId}:${String(message.nonce)}` : undefined;
    const earlier = nonceKey === undefined ? undefined : nonces.get(nonceKey);
    // Discord answers a repeated nonce with the message it made the first time, and makes no other.
    if (earlier && Date.now() - earlier.at < NONCE_WINDOW_MS) return send(200, earlier.answer);
    const created = {
      ...botMessage({ id: String(BigInt(FAKE_CHANNEL_ID) + BigInt(messageIds++)), channelId, content: message?.content ?? '', embeds: message?.embeds ?? [], flags: message?.flags ?? 0, timestamp: new Date().toISOString() }),
      application_id: FAKE_APPLICATION_ID,
      webhook_id: path.startsWith('/webhooks') ? FAKE_APPLICATION_ID : undefined,
      ...(message?.nonce === undefined ? {} : { nonce: message.nonce }),
    };
    if (path.startsWith('/channels/')) {
      channelMessages.set(channelId, [...(channelMessages.get(channelId) ?? []), { id: created.id, nonce: message?.nonce, embeds: message?.embeds ?? [], body: message }]);
      if (nonceKey !== undefined) nonces.set(nonceKey, { at: Date.now(), answer: created });
    }
    return send(200, created);
  }

  gateway.on('connection', (socket) => {
    openSocket = socket;
    const send = (payload: object): void => socket.send(JSON.stringify(payload));
    send({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    socket.on('message', (raw) => {
      const command = JSON.parse(String(raw)) as GatewayCommand;
      gatewayCommands.push(command);
      notify();
      if (command.op === 1) send({ op: 11, d: null, s: null, t: null });
      if (command.op === 2) {
        dispatchOn(socket, 'READY', {
          v: 10,
          user: { id: FAKE_BOT_USER_ID, username: 'sitroom', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
          guilds: [{ id: FAKE_GUILD_ID, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: gatewayUrl,
          shard: [0, 1],
          application: { id: FAKE_APPLICATION_ID, flags: 0 },
        });
        dispatchOn(socket, 'GUILD_CREATE', fakeGuild());
      }
      if (command.op === 6) dispatchOn(socket, 'RESUMED', {});
    });
  });

  function dispatchOn(socket: WebSocket, type: string, data: unknown): void {
    socket.send(JSON.stringify({ op: 0, t: type, s: ++sequence, d: data }));
  }

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    requests,
    gatewayCommands,
    limitViolations,
    failNext: (method, pathPattern, response) => void injected.push({ method, pathPattern, response }),
    interruptNext: (method, pathPattern, how) => new Promise<void>((arrived) => void interruptions.push({ method, pathPattern, how, arrived })),
    messagesIn: (channelId) => (channelMessages.get(channelId) ?? []).map(({ id, nonce, embeds, body }) => ({ id, nonce, embeds, components: (body?.components as unknown[] | undefined) ?? [] })),
    threadOn: (messageId) => threads.get(messageId),
    waitForRequest: (predicate, timeoutMs = 4000) => waitFor(() => requests.find(predicate), timeoutMs, 'request'),
    waitForGatewayCommand: (op, count = 1, timeoutMs = 4000) => waitFor(() => gatewayCommands.filter((command) => command.op === op)[count - 1], timeoutMs, `gateway op ${op}`),
    dispatch: (type, data) => {
      if (!openSocket || openSocket.readyState !== openSocket.OPEN) throw new Error('no open gateway connection');
      dispatchOn(openSocket, type, data);
    },
    dropGatewayConnection: () => openSocket?.terminate(),
    close: async () => {
      for (const socket of gateway.clients) socket.terminate();
      gateway.close();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };

  function waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find();
        if (found === undefined) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`fake Discord: no matching ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }
}

async function readRequest(request: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const recorded: RecordedRequest = { method: request.method ?? 'GET', path: decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, ''), query: url.searchParams, body: undefined, files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    for (const [field, value] of form) {
      if (field === 'payload_json') recorded.body = JSON.parse(String(value));
      else if (typeof value !== 'string') recorded.files.push({ name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
    }
  } else if (raw.length > 0) {
    recorded.body = JSON.parse(raw.toString('utf8'));
  }
  return recorded;
}
