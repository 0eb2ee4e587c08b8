// Runs an archive through the real pipeline on a simulated clock, as `sitroom run` would have seen
// it day by day: feeds polled on their schedule (each showing the items published by then), items
// stored, matched and assessed, alerts queued and the channel's daily sitrep built and posted.
// Only the fetch is replaced (by reading the archive); the rest is createSitroom's own code.
import type { Logger } from 'pino';
import { createSitroom, type Sitroom } from '../app.js';
import type { ChatAdapter, ChatPlatform } from '../chat/chat-adapter.js';
import type { Reply } from '../chat/reply.js';
import type { BaselineDocument } from '../config/load-baseline.js';
import type { SitroomConfig, Severity } from '../config/schema.js';
import type { SitrepStory } from '../digest/build-sitrep.js';
import { DAY_MS, startOfLocalDay } from '../digest/digest-time.js';
import { storyHeadline } from '../digest/story-headline.js';
import { pollFeeds, type FeedRead } from '../feeds/poll-feeds.js';
import type { FeedRecord } from '../store/feed-store.js';
import type { Store } from '../store/open-store.js';
import type { PeriodCounts, PeriodItem } from '../store/sitrep-store.js';
import type { Archive, ArchiveFeed } from './read-archive.js';
import dayjs from 'dayjs';
import timezonePlugin from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezonePlugin);

export interface ReplayOptions {
  archive: Archive;
  /** The setup to try; its feeds are replaced by the archive's, its subscriptions by the channel's. */
  config: SitroomConfig;
  configPath: string;
  baselineDocuments: BaselineDocument[];
  /** An empty store: the replay fills it. */
  store: Store;
  /** First and last day (YYYY-MM-DD, in the channel's time zone) whose sitreps are reported. */
  from: string;
  to: string;
  /** Whose sitrep: a subscribed channel of the config, with a digest. */
  channel: string;
  /** How often each feed is polled, in simulated time. */
  pollEveryMs?: number;
  /** Builds a new sitroom over the same store at every simulated midnight, as a daily restart would. */
  restartDaily?: boolean;
  log: Logger;
  /** Called with each day as soon as its sitrep is posted. */
  onDay?: (day: ReplayDay) => void;
}

export type Novelty = 'new' | 'update' | 'known';

export interface ReplayStoryLine {
  clusterId: number;
  /** As the sitrep shows it: severity mark, novelty and title. */
  headline: string;
  title: string;
  url: string | null;
  novelty: Novelty;
  severity: Severity;
  reasons: string[];
  /** Outlets that have reported the story so far. */
  outlets: number;
  /** The story's reports in this sitrep's period. */
  items: { id: number; title: string; url: string | null; feed: string; novelty: Novelty; severity: Severity }[];
  /** Whether the sitrep lists it (a sitrep shows only its first stories). */
  shown: boolean;
}

export interface ReplayAlert {
  postedAt: number;
  title: string;
  itemId: number;
  clusterId: number;
  severity: Severity;
  novelty: Novelty;
  message: Reply;
}

export interface ReplayDay {
  /** The local day the sitrep's period mostly covers (YYYY-MM-DD). */
  date: string;
  postedAt: number;
  period: { from: number; to: number };
  counts: PeriodCounts;
  stories: ReplayStoryLine[];
  /** Alerts posted during the period. */
  alerts: ReplayAlert[];
  sitrep: Reply;
}

export interface ItemLabel {
  /** The item's link, or its guid or title where it has none: the same in every replay of an archive. */
  key: string;
  feed: string;
  title: string;
  url: string | null;
  publishedAt: number | null;
  /** When the replay's poll stored it: the sitrep whose period holds this time reports it. */
  fetchedAt: number;
  relevant: boolean;
  relevance: number;
  novelty: Novelty;
  severity: Severity;
  reasons: string[];
  /** The key of the story's first item. */
  storyKey: string;
}

export interface ReplaySummary {
  feeds: number;
  items: number;
  relevant: number;
  relevantByNovelty: Record<Novelty, number>;
  alerts: number;
  undated: number;
  days: { date: string; relevant: number; storyLines: number }[];
  /** Wall-clock time the replay took. */
  seconds: number;
}

export interface ReplayResult {
  days: ReplayDay[];
  labels: ItemLabel[];
  summary: ReplaySummary;
}

const HOUR_MS = 3600 * 1000;
/** How far the simulated clock moves at a time: feeds come due and digests are owed between ticks. */
const TICK_MS = 5 * 60 * 1000;
/** A live feed shows its newest items of the last days, not its whole history. */
const FEED_SPAN_MS = 2 * DAY_MS;
const MOST_ITEMS_IN_FEED = 50;

/** A replay that cannot start as asked; the message says why. */
export class ReplayRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayRefused';
  }
}

/** The publication times a replay of these days can read: its start, less what a feed still shows then, to its end. */
export function archiveWindow(from: string, to: string): { from: number; to: number } {
  return { from: Date.parse(from) - 2 * DAY_MS - FEED_SPAN_MS, to: Date.parse(to) + 3 * DAY_MS };
}

export async function replayArchive(options: ReplayOptions): Promise<ReplayResult> {
  const startedAt = performance.now();
  const { store, log } = options;
  if ((await store.items.count()) > 0) throw new ReplayRefused('the database already holds items; a replay needs an empty one (leave out --db to use a temporary one)');
  const subscription = options.config.subscriptions.find((candidate) => candidate.channel === options.channel);
  if (!subscription?.digest) {
    const channels = options.config.subscriptions.filter((candidate) => candidate.digest).map((candidate) => candidate.channel);
    throw new ReplayRefused(`${options.channel} has no daily sitrep in the config; channels with one: ${channels.join(', ') || 'none'}`);
  }
  const timezone = subscription.digest.timezone;
  const pollEverySeconds = Math.round((options.pollEveryMs ?? HOUR_MS) / 1000);
  // The replay starts a day early so that the first reported sitrep covers a whole day of polling.
  const start = startOfLocalDay(dayjs.tz(options.from, timezone).valueOf(), timezone) - DAY_MS;
  const end = startOfLocalDay(dayjs.tz(options.to, timezone).valueOf(), timezone) + 2 * DAY_MS;
  const config: SitroomConfig = {
    ...options.config,
    feeds: options.archive.feeds.map((feed) => ({ name: feed.name, url: feed.url, interval: pollEverySeconds, paused: false })),
    subscriptions: [subscription],
  };
  let clock = start;
  const now = (): number => clock;
  const readFeed = archiveReader(options.archive.feeds);
  const platform = options.channel.slice(0, options.channel.indexOf(':')) as ChatPlatform;
  const posts: { message: Reply; at: number }[] = [];
  const recorder: ChatAdapter = { platform, post: async (_channelId, message) => void posts.push({ message, at: clock }), stop: async () => undefined };
  const build = async (): Promise<Sitroom> => {
    const sitroom = await createSitroom({ config, configPath: options.configPath, store, baselineDocuments: options.baselineDocuments, log, now });
    sitroom.connectAdapter(recorder);
    return sitroom;
  };

  let sitroom = await build();
  const days: ReplayDay[] = [];
  let alerts: ReplayAlert[] = [];
  for (; clock < end; clock += TICK_MS) {
    if (options.restartDaily && clock > start && startOfLocalDay(clock, timezone) === clock) {
      sitroom.disconnectAdapter(platform);
      await sitroom.close();
      sitroom = await build();
    }
    await pollFeeds(await store.feeds.listDue(clock), { ...sitroom.pollDependencies, readFeed });
    await sitroom.deliverPending();
    await sitroom.runDueDigests();
    for (const post of posts.splice(0)) {
      const digest = digestData(post.message);
      if (!digest) {
        // A follow-up in a story's thread is not an alert of its own.
        if (!(post.message.data as { followUp?: boolean }).followUp) alerts.push(alertOf(post.message, post.at));
        continue;
      }
      const day = await replayDay(post.message, digest, post.at, alerts, store, config.assessment.relevantAt);
      alerts = [];
      if (day.date < options.from || day.date > options.to) continue;
      days.push(day);
      options.onDay?.(day);
    }
  }
  await sitroom.close();
  const labels = await itemLabels(store, config.assessment.relevantAt);
  return { days, labels, summary: summarise(days, labels, options.archive, (performance.now() - startedAt) / 1000) };
}

/** Reads the archive as a live feed would be seen at each poll: the newest items published by then. */
function archiveReader(feeds: readonly ArchiveFeed[]): (feed: FeedRecord, now: number) => Promise<FeedRead> {
  const byUrl = new Map(feeds.map((feed) => [feed.url, feed]));
  const published = new Map<string, number>();
  return async (feed, now) => {
    const archived = byUrl.get(feed.url);
    if (!archived) throw new Error(`${feed.url} is not in the archive`);
    const before = published.get(feed.url);
    let count = before ?? 0;
    while (count < archived.items.length && archived.items[count]!.publishedAt! <= now) count++;
    published.set(feed.url, count);
    if (before !== undefined && count === before) return { kind: 'not-modified' };
    const items = archived.items.slice(Math.max(0, count - MOST_ITEMS_IN_FEED), count).filter((item) => item.publishedAt! > now - FEED_SPAN_MS);
    return { kind: 'parsed', parsed: { title: archived.name, items, skipped: [] }, etag: null, lastModified: null };
  };
}

interface DigestData {
  from: number;
  to: number;
  counts: PeriodCounts;
  stories: SitrepStory[];
}

function digestData(message: Reply): DigestData | undefined {
  const data = message.data as Partial<DigestData> | undefined;
  return data && data.counts && Array.isArray(data.stories) ? (data as DigestData) : undefined;
}

function alertOf(message: Reply, at: number): ReplayAlert {
  const data = message.data as { itemId: number; clusterId: number; severity: Severity; novelty: Novelty };
  return { postedAt: at, title: message.title ?? '', itemId: data.itemId, clusterId: data.clusterId, severity: data.severity, novelty: data.novelty, message };
}

async function replayDay(sitrep: Reply, digest: DigestData, postedAt: number, alerts: ReplayAlert[], store: Store, minRelevance: number): Promise<ReplayDay> {
  const timezone = (sitrep.data as { timezone: string }).timezone;
  const listed = new Set(sitrep.sections.flatMap((section) => (section.kind === 'list' ? section.items.map((item) => item.text) : [])));
  const reports = new Map<number, PeriodItem[]>();
  for (const item of await store.sitreps.relevantItems(digest.from, digest.to, minRelevance)) reports.set(item.clusterId, [...(reports.get(item.clusterId) ?? []), item]);
  const stories = digest.stories.map((story): ReplayStoryLine => {
    const headline = storyHeadline(story);
    return {
      clusterId: story.clusterId,
      headline,
      title: story.title,
      url: story.url,
      novelty: story.novelty,
      severity: story.severity,
      reasons: story.reasons,
      outlets: story.outlets,
      items: (reports.get(story.clusterId) ?? []).map((item) => ({ id: item.itemId, title: item.title, url: item.url, feed: item.feed, novelty: item.novelty, severity: item.severity })),
      shown: listed.has(headline),
    };
  });
  const middle = digest.from + (digest.to - digest.from) / 2;
  return { date: dayjs(middle).tz(timezone).format('YYYY-MM-DD'), postedAt, period: { from: digest.from, to: digest.to }, counts: digest.counts, stories, alerts, sitrep };
}

async function itemLabels(store: Store, minRelevance: number): Promise<ItemLabel[]> {
  const items = await store.items.fetchedSince(0);
  const feedNames = new Map((await store.feeds.list()).map((feed) => [feed.id, feed.name]));
  const keys = new Map(items.map((item) => [item.id, item.url ?? item.guid ?? `${feedNames.get(item.feedId)}: ${item.title}`]));
  return items.flatMap((item): ItemLabel[] => {
    const assessment = store.assessments.byItem(item.id);
    if (!assessment) return [];
    return [{
      key: keys.get(item.id)!,
      feed: feedNames.get(item.feedId) ?? '',
      title: item.title,
      url: item.url,
      publishedAt: item.publishedAt,
      fetchedAt: item.fetchedAt,
      relevant: assessment.relevance >= minRelevance,
      relevance: assessment.relevance,
      novelty: assessment.novelty,
      severity: assessment.severity,
      reasons: assessment.reasons,
      storyKey: keys.get(assessment.clusterId) ?? String(assessment.clusterId),
    }];
  });
}

function summarise(days: ReplayDay[], labels: ItemLabel[], archive: Archive, seconds: number): ReplaySummary {
  const relevant = labels.filter((label) => label.relevant);
  const relevantByNovelty: Record<Novelty, number> = { new: 0, update: 0, known: 0 };
  for (const label of relevant) relevantByNovelty[label.novelty]++;
  return {
    feeds: archive.feeds.length,
    items: labels.length,
    relevant: relevant.length,
    relevantByNovelty,
    alerts: days.reduce((total, day) => total + day.alerts.length, 0),
    undated: archive.undated,
    days: days.map((day) => ({ date: day.date, relevant: day.counts.relevant, storyLines: day.stories.filter((story) => story.shown).length })),
    seconds,
  };
}
