// Builds a running sitroom from already-loaded parts (config, store, logger, clock), so tests can
// build one around a temp database and a fixed clock, and main.ts around the real ones.
import { dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import { NewItemAnalyzer } from './analysis/analyze-new-items.js';
import { baselineParagraphsOf } from './analysis/baseline-passages.js';
import { KeywordMatcher } from './analysis/keyword-matcher.js';
import { dispatchCommand, parseCommandLine } from './chat/dispatch-command.js';
import type { ChatAdapter, ChatPlatform } from './chat/chat-adapter.js';
import { ChatProblems } from './chat/chat-problems.js';
import type { Reply } from './chat/reply.js';
import { UserError, type ChatUser, type SitroomServices } from './commands/command.js';
import type { BaselineDocument } from './config/load-baseline.js';
import { applyOverlay } from './config/apply-overlay.js';
import { ConfigError } from './config/load-config.js';
import type { SitroomConfig } from './config/schema.js';
import { readingVocabularyOf } from './config/world-names.js';
import { DeliveryQueue, type DeliveryOutcome } from './digest/delivery-queue.js';
import { DAY_MS } from './digest/digest-time.js';
import { queueAlerts } from './digest/queue-alerts.js';
import { queueFeedHealthNotices } from './digest/queue-feed-health-notices.js';
import { runDueDigests } from './digest/run-due-digests.js';
import { baselineExtracts } from './knowledge/cached-baseline-extracts.js';
import { extractKnowledge } from './knowledge/extract-knowledge.js';
import type { KnowledgeBase } from './knowledge/knowledge-base.js';
import { ItemExtractorWithWorker } from './knowledge/item-extractor.js';
import { openKnowledgeBase } from './knowledge/open-knowledge-base.js';
import { baselineSourceDocument } from './knowledge/source-documents.js';
import { publicAddressesOnly, type FeedNetwork } from './feeds/address-guard.js';
import { pollDueFeeds, pollFeeds, type PollDependencies, type PollOutcome } from './feeds/poll-feeds.js';
import { tryFeed } from './feeds/try-feed.js';
import { pruneOldItems } from './scheduler/prune-old-items.js';
import { SitroomMetrics } from './observability/sitroom-metrics.js';
import type { FeedRecord } from './store/feed-store.js';
import type { Store } from './store/open-store.js';

export const USER_AGENT = 'sitroom/0.1 (+crisis-monitoring feed reader)';

export interface SitroomParts {
  config: SitroomConfig;
  /** The config file's path: relative feed file paths are read from its folder. */
  configPath: string;
  store: Store;
  /** What the team knew at the start (config/baseline/). */
  baselineDocuments: BaselineDocument[];
  log: Logger;
  now: () => number;
  /** How feeds added from chat reach the network: the system's DNS unless a test answers instead. */
  feedNetwork?: FeedNetwork;
  /**
   * 'polls' (the default): this process polls, assesses and posts. 'reads': it answers commands and
   * assesses nothing. 'reads-beside-poller': the same beside a running `sitroom run`, which owns the
   * setup in memory, so changes to it are refused here.
   */
  use?: 'polls' | 'reads' | 'reads-beside-poller';
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
  /** Rebuilds the knowledge base from new baseline documents and every stored item's extract, if the baseline changed. */
  reloadBaseline(documents: BaselineDocument[]): void;
  /** Reads the setup changed from chat again: another instance sharing the database changed it. */
  reloadSetup(): Promise<void>;
  /** Digests and alerts for the adapter's platform go through it from now on. */
  connectAdapter(adapter: ChatAdapter): void;
  disconnectAdapter(platform: ChatPlatform): void;
  /** Records the digests now owed and posts them; called every minute by the scheduler. */
  runDueDigests(): Promise<DeliveryOutcome>;
  /** Posts whatever digests and alerts are waiting (resolves when the queue is empty or waiting to retry). */
  deliverPending(): Promise<DeliveryOutcome>;
  /** Ends the thread it reads items in, if it started one; the store stays open. */
  close(): Promise<void>;
}

/** Items assessed per transaction: small enough that a command waits at most a few tenths of a second. */
const ASSESS_BATCH = 200;

export async function createSitroom(parts: SitroomParts): Promise<Sitroom> {
  const { store, log, now } = parts;
  const besidePoller = parts.use === 'reads-beside-poller';
  const metrics = new SitroomMetrics();
  let config = await setupInEffect(parts.config, store, log);
  let keywordMatcher = new KeywordMatcher(config.keywords);
  const syncFeeds = (): Promise<void> =>
    store.feeds.syncScheduled(
      config.feeds.map((feed) => ({ url: feed.url, name: feed.name, intervalSeconds: feed.interval ?? config.polling.defaultInterval, paused: feed.paused })),
    );
  // Beside a poller the feeds are already in place, and a write could wait on its long transactions.
  if (!besidePoller) await syncFeeds();
  // Feeds added from chat: the file's feeds and those polled from the command line are the operator's own.
  const fileFeedUrls = new Set(parts.config.feeds.map((feed) => feed.url));
  const addressGuard = { guard: publicAddressesOnly(config.polling.allowAddresses, parts.feedNetwork), appliesTo: (url: string) => !fileFeedUrls.has(url) && config.feeds.some((feed) => feed.url === url) };
  let baselineDocuments = parts.baselineDocuments;
  let baselineTitles = new Map<string, string>();
  let knowledge: KnowledgeBase;
  // The knowledge section the names and units are read with, for as long as this process runs.
  const readWith = config.knowledge;
  const vocabulary = readingVocabularyOf(readWith);
  // One for the process: a worker thread started for a large batch serves every analyzer after it.
  const extractor = new ItemExtractorWithWorker(readWith, vocabulary, log);
  const buildKnowledge = (documents: BaselineDocument[], rebuild = false): void => {
    const startedAt = performance.now();
    baselineDocuments = documents;
    baselineTitles = new Map(documents.map((document) => [document.id, document.title]));
    const baseline = baselineExtracts(store.knowledge, documents, readWith, (document) => extractKnowledge(baselineSourceDocument(document), vocabulary));
    knowledge = openKnowledgeBase({ tables: store.knowledge, baseline: baseline.extracts, extracts: store.extracts, log, rebuild, readOnly: besidePoller });
    if (!besidePoller) baseline.keep();
    log.info({ baselineDocuments: documents.length, ms: Math.round(performance.now() - startedAt) }, 'knowledge base ready');
  };
  buildKnowledge(baselineDocuments);

  const createAnalyzer = (): NewItemAnalyzer =>
    new NewItemAnalyzer({
      store,
      config: config.assessment,
      keywordRules: config.keywords,
      knowledge: () => knowledge,
      vocabulary,
      extractor,
      baselineParagraphs: baselineParagraphsOf(baselineDocuments),
      log,
      now,
    });
  // Made at the first assessment: it reads the recent window of the stream, which `sitroom ask` never needs.
  let analyzer: NewItemAnalyzer | undefined;
  /** Assesses the oldest batch of stored items not yet assessed, with the alerts they call for; says how many and whether any alert was queued. */
  const assessBatch = async (): Promise<{ assessed: number; queued: boolean }> => {
    let queued: string[] = [];
    const feedNames = new Map((await store.feeds.list()).map((feed) => [feed.id, feed.name]));
    const subscriptions = await store.subscriptions.list();
    const batch = (analyzer ??= createAnalyzer()).assessPending(ASSESS_BATCH, (assessed) => (queued = queueAlerts(assessed, { store, feedNames, subscriptions, minRelevance: config.assessment.relevantAt, now: now() })));
    metrics.itemsAssessed(batch);
    return { assessed: batch.length, queued: queued.length > 0 };
  };
  // Rounds are assessed one after another, each in batches with a turn of the event loop between
  // them: a round of thousands of items must not keep commands waiting.
  let assessing: Promise<boolean> = Promise.resolve(false);
  const assessAllPending = async (): Promise<boolean> => {
    let queuedAny = false;
    for (;;) {
      const batch = await assessBatch();
      queuedAny ||= batch.queued;
      if (batch.assessed < ASSESS_BATCH) return queuedAny;
      await nextTurn();
    }
  };
  /** Assesses what is stored and not yet assessed, then posts the alerts it called for. */
  const readNewItems = (): Promise<void> => {
    assessing = assessing.then(assessAllPending, assessAllPending);
    return assessing.then(
      (queued) => void (queued && deliverPending()),
      (error: unknown) => log.error({ err: error }, 'assessment failed; the items stay stored and are read again at the next start'),
    );
  };
  if ((parts.use ?? 'polls') === 'polls') {
    // Items stored before a crash, or before an upgrade, are read now rather than never, and alert as
    // they would have; before anything else, as nothing is answered yet.
    while ((await assessBatch()).assessed === ASSESS_BATCH);
    // Only one process polls and posts from a database (main.ts holds its lock): a claim left now is a dead process's.
    await store.deliveries.releaseClaims();
  }
  if (!besidePoller) await store.subscriptions.seedFromConfig(config.subscriptions, now());
  const refuseBesidePoller = (): void => {
    if (besidePoller) throw new UserError('sitroom run is using this database and holds the setup in memory: make this change from chat, or stop sitroom run first');
  };

  const itemTitle = (itemId: number): string | undefined => store.sqliteNow.items.byId(itemId)?.title ?? store.retention.prunedTitle(itemId);
  const services: SitroomServices = {
    store,
    config: () => config,
    keywordMatcher: () => keywordMatcher,
    knowledge: () => knowledge,
    sourceTitle: (source) => baselineTitles.get(source) ?? (source.startsWith('item:') ? itemTitle(Number(source.slice(5))) : undefined),
    log,
    now,
    startedAt: now(),
    chatProblems: new ChatProblems(metrics),
    metrics,
    async changeSetup(change, author) {
      refuseBesidePoller();
      const changed = applyOverlay(parts.config, [...(await store.setup.overlay()), { section: change.section, key: change.key, value: change.after ?? null }]);
      await store.setup.record(change, author, now());
      config = changed;
      keywordMatcher = new KeywordMatcher(config.keywords);
      // Signals and kinds of development may require keyword rules: the next assessment reads them with the rules now in effect.
      if (change.section === 'keywords') analyzer = undefined;
      await syncFeeds();
      log.info({ section: change.section, key: change.key, author }, `setup changed: ${change.summary}`);
    },
    rescore(days) {
      refuseBesidePoller();
      // One transaction: a crash part-way leaves the old matches and assessments, never items without any.
      const assessed = store.sqliteTransaction(() => {
        const items = store.sqliteNow.items.fetchedSince(now() - days * DAY_MS).map((item) => ({ ...item, keywords: keywordMatcher.match(`${item.title}\n${item.text}`) }));
        for (const item of items) store.sqliteNow.items.replaceKeywords(item.id, item.keywords);
        store.assessments.forget(items.map((item) => item.id));
        // What was learnt from those items is forgotten everywhere, then they are read again, oldest first.
        buildKnowledge(baselineDocuments, true);
        analyzer = createAnalyzer();
        return analyzer.assessItems(() => items);
      });
      log.info({ days, items: assessed.length }, 'items re-scored');
      return assessed.length;
    },
    // A feed of the config file is the operator's own, fetched as the poller fetches it (a local path included).
    tryFeed: (address) => tryFeed(address, { ...pollDependencies.fetchOptions, now: now(), guard: fileFeedUrls.has(address) ? undefined : addressGuard.guard }),
  };
  const deliveries = new DeliveryQueue({ store, chatProblems: services.chatProblems, metrics, log, now });
  const deliverPending = (): Promise<DeliveryOutcome> =>
    deliveries.flush().catch((error: unknown) => {
      log.error({ err: error }, 'delivery failed');
      return { posted: 0, failed: 0, retrying: 0 };
    });
  const pollDependencies: PollDependencies = {
    store,
    keywordMatcher: services.keywordMatcher,
    afterRound: readNewItems,
    fetchOptions: {
      timeoutMs: config.polling.timeout * 1000,
      maxBodyBytes: config.polling.maxBodyBytes,
      maxRedirects: config.polling.maxRedirects,
      userAgent: USER_AGENT,
      baseDir: dirname(parts.configPath),
    },
    addressGuard,
    concurrency: config.polling.concurrency,
    perHostConcurrency: config.polling.perHostConcurrency,
    maxItemsPerPoll: config.polling.maxItemsPerPoll,
    maxBackoffSeconds: config.polling.maxBackoff,
    log,
    now,
  };
  /** One after another, so the feeds get their ids in the order given. */
  const unscheduledFeeds = async (addresses: string[]): Promise<FeedRecord[]> => {
    const feeds: FeedRecord[] = [];
    for (const address of addresses) feeds.push(await store.feeds.ensureUnscheduled(address, address, config.polling.defaultInterval));
    return feeds;
  };
  const isAdmin = (userId: string): boolean => config.admins.users.includes(userId);
  const counted = async (round: Promise<PollOutcome[]>): Promise<PollOutcome[]> => {
    const outcomes = await round;
    metrics.pollRoundFinished(outcomes);
    if ((await queueFeedHealthNotices({ store, failingNoticeAfterMs: config.polling.failingNoticeAfter * 1000, now: now() })).length > 0) void deliverPending();
    const keepItemsSeconds = config.storage.keepItems;
    // After the round is assessed: an item pruned now is no longer what a new one is compared with.
    if (keepItemsSeconds !== undefined && (parts.use ?? 'polls') === 'polls') await pruneOldItems({ retention: store.retention, keepItemsSeconds, log, now: now() });
    return outcomes;
  };

  return {
    services,
    pollDependencies,
    pollDueFeeds: () => counted(pollDueFeeds(pollDependencies)),
    pollScheduledFeeds: () => counted(store.feeds.listScheduled().then((feeds) => pollFeeds(feeds.filter((feed) => !feed.paused), pollDependencies))),
    pollAddresses: (addresses) => counted(unscheduledFeeds(addresses).then((feeds) => pollFeeds(feeds, pollDependencies))),
    ask: (line, user, options = {}) => {
      const { command, rawArgs } = parseCommandLine(line);
      return dispatchCommand({ command, rawArgs, user, channel: options.channel ?? 'console:local', isAdmin: options.isAdmin ?? isAdmin(user.id) }, services);
    },
    isAdmin,
    reloadBaseline: (documents) => buildKnowledge(documents),
    async reloadSetup() {
      config = await setupInEffect(parts.config, store, log);
      keywordMatcher = new KeywordMatcher(config.keywords);
      analyzer = undefined;
    },
    connectAdapter(adapter) {
      deliveries.connect(adapter);
      void deliverPending();
    },
    disconnectAdapter: (platform) => deliveries.disconnect(platform),
    async runDueDigests() {
      await runDueDigests({ store, knowledge: () => knowledge, minRelevance: () => config.assessment.relevantAt, log }, now());
      return deliverPending();
    },
    deliverPending,
    close: () => extractor.close(),
  };
}

/** The config file with the changes made from chat; the file alone if those no longer fit it. */
async function setupInEffect(file: SitroomConfig, store: Store, log: Logger): Promise<SitroomConfig> {
  const overlay = await store.setup.overlay();
  try {
    return applyOverlay(file, overlay);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    log.error({ problems: error.problems }, 'changes made from chat no longer fit the config file; using the file alone until they are fixed');
    return file;
  }
}
