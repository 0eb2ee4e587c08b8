// Builds a running sitroom from already-loaded parts (config, store, logger, clock), so tests can
// build one around a temp database and a fixed clock, and main.ts around the real ones.
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { KeywordMatcher } from './analysis/keyword-matcher.js';
import { dispatchCommand, parseCommandLine } from './chat/dispatch-command.js';
import type { Reply } from './chat/reply.js';
import type { ChatUser, SitroomServices } from './commands/command.js';
import type { SitroomConfig } from './config/schema.js';
import { pollDueFeeds, pollFeeds, type PollDependencies, type PollOutcome } from './feeds/poll-feeds.js';
import type { Store } from './store/open-store.js';

export const USER_AGENT = 'sitroom/0.1 (+crisis-monitoring feed reader)';

export interface SitroomParts {
  config: SitroomConfig;
  /** The config file's path: relative feed file paths are read from its folder. */
  configPath: string;
  store: Store;
  log: Logger;
  now: () => number;
}

export interface Sitroom {
  services: SitroomServices;
  pollDependencies: PollDependencies;
  pollDueFeeds(): Promise<PollOutcome[]>;
  /** Polls every scheduled, unpaused feed now, due or not. */
  pollScheduledFeeds(): Promise<PollOutcome[]>;
  /** Polls the given addresses now, registering them as unscheduled feeds if they are new. */
  pollAddresses(addresses: string[]): Promise<PollOutcome[]>;
  ask(line: string, user: ChatUser, options?: { channel?: string; isAdmin?: boolean }): Promise<Reply>;
  isAdmin(userId: string): boolean;
}

export function createSitroom(parts: SitroomParts): Sitroom {
  const { config, store, log, now } = parts;
  store.feeds.syncScheduled(
    config.feeds.map((feed) => ({ url: feed.url, name: feed.name, intervalSeconds: feed.interval ?? config.polling.defaultInterval, paused: feed.paused })),
  );
  const keywordMatcher = new KeywordMatcher(config.keywords);
  const services: SitroomServices = { store, config: () => config, keywordMatcher: () => keywordMatcher, log, now, startedAt: now() };
  const pollDependencies: PollDependencies = {
    store,
    keywordMatcher: services.keywordMatcher,
    fetchOptions: {
      timeoutMs: config.polling.timeout * 1000,
      maxBodyBytes: config.polling.maxBodyBytes,
      maxRedirects: config.polling.maxRedirects,
      userAgent: USER_AGENT,
      baseDir: dirname(parts.configPath),
    },
    concurrency: config.polling.concurrency,
    maxBackoffSeconds: config.polling.maxBackoff,
    log,
    now,
  };
  const isAdmin = (userId: string): boolean => config.admins.users.includes(userId);

  return {
    services,
    pollDependencies,
    pollDueFeeds: () => pollDueFeeds(pollDependencies),
    pollScheduledFeeds: () => pollFeeds(store.feeds.listScheduled().filter((feed) => !feed.paused), pollDependencies),
    pollAddresses: (addresses) =>
      pollFeeds(addresses.map((address) => store.feeds.ensureUnscheduled(address, address, config.polling.defaultInterval)), pollDependencies),
    ask: (line, user, options = {}) => {
      const { command, rawArgs } = parseCommandLine(line);
      return dispatchCommand({ command, rawArgs, user, channel: options.channel ?? 'console:local', isAdmin: options.isAdmin ?? isAdmin(user.id) }, services);
    },
    isAdmin,
  };
}
