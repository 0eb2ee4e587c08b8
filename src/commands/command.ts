// What a command is: a small plain object whose description is its help text, and whose run()
// turns parsed arguments into a neutral Reply. Commands know nothing of Slack, Discord or the console.
import type { Logger } from 'pino';
import type { KeywordMatcher } from '../analysis/keyword-matcher.js';
import type { ChatProblems } from '../chat/chat-problems.js';
import type { Reply } from '../chat/reply.js';
import type { SitroomConfig } from '../config/schema.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { ParsedFeed } from '../feeds/parse-feed.js';
import type { SitroomMetrics } from '../observability/sitroom-metrics.js';
import type { SetupChange } from '../store/setup-store.js';
import type { Store } from '../store/open-store.js';

export interface ChatUser {
  /** Platform-qualified id: "slack:U123", "discord:123…", "console:local". */
  id: string;
  name: string;
}

/** What every command may use: the running sitroom, not any chat platform. */
export interface SitroomServices {
  store: Store;
  config: () => SitroomConfig;
  keywordMatcher: () => KeywordMatcher;
  knowledge: () => KnowledgeBase;
  /** The title of a knowledge source ("baseline:…" document or "item:N"), for citing it. */
  sourceTitle: (source: string) => string | undefined;
  log: Logger;
  now: () => number;
  /** When the process started, for /status. */
  startedAt: number;
  /** Errors the chat platforms gave (refused posts, revoked tokens), for /status. */
  chatProblems: ChatProblems;
  /** Counters and timings for /metrics. */
  metrics: SitroomMetrics;
  /**
   * Applies a change to keyword rules, feeds or subscriptions made from chat: checked against the
   * config schema (throws ConfigError naming the problem), stored with its author, in effect at once.
   */
  changeSetup(change: SetupChange, author: string): Promise<void>;
  /** Re-matches and re-assesses the items fetched in the last `days` days; returns how many. */
  rescore(days: number): number;
  /** Fetches and parses a feed given in chat (public addresses only), storing nothing. */
  tryFeed(address: string): Promise<ParsedFeed>;
}

export interface CommandContext {
  services: SitroomServices;
  /** Words after the command name; "quoted text" stays one argument. */
  args: string[];
  rawArgs: string;
  user: ChatUser;
  channel: string;
  isAdmin: boolean;
}

export interface Command {
  name: string;
  /** One line, shown by /help and registered with Slack and Discord. */
  description: string;
  usage: string;
  adminOnly?: boolean;
  run(context: CommandContext): Reply | Promise<Reply>;
}

/** An error the user can fix; its message is written for them and shown as the reply. */
export class UserError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Refuses a change to a non-admin, in the same words for every command. */
export function requireAdmin(context: Pick<CommandContext, 'isAdmin'>, change: string): void {
  if (!context.isAdmin) throw new UserError(`Only sitroom admins can ${change}; nothing was changed.`, 'Admins are listed under admins.users in the config.');
}
