// What the core needs from a chat platform to deliver digests and alerts. Commands travel the other
// way: an adapter turns a platform request into Sitroom.ask(line, user, {channel, isAdmin}).
import type { Reply } from './reply.js';

export type ChatPlatform = 'console' | 'slack' | 'discord';

export interface ChatAdapter {
  /** The prefix of the channel ids it serves: a subscription to "slack:C123" is posted by the Slack adapter. */
  readonly platform: ChatPlatform;
  /**
   * Posts a digest or an alert to a channel (its id without the platform prefix). Waits out the
   * platform's rate limits itself; throws ChatDeliveryError when the platform refuses the post. With a
   * delivery, posts it at most once as far as the platform allows: marks what it posts with the
   * delivery's key and, when an earlier attempt may have got through, leaves out what is already there.
   */
  post(channelId: string, message: Reply, delivery?: DeliveryAttempt): Promise<PostedMessage | void>;
  /** Whether it is connected to its platform now, for /healthz; adapters that cannot tell leave it out. */
  connected?(): boolean;
  stop(): Promise<void>;
}

export interface DeliveryAttempt {
  /** The delivery's unique key ("alert:slack:C1:412"). */
  key: string;
  /** When sitroom first called the platform for it. */
  startedAt: number;
  /** An earlier attempt was cut off (a crash, a lost answer): the platform may have the message already. */
  mayBePosted: boolean;
  /**
   * A follow-up: goes into the thread of the posted message `ref` (whose title names the thread where
   * a platform names threads); `broadcast` shows it in the channel too.
   */
  thread?: { ref: string; broadcast: boolean; title?: string };
}

/** A posted message as the platform names it (Slack ts, Discord message id), and a link to it when there is one. */
export interface PostedMessage {
  ref: string;
  url?: string;
}

/**
 * A post the platform refused. Permanent failures (channel gone, no access) are not retried; others
 * are, after retryAfterMs when the platform said how long to wait.
 */
export class ChatDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ChatDeliveryError';
  }
}
