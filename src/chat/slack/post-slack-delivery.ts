// Posts digests and alerts with chat.postMessage at most once each. The Web API client's own retries
// are off for it: a retry after a lost answer (a connection reset once Slack had the message) would
// post it twice. Each message carries its delivery's key in its metadata, so an attempt after one
// that was cut off reads the channel's recent history and posts only the parts not there yet.
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { DeliveryAttempt } from '../chat-adapter.js';
import type { Reply } from '../reply.js';
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
  botToken: string;
  apiUrl?: string;
  logger: webApi.Logger;
  log: Logger;
}

export type PostSlackDelivery = (channelId: string, message: Reply, delivery?: DeliveryAttempt) => Promise<void>;

export function createSlackDeliveryPoster(options: SlackDeliveryOptions): PostSlackDelivery {
  const client = new webApi.WebClient(options.botToken, { slackApiUrl: options.apiUrl, logger: options.logger, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const alreadyPosted = async (channel: string, delivery: DeliveryAttempt): Promise<Set<number>> => {
    const parts = new Set<number>();
    let cursor: string | undefined;
    for (let page = 0; page < MOST_HISTORY_PAGES; page++) {
      const history = await withRateLimitWaits(() =>
        client.conversations.history({ channel, oldest: String(Math.floor((delivery.startedAt - CLOCK_SKEW_MS) / 1000)), include_all_metadata: true, limit: HISTORY_PAGE, cursor }),
      );
      for (const message of history.messages ?? []) {
        // The client types event_payload as {}: it is whatever the poster put there, here our own marker.
        const payload = message.metadata?.event_type === DELIVERY_EVENT_TYPE ? (message.metadata.event_payload as { key?: unknown; part?: unknown } | undefined) : undefined;
        if (payload?.key === delivery.key && typeof payload.part === 'number') parts.add(payload.part);
      }
      cursor = history.response_metadata?.next_cursor;
      if (!history.has_more || !cursor) break;
    }
    return parts;
  };

  return async (channel, message, delivery) => {
    let posted = new Set<number>();
    if (delivery?.mayBePosted) {
      try {
        posted = await alreadyPosted(channel, delivery);
      } catch (error) {
        // Unable to look (no channels:history scope, say): a message twice is better than none.
        options.log.warn({ platform: 'slack', channel, key: delivery.key, error: toChatDeliveryError(error).message }, 'could not check the channel for an earlier attempt; posting again');
      }
    }
    for (const [part, rendered] of renderSlackMessages(message).entries()) {
      if (posted.has(part)) continue;
      const metadata = delivery && { event_type: DELIVERY_EVENT_TYPE, event_payload: { key: delivery.key, part } };
      await withRateLimitWaits(() => client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks, unfurl_links: false, unfurl_media: false, metadata }));
    }
  };
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
