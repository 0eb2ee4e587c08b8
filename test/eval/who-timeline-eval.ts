// The /who and /timeline section of `npm run eval`: the real feeds of Dec 30, 2021 – Feb 28, 2022
// (../shared/news/rss-link-database/, read in place) replayed through the pipeline with the shipped
// config, then the knowledge base it learnt (in the replay's store, beside the assessments the
// significant listing ranks by) scored against our own gold under test/fixtures/who-timeline/.
import { readFileSync } from 'node:fs';
import { normalizeText } from '../../src/analysis/normalize-text.js';
import { loadBaselineDocuments } from '../../src/config/load-baseline.js';
import { loadConfigFile } from '../../src/config/load-config.js';
import { KnowledgeBase, type EntityRecord } from '../../src/knowledge/knowledge-base.js';
import type { TimelineEvent } from '../../src/knowledge/timeline-index.js';
import { createSilentLogger } from '../../src/log/create-logger.js';
import { readArchive } from '../../src/replay/read-archive.js';
import { archiveWindow, replayArchive } from '../../src/replay/replay-archive.js';
import { openStore } from '../../src/store/open-store.js';
import { NEWS_ARCHIVE } from './real-stream-crises.js';
import { newsArchiveIsPresent } from './run-real-stream-eval.js';

const CONFIG = 'config/sitroom.yaml';
const FIRST_DAY = '2021-12-30';
/** As many entries as /timeline shows. */
const SHOWN_ENTRIES = 20;
const LAST_DAY = '2022-02-28';

interface GoldEntity {
  query: string;
  name: string;
  kind: 'person' | 'organization';
  role?: string[];
  affiliation?: string;
}

interface GoldEvent {
  date: string;
  event: string;
  words: string[][];
}

export interface WhoTimelineEval {
  items: { read: number; learnt: number };
  who: { right: number; total: number; duplicated: string[]; misses: string[] };
  timeline: { onTheirDay: number; total: number; entriesOnGoldDays: number; aboutGoldEvent: number; misses: string[] };
  /** The gold days as `/timeline since DAY until DAY` shows them: its most significant entries. */
  shownOnGoldDays: { entries: number; aboutGoldEvent: number; goldShown: number };
  plainFebruary: { shown: number; recognition: boolean; invasion: boolean };
  /** The plain /timeline of each month: how many of its entries are a gold event on its day. */
  plainMonths: { month: string; shown: number; goldEntries: number }[];
}

/** What a replay leaves to score: its store's knowledge, open until `close`. */
export interface ReplayKnowledge {
  knowledge: KnowledgeBase;
  read: number;
  learnt: number;
  relevantAt: number;
  close: () => void;
}

function readGold<T>(name: string): T {
  return JSON.parse(readFileSync(`test/fixtures/who-timeline/${name}`, 'utf8')) as T;
}

/**
 * The knowledge base after `sitroom replay` of the two months of feeds with the shipped config, as
 * the replay's store holds it: learnt in the transactions that stored each item and its assessment.
 */
export async function learnFromReplay(): Promise<ReplayKnowledge> {
  const config = loadConfigFile(CONFIG);
  const baselineDocuments = loadBaselineDocuments('config/baseline');
  const archive = await readArchive([NEWS_ARCHIVE], archiveWindow(FIRST_DAY, LAST_DAY));
  const store = openStore(':memory:');
  try {
    const { summary } = await replayArchive({ archive, config, configPath: CONFIG, baselineDocuments, store, from: FIRST_DAY, to: LAST_DAY, channel: 'console:general', log: createSilentLogger() });
    const knowledge = new KnowledgeBase([], store.knowledge);
    return { knowledge, read: summary.items, learnt: store.extracts.between(0, store.extracts.lastItemId(), Number.MAX_SAFE_INTEGER).length, relevantAt: config.assessment.relevantAt, close: () => store.close() };
  } catch (error) {
    store.close();
    throw error;
  }
}

const isAbout = (event: TimelineEvent, gold: GoldEvent): boolean => {
  const summary = normalizeText(event.summary);
  return gold.words.every((group) => group.some((word) => summary.includes(word)));
};

/** The same person: the same surname and a first name that starts alike (Sergey, Sergei); an organisation by its name. */
function isGoldEntity(entity: EntityRecord, gold: GoldEntity): boolean {
  const words = (name: string): string[] => normalizeText(name).trim().split(/\s+/);
  if (gold.kind !== 'person') return normalizeText(entity.canonicalName) === normalizeText(gold.name);
  const [first, ...rest] = words(entity.canonicalName);
  const [goldFirst, ...goldRest] = words(gold.name);
  return rest.at(-1) === goldRest.at(-1) && (rest.length === 0 || first?.slice(0, 3) === goldFirst?.slice(0, 3));
}

function whoLine(entity: EntityRecord | undefined): string {
  return entity ? `${entity.canonicalName} | ${entity.role ?? '-'} | ${entity.affiliation ?? '-'}` : 'nobody';
}

export async function runWhoTimelineEval(): Promise<WhoTimelineEval> {
  const { knowledge, read, learnt, relevantAt, close } = await learnFromReplay();
  try {
    return scoreKnowledge(knowledge, { read, learnt }, relevantAt);
  } finally {
    close();
  }
}

/** The knowledge base scored against the gold lists; relevantAt is the config's, as /timeline passes it. */
export function scoreKnowledge(knowledge: KnowledgeBase, items: WhoTimelineEval['items'], relevantAt: number): WhoTimelineEval {
  const who: WhoTimelineEval['who'] = { right: 0, total: 0, duplicated: [], misses: [] };
  for (const gold of readGold<{ entries: GoldEntity[] }>('gold-who.json').entries) {
    who.total += 1;
    const entries = knowledge.who(gold.query).matches.filter((entity) => entity.kind === gold.kind && isGoldEntity(entity, gold));
    if (entries.length > 1) who.duplicated.push(`${gold.query}: ${entries.map((entity) => entity.canonicalName).join(' / ')}`);
    const [entity] = entries;
    const roleRight = !gold.role || gold.role.some((word) => normalizeText(entity?.role ?? '').includes(word));
    const affiliationRight = !gold.affiliation || entity?.affiliation === gold.affiliation;
    if (entries.length === 1 && roleRight && affiliationRight) who.right += 1;
    else who.misses.push(`${gold.query}: ${whoLine(entity)}${entries.length > 1 ? ` (+${entries.length - 1} more)` : ''}; gold ${gold.role?.join('/') ?? '-'} | ${gold.affiliation ?? '-'}`);
  }

  const timeline: WhoTimelineEval['timeline'] = { onTheirDay: 0, total: 0, entriesOnGoldDays: 0, aboutGoldEvent: 0, misses: [] };
  const golds = readGold<{ events: GoldEvent[] }>('gold-events.json').events;
  for (const day of new Set(golds.map((gold) => gold.date))) {
    const entries = knowledge.timeline({ since: day, until: day }).filter((event) => event.date.precision === 'day');
    timeline.entriesOnGoldDays += entries.length;
    timeline.aboutGoldEvent += entries.filter((event) => golds.some((gold) => gold.date === day && isAbout(event, gold))).length;
  }
  for (const gold of golds) {
    timeline.total += 1;
    const about = knowledge.timeline({ since: FIRST_DAY, until: LAST_DAY }).filter((event) => event.date.precision === 'day' && isAbout(event, gold));
    if (about.some((event) => event.date.start === gold.date)) timeline.onTheirDay += 1;
    else timeline.misses.push(`${gold.date} ${gold.event}: ${about.length ? `on ${[...new Set(about.map((event) => event.date.start))].slice(0, 3).join(', ')}` : 'not on the timeline'}`);
  }

  const shownOnGoldDays: WhoTimelineEval['shownOnGoldDays'] = { entries: 0, aboutGoldEvent: 0, goldShown: 0 };
  for (const day of new Set(golds.map((gold) => gold.date))) {
    const shown = knowledge.timeline({ since: day, until: day, mostSignificant: SHOWN_ENTRIES, relevantFrom: relevantAt }).filter((event) => event.date.start === day);
    shownOnGoldDays.entries += shown.length;
    shownOnGoldDays.aboutGoldEvent += shown.filter((event) => golds.some((gold) => gold.date === day && isAbout(event, gold))).length;
    shownOnGoldDays.goldShown += golds.filter((gold) => gold.date === day && shown.some((event) => isAbout(event, gold))).length;
  }

  // As the command asks for it: /timeline since 2022-02 until 2022-02-28.
  const plain = knowledge.timeline({ since: '2022-02', until: '2022-02-28', mostSignificant: SHOWN_ENTRIES, relevantFrom: relevantAt });
  const recognitionGold = golds.find((gold) => gold.date === '2022-02-21');
  const invasionGold = golds.find((gold) => gold.date === '2022-02-24' && gold.event.includes('invasion'));
  const shows = (gold: GoldEvent | undefined): boolean => gold !== undefined && plain.some((event) => event.date.start === gold.date && isAbout(event, gold));
  const isGoldEntry = (event: TimelineEvent): boolean => golds.some((gold) => gold.date === event.date.start && isAbout(event, gold));
  const plainMonths = ['2022-01', '2022-02'].map((month) => {
    const shown = knowledge.timeline({ since: month, until: month, mostSignificant: SHOWN_ENTRIES, relevantFrom: relevantAt });
    return { month, shown: shown.length, goldEntries: shown.filter(isGoldEntry).length };
  });
  return { items, who, timeline, shownOnGoldDays, plainFebruary: { shown: plain.length, recognition: shows(recognitionGold), invasion: shows(invasionGold) }, plainMonths };
}

const percent = (part: number, whole: number): string => `${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`;

export function formatWhoTimelineEval(result: WhoTimelineEval): string {
  const { who, timeline, plainFebruary } = result;
  return [
    `/who and /timeline on the real feeds, ${FIRST_DAY} – ${LAST_DAY} (sitroom replay with the shipped config: ${result.items.read} items, ${result.items.learnt} read for knowledge)`,
    `  /who: ${who.right}/${who.total} gold people and organisations right (${percent(who.right, who.total)}): one entry, right role and affiliation; duplicated: ${who.duplicated.length}`,
    ...who.duplicated.map((line) => `    duplicated ${line}`),
    ...who.misses.map((line) => `    ✗ ${line}`),
    `  /timeline: ${timeline.onTheirDay}/${timeline.total} gold events on their day (${percent(timeline.onTheirDay, timeline.total)}); precision on the gold days ${percent(timeline.aboutGoldEvent, timeline.entriesOnGoldDays)} (${timeline.aboutGoldEvent} of ${timeline.entriesOnGoldDays} entries about a gold event)`,
    ...timeline.misses.map((line) => `    ✗ ${line}`),
    `  /timeline since DAY until DAY on the gold days: ${percent(result.shownOnGoldDays.aboutGoldEvent, result.shownOnGoldDays.entries)} of the ${result.shownOnGoldDays.entries} entries shown are about a gold event; ${result.shownOnGoldDays.goldShown}/${timeline.total} gold events shown`,
    `  plain /timeline of Feb 2022 (${plainFebruary.shown} entries): recognition ${plainFebruary.recognition ? 'shown' : 'missing'}, invasion ${plainFebruary.invasion ? 'shown' : 'missing'}`,
    ...result.plainMonths.map(({ month, shown, goldEntries }) => `  plain /timeline since ${month} until ${month}: ${goldEntries} of its ${shown} entries are a gold event on its day (${percent(goldEntries, shown)})`),
  ].join('\n');
}

export async function printWhoTimelineEval(): Promise<void> {
  if (!newsArchiveIsPresent()) {
    console.log('/who and /timeline on the real feeds: skipped (../shared/news/rss-link-database is absent)');
    return;
  }
  console.log(`${formatWhoTimelineEval(await runWhoTimelineEval())}\n`);
}
