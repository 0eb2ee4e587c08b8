// A sitrep: what came in during a period, what changed, what is coming, and the trend, as a
// neutral Reply. It lists stories (clusters), not items: ten outlets on one story are one line.
import type { Reply, ReplyListItem, ReplySection } from '../chat/reply.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { PeriodItem } from '../store/sitrep-store.js';
import type { Store } from '../store/open-store.js';
import { formatLocal, localDays, zoneName } from './digest-time.js';
import { headlineReasons, SEVERITY_RANK, storyHeadline } from './story-headline.js';

export interface SitrepRequest {
  from: number;
  to: number;
  timezone: string;
  /** Set when the digest is posted after its time (the bot was down): when it was due. */
  dueAt?: number;
  now: number;
}

export interface SitrepSources {
  store: Store;
  knowledge: KnowledgeBase;
  minRelevance: number;
}

export interface SitrepStory {
  clusterId: number;
  novelty: PeriodItem['novelty'];
  severity: PeriodItem['severity'];
  title: string;
  url: string | null;
  reasons: string[];
  /** Outlets that reported it, ever; and those of this period, by name. */
  outlets: number;
  feeds: string[];
  firstReportedAt: number;
  latestAt: number;
}

/** Enough to read in a minute; the rest is one command away. */
const MOST_STORIES = 15;
const MOST_UPCOMING = 5;
const CHART_DAYS = 7;
const NOVELTY_RANK = { new: 2, update: 1, known: 0 } as const;

export function buildSitrep(request: SitrepRequest, sources: SitrepSources): Reply {
  const { store, minRelevance } = sources;
  const { from, to, timezone } = request;
  const counts = store.sitreps.counts(from, to, minRelevance);
  const stories = storiesOf(store.sitreps.relevantItems(from, to, minRelevance), store);
  const changed = stories.filter((story) => story.novelty !== 'known');
  const restated = stories.filter((story) => story.novelty === 'known');
  const failingFeeds = store.feeds.listScheduled().filter((feed) => feed.lastError && !feed.paused);
  const zone = zoneName(timezone);

  const sections: ReplySection[] = [];
  if (request.dueAt !== undefined) {
    sections.push({ kind: 'context', text: `Late: this sitrep was due ${formatLocal(request.dueAt, timezone)} (${zone}); sitroom was not running then.` });
  }
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
    sections.push({ kind: 'list', heading: 'What changed', items: changed.slice(0, MOST_STORIES).map((story) => storyLine(story, timezone, to)) });
    if (changed.length > MOST_STORIES) sections.push({ kind: 'context', text: `…and ${changed.length - MOST_STORIES} more stories. Type /news for the full list.` });
  }
  const upcoming = upcomingEvents(sources.knowledge, request.now);
  if (upcoming.length > 0) sections.push({ kind: 'list', heading: 'Coming up', items: upcoming });
  if (restated.length > 0) {
    const items = restated.reduce((total, story) => total + story.feeds.length, 0);
    sections.push({ kind: 'context', text: `Known / restated: ${restated.length} ${plural(restated.length, 'story', 'stories')} (${items} ${plural(items, 'report', 'reports')}) only repeated what was known.` });
  }
  sections.push({ kind: 'chart', title: `Relevant items per day, last ${CHART_DAYS} days (${zone})`, points: volumeByDay(store, to, timezone, minRelevance) });

  return {
    title: `Sitrep${request.dueAt !== undefined ? ' (late)' : ''}: ${formatLocal(from, timezone, to)} – ${formatLocal(to, timezone)} ${zone}`,
    sections,
    tone: 'info',
    visibility: 'channel',
    data: { from, to, timezone, counts, stories: changed, restated: restated.length, failingFeeds: failingFeeds.map((feed) => feed.name), late: request.dueAt !== undefined },
  };
}

/** Groups the period's items by story; new and updated stories first, by severity, then latest first. */
export function storiesOf(items: PeriodItem[], store: Store): SitrepStory[] {
  const byCluster = new Map<number, PeriodItem[]>();
  for (const item of items) {
    const reports = byCluster.get(item.clusterId);
    if (reports) reports.push(item);
    else byCluster.set(item.clusterId, [item]);
  }
  const stories = [...byCluster.entries()].map(([clusterId, reports]): SitrepStory => {
    // The most novel, then most severe report speaks for the story; its first report names it.
    const lead = reports.reduce((best, item) => (NOVELTY_RANK[item.novelty] * 3 + SEVERITY_RANK[item.severity] > NOVELTY_RANK[best.novelty] * 3 + SEVERITY_RANK[best.severity] ? item : best));
    const first = reports.find((item) => item.itemId === clusterId) ?? store.items.byId(clusterId) ?? lead;
    const cluster = store.assessments.clusterSize(clusterId);
    return {
      clusterId,
      novelty: lead.novelty,
      severity: reports.reduce((worst, item) => (SEVERITY_RANK[item.severity] > SEVERITY_RANK[worst] ? item.severity : worst), lead.severity),
      title: first.title,
      url: first.url,
      reasons: headlineReasons(lead.reasons),
      outlets: cluster.feeds,
      feeds: [...new Set(reports.map((item) => item.feed))],
      firstReportedAt: cluster.firstAt,
      latestAt: Math.max(...reports.map((item) => item.at)),
    };
  });
  return stories.sort((a, b) => NOVELTY_RANK[b.novelty] - NOVELTY_RANK[a.novelty] || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.latestAt - a.latestAt);
}

function storyLine(story: SitrepStory, timezone: string, now: number): ReplyListItem {
  const sources = story.outlets > 1 ? `${story.feeds.join(', ')} (${story.outlets} outlets)` : story.feeds.join(', ');
  return {
    text: storyHeadline(story),
    url: story.url ?? undefined,
    detail: [...story.reasons, sources, `first reported ${formatLocal(story.firstReportedAt, timezone, now)}`].join(' · '),
  };
}

function upcomingEvents(knowledge: KnowledgeBase, now: number): ReplyListItem[] {
  const today = new Date(now).toISOString().slice(0, 10);
  return knowledge
    .timeline({ since: today })
    .filter((event) => event.scheduled && !event.happened && event.date.end >= today)
    .slice(0, MOST_UPCOMING)
    .map((event) => ({ text: `${event.date.iso} · ${event.summary}`, detail: `announced ${event.origin.reportedOn}` }));
}

function volumeByDay(store: Store, to: number, timezone: string, minRelevance: number): { label: string; value: number }[] {
  const days = localDays(to - 1, CHART_DAYS, timezone);
  const counts = days.map(() => 0);
  for (const at of store.sitreps.relevantArrivals(days[0]!.start, to, minRelevance)) {
    let index = days.length - 1;
    while (index > 0 && at < days[index]!.start) index--;
    counts[index]!++;
  }
  return days.map((day, index) => ({ label: day.label, value: counts[index]! }));
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
