// /search TERMS [since TIME] [until TIME]: stored items holding every term, over the whole history,
// one line per story. Whatever is typed is read as words: quotes make a phrase, a trailing * a
// word's beginning, and anything else (operators, lone signs) is not searched for.
import { reply } from '../chat/reply.js';
import { SEVERITY_MARK } from '../digest/story-headline.js';
import type { SearchHit, SearchTerm } from '../store/search-store.js';
import { UserError, type Command } from './command.js';
import { formatInstant } from './describe-time.js';
import { parseTimePoint, requireForwardRange, TIME_FORMS, type TimePoint } from './time-arguments.js';

const STORIES_SHOWN = 10;
/** Matches read to fill the stories shown: several reports of one story share a line. */
const MATCHES_READ = 200;
const WORD = /[\p{L}\p{N}]+/gu;
/** Shorter beginnings match most of the language. */
const SHORTEST_PREFIX = 3;

export const searchCommand: Command = {
  name: 'search',
  description: 'Stored items that mention some words, newest and best matches first, with their story',
  usage: `/search WORDS ["a phrase"] [sanction*] [since TIME] [until TIME]   (TIME: ${TIME_FORMS})`,
  run({ services, args }) {
    const now = services.now();
    const terms: SearchTerm[] = [];
    let since: TimePoint | undefined;
    let until: TimePoint | undefined;
    for (let index = 0; index < args.length; index++) {
      const word = args[index]!.toLowerCase();
      if (word === 'since' || word === 'until') {
        const point = parseTimePoint(word, args[++index], now);
        if (word === 'since') since = point;
        else until = point;
      } else {
        const term = readTerm(args[index]!);
        if (term) terms.push(term);
      }
    }
    requireForwardRange(since, until);
    if (terms.length === 0) {
      throw new UserError(
        args.length === 0 ? 'What should I look for? Give a word or two, e.g. /search sanctions.' : 'There is no word to look for in that: I search for words and "phrases", not signs or operators.',
        `Usage: ${searchCommand.usage}`,
      );
    }
    const hits = services.store.search.search(terms, { from: since?.start ?? 0, to: until?.end ?? Number.MAX_SAFE_INTEGER }, MATCHES_READ);
    const stories = oneLinePerStory(hits);
    const relevantAt = services.config().assessment.relevantAt;
    const looked = `${terms.map(describeTerm).join(', ')}${since ? ` since ${since.text}` : ''}${until ? ` until ${until.text}` : ''}`;
    if (stories.length === 0) return reply('Search', [{ kind: 'text', text: `No stored item mentions ${looked}.` }], { data: [] });
    const shown = stories.slice(0, STORIES_SHOWN);
    return reply(
      `Search: ${looked}`,
      [
        {
          kind: 'list',
          items: shown.map(({ hit, more }) => ({
            text: `${hit.assessment && hit.assessment.relevance >= relevantAt ? `${SEVERITY_MARK[hit.assessment.severity]} ` : ''}${hit.title}`,
            url: hit.url ?? undefined,
            detail: [`${hit.feed}, ${formatInstant(hit.at)}`, `item ${hit.itemId}`, describeStory(hit, more, relevantAt)].filter(Boolean).join(' · '),
          })),
        },
        { kind: 'context', text: `${stories.length > STORIES_SHOWN ? `${shown.length} of ${stories.length} stories shown; narrow it with more words or since. ` : ''}Type /why ITEM for one item's assessment.` },
      ],
      { data: shown.map(({ hit }) => hit) },
    );
  },
};

/** A typed argument as a term: its words (a phrase if several), a beginning if it ends with *. */
function readTerm(argument: string): SearchTerm | undefined {
  const words = argument.match(WORD) ?? [];
  if (words.length === 0) return undefined;
  const prefix = argument.endsWith('*') && words.at(-1)!.length >= SHORTEST_PREFIX;
  return { words: words.map((word) => word.toLowerCase()), prefix };
}

function describeTerm(term: SearchTerm): string {
  const text = term.words.join(' ');
  return term.words.length > 1 ? `"${text}"` : term.prefix ? `${text}…` : text;
}

/** Keeps the first (newest, best) match of each story, counting the story's other matches. */
function oneLinePerStory(hits: readonly SearchHit[]): { hit: SearchHit; more: number }[] {
  const lines = new Map<number | string, { hit: SearchHit; more: number }>();
  for (const hit of hits) {
    const key = hit.story?.clusterId ?? `item ${hit.itemId}`;
    const line = lines.get(key);
    if (line) line.more++;
    else lines.set(key, { hit, more: 0 });
  }
  return [...lines.values()];
}

function describeStory(hit: SearchHit, more: number, relevantAt: number): string {
  if (!hit.story || !hit.assessment) return 'not assessed yet';
  if (hit.assessment.relevance < relevantAt) return 'not about the crisis';
  const first = hit.story.clusterId === hit.itemId ? 'first report of its story' : `story: ${hit.story.title}`;
  const reports = hit.story.reports > 1 ? ` (${hit.story.reports} reports${more > 0 ? `, ${more} more matching` : ''})` : '';
  return `${first}${reports}`;
}
