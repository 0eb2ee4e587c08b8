// What the core needs from a chat platform to deliver digests and alerts. Commands travel the other
// way: an adapter turns a platform request into Sitroom.ask(line, user, {channel, isAdmin}).
import type { Reply } from './reply.js';

export type ChatPlatform = 'console' | 'slack' | 'discord';

export interface ChatAdapter {
  /** The prefix of the channel ids it serves: a subscription to "slack:C123" is posted by the Slack adapter. */
  readonly platform: ChatPlatform;
  /**
   * Posts a digest or an alert to a channel (its id without the platform prefix). Waits out the
   * platform's rate limits itself; throws ChatDeliveryError when the platform refuses the post.
   */
  post(channelId: string, message: Reply): Promise<void>;
  /** Whether it is connected to its platform now, for /healthz; adapters that cannot tell leave it out. */
  connected?(): boolean;
  stop(): Promise<void>;
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
