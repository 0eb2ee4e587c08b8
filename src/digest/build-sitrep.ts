// A sitrep: what came in during a period, what changed, what is coming, and the trend, as a
// neutral Reply. It lists stories (clusters), not items: ten outlets on one story are one line.
import type { Reply, ReplyListItem, ReplySection } from '../chat/reply.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { EventDate } from '../knowledge/types.js';
import type { PeriodItem } from '../store/sitrep-store.js';
import type { Store } from '../store/open-store.js';
import { contentWords } from '../analysis/content-words.js';
import { normalizeText } from '../analysis/normalize-text.js';
import { outletOf } from '../analysis/outlet-of.js';
import { isFeatureHeadline } from '../knowledge/headline-event.js';
import { formatLocal, zoneName } from './digest-time.js';
import { headlineReasons, SEVERITY_RANK, storyHeadline } from './story-headline.js';
import { volumeChart } from './volume-chart.js';

export interface SitrepRequest {
  from: number;
  to: number;
  timezone: string;
  /** Set when the digest is posted after its time (the bot was down): when it was due. */
  dueAt?: number;
  now: number;
  /** The channel it is for: its stories link to their threads there. */
  channel?: string;
  /** Only items matching one of these keyword rules are counted and shown (a channel's topics). */
  topics?: readonly string[];
}

export interface SitrepSources {
  store: Store;
  knowledge: KnowledgeBase;
  minRelevance: number;
}

export interface SitrepStory {
  clusterId: number;
  /** The report the story reads under; its feedback buttons mark it. */
  itemId: number;
  novelty: PeriodItem['novelty'];
  severity: PeriodItem['severity'];
  title: string;
  url: string | null;
  reasons: string[];
  /** Outlets that reported it, ever; and those of this period, by name. */
  outlets: number;
  /** The highest relevance among the period's reports. */
  relevance: number;
  /** How plainly it says what changed: 2 names the change, 1 reports a development, 0 explains or reviews one. */
  change: number;
  feeds: string[];
  firstReportedAt: number;
  latestAt: number;
}

/** Enough to read in a minute; the rest is one command away. */
const MOST_STORIES = 12;
const MOST_UPCOMING = 5;
const NOVELTY_RANK = { new: 2, update: 1, known: 0 } as const;

export async function buildSitrep(request: SitrepRequest, sources: SitrepSources): Promise<Reply> {
  const { store, minRelevance } = sources;
  const { from, to, timezone } = request;
  const { topics } = request;
  const counts = await store.sitreps.counts(from, to, minRelevance, topics);
  const stories = storiesOf(await store.sitreps.relevantItems(from, to, minRelevance, topics), store);
  const changed = stories.filter((story) => story.novelty !== 'known');
  const restated = stories.filter((story) => story.novelty === 'known');
  const failingFeeds = (await store.feeds.listScheduled()).filter((feed) => feed.lastError && !feed.paused);
  const zone = zoneName(timezone);

  const sections: ReplySection[] = [];
  if (request.dueAt !== undefined) {
    sections.push({ kind: 'context', text: `Late: this sitrep was due ${formatLocal(request.dueAt, timezone)} (${zone}); sitroom was not running then.` });
  }
  if (topics?.length) sections.push({ kind: 'context', text: `Topics of this channel: ${topics.join(', ')}. Only items matching them are counted and shown.` });
  sections.push({
    kind: 'fields',
    fields: [
      { label: 'Items seen', value: String(counts.seen) },
      { label: 'Relevant', value: String(counts.relevant) },
      { label: 'New', value: String(counts.new) },
      { label: 'Updates', value: String(counts.update) },
      { label: 'Feeds failing', value: failingFeeds.length ? failingFeeds.map((feed) => feed.name).join(', ') : 'none' },
    ],
  });
  if (changed.length === 0) {
    sections.push({ kind: 'text', text: counts.relevant === 0 ? 'Quiet period: nothing relevant came in.' : 'Nothing new: every relevant item restated what was known.' });
  } else {
    const { channel } = request;
    const shown = changed.slice(0, MOST_STORIES);
    const threads = await Promise.all(shown.map((story) => (channel ? store.deliveries.threadLink(channel, story.clusterId) : undefined)));
    sections.push({ kind: 'list', heading: 'What changed', items: shown.map((story, index) => storyLine(story, timezone, to, threads[index])) });
    if (changed.length > MOST_STORIES) sections.push({ kind: 'context', text: `…and ${changed.length - MOST_STORIES} more stories. Type /news for the full list.` });
  }
  const upcoming = upcomingEvents(sources.knowledge, store, minRelevance, request.now);
  if (upcoming.length > 0) sections.push({ kind: 'list', heading: 'Coming up', items: upcoming });
  if (restated.length > 0) {
    const items = restated.reduce((total, story) => total + story.feeds.length, 0);
    sections.push({ kind: 'context', text: `Known / restated: ${restated.length} ${plural(restated.length, 'story', 'stories')} (${items} ${plural(items, 'report', 'reports')}) only repeated what was known.` });
  }
  sections.push(await volumeChart(store, { from, to, timezone, minRelevance, topics }));

  return {
    title: `Sitrep${request.dueAt !== undefined ? ' (late)' : ''}: ${formatLocal(from, timezone, to)} – ${formatLocal(to, timezone)} ${zone}`,
    sections,
    tone: 'info',
    visibility: 'channel',
    data: { from, to, timezone, topics: topics ?? null, counts, stories: changed, restated: restated.length, failingFeeds: failingFeeds.map((feed) => feed.name), late: request.dueAt !== undefined },
  };
}

/**
 * Groups the period's items by story. A story is shown when the period brought a new or updated
 * report of it; it reads under its most informative report of all it holds so far, and is ordered
 * by severity, then by how many outlets carry it, then by how plainly it says what changed (a new
 * kind of development, a scheduled event that took place or a figure that moved, before a report
 * that only tells of a development, before an explainer or press review of one), then by how
 * plainly it concerns the crisis (its relevance, which its signals raise), then newest first.
 */
export function storiesOf(items: PeriodItem[], store: Store): SitrepStory[] {
  const byCluster = new Map<number, PeriodItem[]>();
  for (const item of items) {
    const reports = byCluster.get(item.clusterId);
    if (reports) reports.push(item);
    else byCluster.set(item.clusterId, [item]);
  }
  const stories = [...byCluster.entries()].map(([clusterId, reports]): SitrepStory => {
    // The most novel, then most severe report of the period says what changed.
    const lead = reports.reduce((best, item) => (NOVELTY_RANK[item.novelty] * 3 + SEVERITY_RANK[item.severity] > NOVELTY_RANK[best.novelty] * 3 + SEVERITY_RANK[best.severity] ? item : best));
    const allReports = store.assessments.clusterReports(clusterId);
    // A headline a feed has since re-published differently is no longer what it says.
    const current = allReports.filter((report) => !report.superseded);
    const candidates = current.length ? current : reports;
    // Once a report says a scheduled event took place, the reports before it (which announced it) no longer say what happened.
    const confirmedAt = Math.max(-Infinity, ...candidates.filter((report) => report.reasons.some((reason) => reason.startsWith('took place:'))).map((report) => report.at));
    const headline = mostInformativeReport(candidates.filter((report) => report.at >= confirmedAt));
    return {
      clusterId,
      itemId: headline.itemId,
      novelty: lead.novelty,
      severity: reports.reduce((worst, item) => (SEVERITY_RANK[item.severity] > SEVERITY_RANK[worst] ? item.severity : worst), lead.severity),
      title: headline.title,
      url: headline.url,
      reasons: headlineReasons(lead.reasons),
      outlets: new Set(allReports.map((report) => outletOf(report.url, report.feed))).size || 1,
      relevance: Math.max(...reports.map((item) => item.relevance)),
      change: isFeatureHeadline(headline.title) ? 0 : lead.reasons.some(namesChange) ? 2 : 1,
      feeds: [...new Set(reports.map((item) => item.feed))],
      firstReportedAt: allReports[0]?.at ?? reports[0]!.at,
      latestAt: Math.max(...reports.map((item) => item.at)),
    };
  });
  return stories.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      b.outlets - a.outlets ||
      b.change - a.change ||
      b.relevance - a.relevance ||
      NOVELTY_RANK[b.novelty] - NOVELTY_RANK[a.novelty] ||
      b.latestAt - a.latestAt,
  );
}

function namesChange(reason: string): boolean {
  return reason.startsWith('a new kind of development') || reason.startsWith('took place:') || reason.includes(' → ');
}

/** The report whose headline shares most with the story's other reports: the one that says what they all say. */
function mostInformativeReport<T extends { title: string }>(reports: readonly T[]): T {
  const words = reports.map((report) => new Set(contentWords(report.title)));
  let best = 0;
  let bestScore = -Infinity;
  words.forEach((own, index) => {
    let shared = 0;
    words.forEach((other, otherIndex) => {
      if (otherIndex !== index) for (const word of own) if (other.has(word)) shared++;
    });
    // A question or an explainer asks what the story is rather than saying it.
    const score = shared + own.size / 10 - (isFeatureHeadline(reports[index]!.title) ? 2 : 0);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return reports[best]!;
}

function storyLine(story: SitrepStory, timezone: string, now: number, threadUrl: string | undefined): ReplyListItem {
  const sources = story.outlets > 1 ? `${story.feeds.join(', ')} (${story.outlets} outlets)` : story.feeds.join(', ');
  return {
    text: storyHeadline(story),
    url: story.url ?? undefined,
    detail: [...story.reasons, sources, `first reported ${formatLocal(story.firstReportedAt, timezone, now)}`].join(' · '),
    ...(threadUrl ? { links: [{ text: "the story's thread", url: threadUrl }] } : {}),
    feedbackItemId: story.itemId,
  };
}

/**
 * Scheduled events still ahead, each once, from the baseline or from a relevant report: an event
 * leaves the list when a report says it took place or when its date has come.
 */
function upcomingEvents(knowledge: KnowledgeBase, store: Store, minRelevance: number, now: number): ReplyListItem[] {
  const today = new Date(now).toISOString().slice(0, 10);
  const seen = new Set<string>();
  return knowledge
    .timeline({ since: today })
    .filter((event) => event.scheduled && !event.happened && stillAhead(event.date, today))
    .filter((event) => fromRelevantSource(event.origin.source, store, minRelevance))
    .filter((event) => {
      const key = normalizeText(event.summary);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MOST_UPCOMING)
    .map((event) => ({ text: `${event.date.iso} · ${event.summary}`, detail: `announced ${event.origin.reportedOn}` }));
}

/** A day is ahead until it is over; "in March" is ahead until March begins, or it would be "coming up" all month. */
function stillAhead(date: EventDate, today: string): boolean {
  return date.precision === 'day' ? date.start >= today : date.start > today;
}

/** The baseline, or a feed item about the crisis: an off-topic item's plans are not the team's calendar. */
function fromRelevantSource(source: string, store: Store, minRelevance: number): boolean {
  if (!source.startsWith('item:')) return true;
  return (store.assessments.byItem(Number(source.slice('item:'.length)))?.relevance ?? 0) >= minRelevance;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
