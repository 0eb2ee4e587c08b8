// A Slack test session: the real Bolt app of the Slack adapter in HTTP mode on 127.0.0.1, its Web API
// pointed at the fake Slack API, and requests sent to it exactly as Slack sends them (form-encoded,
// signed with the signing secret, timestamped).
import { createHmac } from 'node:crypto';
import type { Sitroom } from '../../../src/app.js';
import { startSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../src/chat/slack/start-slack-adapter.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SlackTestSession {
  adapter: SlackAdapter;
  fake: FakeSlackApi;
  /** Sends a slash command as Slack would; the response_url is the fake's, named by responseId. */
  sendCommand(command: string, text: string, options?: CommandOptions): Promise<SlackAnswer>;
  /** Sends an interaction payload (a button click) as Slack would. */
  sendInteraction(payload: Record<string, unknown>): Promise<SlackAnswer>;
  /** Sends an Events API callback (JSON) as Slack would. */
  sendEvent(event: Record<string, unknown>): Promise<{ status: number }>;
  stop(): Promise<void>;
}

export interface CommandOptions {
  userId?: string;
  userName?: string;
  channelId?: string;
  responseId?: string;
  /** Seconds since the epoch the request claims to be from; now by default. */
  timestamp?: number;
  signingSecret?: string;
}

export interface SlackAnswer {
  status: number;
  /** The ack's JSON body, or undefined for an empty ack. */
  json?: { response_type?: string; text?: string; blocks?: { type: string; text?: { text: string }; elements?: { text?: string | { text: string }; value?: string }[]; fields?: { text: string }[] }[] };
  responseId: string;
}

let nextResponseId = 1;

/** A click on a button of a message, as Slack sends it (the payload for sendInteraction). */
export function buttonClick(button: { actionId: string; blockId: string; label: string; value: string }, user: { id: string; name: string }, channel: { id: string; name: string }, onPrivateAnswer: boolean): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name, name: user.name, team_id: 'T0TEST' },
    api_app_id: 'A0SITROOM',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: channel.id, is_ephemeral: onPrivateAnswer },
    trigger_id: '1.2.3',
    team: { id: 'T0TEST', domain: 'sitroom-test' },
    channel,
    actions: [{ type: 'button', action_id: button.actionId, block_id: button.blockId, text: { type: 'plain_text', text: button.label }, value: button.value, action_ts: '1700000001.000200' }],
  };
}

/** A click on "Share in channel" under a private answer. */
export function shareClick(shareKey: string, user: { id: string; name: string }, channel: { id: string; name: string }): Record<string, unknown> {
  return buttonClick({ actionId: 'sitroom_share', blockId: 'share', label: 'Share in channel', value: shareKey }, user, channel, true);
}

export async function startSlackTestSession(sitroom: Pick<Sitroom, 'ask' | 'isAdmin' | 'services'>, options: Partial<SlackAdapterOptions> = {}): Promise<SlackTestSession> {
  const fake = await startFakeSlackApi();
  const adapter = await startSlackAdapter(sitroom, {
    botToken: fake.botToken,
    signingSecret: SIGNING_SECRET,
    port: 0,
    host: '127.0.0.1',
    apiUrl: fake.apiUrl,
    // Two quick retries: enough to see a 429 retried, without the default's half hour of patience.
    retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
    ...options,
  });
  const send = async (request: RequestInit): Promise<{ status: number; json?: SlackAnswer['json'] }> => {
    const response = await fetch(`http://127.0.0.1:${adapter.port}/slack/events`, request);
    const text = await response.text();
    return { status: response.status, json: text.startsWith('{') ? (JSON.parse(text) as SlackAnswer['json']) : undefined };
  };
  return {
    adapter,
    fake,
    async sendCommand(command, text, commandOptions = {}) {
      const responseId = commandOptions.responseId ?? `command-${nextResponseId++}`;
      const fields = { command, text, response_url: fake.responseUrl(responseId), channel_id: commandOptions.channelId, user_id: commandOptions.userId, user_name: commandOptions.userName };
      return { ...(await send(signedCommandRequest(commandOptions.signingSecret ?? SIGNING_SECRET, fields, commandOptions.timestamp))), responseId };
    },
    async sendInteraction(payload) {
      const responseId = `action-${nextResponseId++}`;
      const body = new URLSearchParams({ payload: JSON.stringify({ ...payload, response_url: fake.responseUrl(responseId) }) }).toString();
      return { ...(await send(signedRequest(SIGNING_SECRET, body, 'application/x-www-form-urlencoded'))), responseId };
    },
    async sendEvent(event) {
      const body = JSON.stringify({ token: 'legacy-verification-token', team_id: 'T0TEST', api_app_id: 'A0SITROOM', type: 'event_callback', event_id: `Ev${nextResponseId++}`, event_time: Math.floor(Date.now() / 1000), event });
      return send(signedRequest(SIGNING_SECRET, body, 'application/json'));
    },
    async stop() {
      await adapter.stop();
      await fake.close();
    },
  };
}

/** A slash command request as Slack sends it; fields not given are those of a reader in #general. */
export function signedCommandRequest(signingSecret: string, fields: { command: string; text: string; response_url: string; channel_id?: string; user_id?: string; user_name?: string; team_id?: string }, timestamp?: number): RequestInit {
  const body = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: fields.team_id ?? 'T0TEST',
    team_domain: 'sitroom-test',
    channel_id: fields.channel_id ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: fields.user_id ?? 'U0READER',
    user_name: fields.user_name ?? 'reader',
    command: fields.command,
    text: fields.text,
    api_app_id: 'A0SITROOM',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: '1.2.3',
  }).toString();
  return signedRequest(signingSecret, body, 'application/x-www-form-urlencoded', timestamp);
}

/** Signed as Slack signs: v0 HMAC-SHA256 of "v0:timestamp:body". Exactly this content type: Bolt refuses "; charset=utf-8". */
export function signedRequest(signingSecret: string, body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000)): RequestInit {
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { method: 'POST', headers: { 'Content-Type': contentType, 'X-Slack-Request-Timestamp': String(timestamp), 'X-Slack-Signature': signature }, body };
}

/** Everything a person reads in a message's blocks, one block a line. */
export function visibleText(message: SlackAnswer['json'] | Record<string, unknown> | undefined): string {
  const blocks = ((message as { blocks?: unknown[] } | undefined)?.blocks ?? []) as NonNullable<NonNullable<SlackAnswer['json']>['blocks']>;
  return blocks
    .map((block) => [block.text?.text, ...(block.fields ?? []).map((field) => field.text), ...(block.elements ?? []).map((element) => (typeof element.text === 'string' ? element.text : element.text?.text))].filter(Boolean).join('\n'))
    .join('\n');
}
