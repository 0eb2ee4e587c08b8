// Posts digests and alerts with chat.postMessage at most once each, and their charts as images. The Web API client's own retries
// are off for it: a retry after a lost answer (a connection reset once Slack had the message) would
// post it twice. Each message carries its delivery's key in its metadata, so an attempt after one
// that was cut off reads the channel's recent history and posts only the parts not there yet.
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { DeliveryAttempt, PostedMessage } from '../chat-adapter.js';
import type { Reply } from '../reply.js';
import { renderChartPng } from '../render-chart-png.js';
import { describeChart } from '../sparkline.js';
import { renderSlackMessages } from './render-block-kit.js';
import { toChatDeliveryError } from './slack-api-errors.js';

export const DELIVERY_EVENT_TYPE = 'sitroom_delivery';

/** Clocks differ; the history read starts this long before sitroom's own record of the first attempt. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const HISTORY_PAGE = 200;
const MOST_HISTORY_PAGES = 10;
/** A 429 means Slack did not take the message: waiting it out and posting again is safe. */
const MOST_RATE_LIMITED_TRIES = 5;

export interface SlackDeliveryOptions {
  /** The workspace a channel key is in (slack-workspaces.ts), with a client holding its token. */
  workspaceOf: (channelKey: string) => Promise<SlackWorkspace>;
  log: Logger;
}

export interface SlackWorkspace {
  /** A client holding the workspace's bot token, made by createDeliveryClient. */
  client: webApi.WebClient;
  /** The channel's id as Slack knows it in the workspace. */
  channel: string;
  /** The workspace's address (auth.test's url, "https://team.slack.com/"), for links to posted messages. */
  url?: string;
}

export type PostSlackDelivery = (channelKey: string, message: Reply, delivery?: DeliveryAttempt) => Promise<PostedMessage | undefined>;

export function createDeliveryClient(botToken: string, apiUrl: string | undefined, logger: webApi.Logger): webApi.WebClient {
  return new webApi.WebClient(botToken, { slackApiUrl: apiUrl, logger, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}

export function createSlackDeliveryPoster(options: SlackDeliveryOptions): PostSlackDelivery {
  /** The parts of the delivery already in the channel (or its thread), with their ts. */
  const alreadyPosted = async ({ client, channel }: SlackWorkspace, delivery: DeliveryAttempt): Promise<Map<number, string>> => {
    const parts = new Map<number, string>();
    let cursor: string | undefined;
    for (let page = 0; page < MOST_HISTORY_PAGES; page++) {
      const oldest = String(Math.floor((delivery.startedAt - CLOCK_SKEW_MS) / 1000));
      // A thread's replies are not in the channel's history.
      const history = await withRateLimitWaits(() =>
        delivery.thread
          ? client.conversations.replies({ channel, ts: delivery.thread.ref, oldest, include_all_metadata: true, limit: HISTORY_PAGE, cursor })
          : client.conversations.history({ channel, oldest, include_all_metadata: true, limit: HISTORY_PAGE, cursor }),
      );
      for (const message of history.messages ?? []) {
        // The client types event_payload as {}: it is whatever the poster put there, here our own marker.
        const payload = message.metadata?.event_type === DELIVERY_EVENT_TYPE ? (message.metadata.event_payload as { key?: unknown; part?: unknown } | undefined) : undefined;
        if (payload?.key === delivery.key && typeof payload.part === 'number' && message.ts) parts.set(payload.part, message.ts);
      }
      cursor = history.response_metadata?.next_cursor;
      if (!history.has_more || !cursor) break;
    }
    return parts;
  };

  return async (channelKey, message, delivery) => {
    const workspace = await options.workspaceOf(channelKey);
    const { client, channel } = workspace;
    let posted = new Map<number, string>();
    if (delivery?.mayBePosted) {
      try {
        posted = await alreadyPosted(workspace, delivery);
      } catch (error) {
        // Unable to look (no channels:history scope, say): a message twice is better than none.
        options.log.warn({ platform: 'slack', channel, key: delivery.key, error: toChatDeliveryError(error).message }, 'could not check the channel for an earlier attempt; posting again');
      }
    }
    const thread = delivery?.thread;
    const parts = renderSlackMessages(message);
    const lastPartPostedNow = !posted.has(parts.length - 1);
    for (const [part, rendered] of parts.entries()) {
      if (posted.has(part)) continue;
      const metadata = delivery && { event_type: DELIVERY_EVENT_TYPE, event_payload: { key: delivery.key, part } };
      // A follow-up that raises the story's severity is shown in the channel too (its first part).
      const threading = thread ? { thread_ts: thread.ref, ...(thread.broadcast && part === 0 ? { reply_broadcast: true } : {}) } : {};
      const answer = await withRateLimitWaits(() => client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks, unfurl_links: false, unfurl_media: false, metadata, ...threading }));
      if (answer.ts) posted.set(part, answer.ts);
    }
    // Charts follow the message as images. Only after a last part posted now: an attempt that found the
    // whole message already there may have uploaded them too, and a chart missing is better than twice.
    if (lastPartPostedNow) await uploadCharts(client, channel, message, thread?.ref);
    const first = posted.get(0);
    if (!first) return undefined;
    // The archive form of a permalink: the story's thread is opened from its first message.
    const linked = thread?.ref ?? first;
    return { ref: first, url: workspace.url ? `${workspace.url.replace(/\/?$/, '/')}archives/${channel}/p${linked.replace('.', '')}` : undefined };
  };
}

/** Each chart as a PNG file shared in the channel (or the thread the message went to): files.uploadV2 needs only files:write. */
export async function uploadCharts(client: webApi.WebClient, channel: string, message: Reply, threadTs: string | undefined): Promise<void> {
  for (const section of message.sections) {
    if (section.kind !== 'chart') continue;
    const png = await renderChartPng(section.title, section.points);
    const file = { file: png, filename: 'chart.png', title: section.title, alt_text: describeChart(section.title, section.points) };
    await withRateLimitWaits(() => client.filesUploadV2(threadTs ? { ...file, channel_id: channel, thread_ts: threadTs } : { ...file, channel_id: channel }));
  }
}

async function withRateLimitWaits<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retryAfter = (error as { code?: string; retryAfter?: number }).code === webApi.ErrorCode.RateLimitedError ? (error as { retryAfter: number }).retryAfter : undefined;
      if (retryAfter === undefined || attempt >= MOST_RATE_LIMITED_TRIES) throw toChatDeliveryError(error);
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    }
  }
}
