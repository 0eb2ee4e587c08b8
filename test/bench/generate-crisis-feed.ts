// Builds a large RSS 2.0 feed of realistic wire items: crisis headlines and noise, HTML descriptions
// of a few sentences, links, guids and dates, the same for a given seed.
import { rssFeed } from '../support/feed-server.js';
import {
  ACTORS, CRISIS_NOUNS, CRISIS_SENTENCES, CRISIS_VERBS, NOISE_HEADLINES, NOISE_SENTENCES, PLACE_ALIASES, PLACES,
} from './crisis-vocabulary.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

/** Share of items about the crisis; the rest is the noise a general news feed carries. */
const CRISIS_SHARE = 0.6;
const FIRST_PUBLISHED = Date.parse('2022-02-01T00:00:00Z');
const MINUTES_BETWEEN_ITEMS = 7;

export function generateCrisisFeed(itemCount: number, seed = 2022): string {
  const random = createSeededRandom(seed);
  const items = Array.from({ length: itemCount }, (_, index) => {
    const isCrisis = random.next() < CRISIS_SHARE;
    const sentences = Array.from({ length: random.integer(2, 5) }, () => (isCrisis && random.next() < 0.7 ? crisisSentence(random) : random.pick(NOISE_SENTENCES)));
    return {
      title: isCrisis ? crisisHeadline(random) : random.pick(NOISE_HEADLINES),
      link: `https://wire.example/${isCrisis ? 'world' : 'news'}/${index}`,
      guid: `wire-${seed}-${index}`,
      description: `<p>${sentences.join(' ')}</p>${random.next() < 0.3 ? '<p><a href="https://wire.example/live">Follow our live coverage</a></p>' : ''}`,
      pubDate: new Date(FIRST_PUBLISHED + index * MINUTES_BETWEEN_ITEMS * 60_000).toUTCString(),
    };
  });
  return rssFeed(items, 'Benchmark wire');
}

function crisisHeadline(random: SeededRandom): string {
  const place = placeName(random);
  switch (random.integer(0, 3)) {
    case 0:
      return `${capitalise(random.pick(ACTORS))} ${random.pick(CRISIS_VERBS)} ${place}`;
    case 1:
      return `${capitalise(random.pick(CRISIS_NOUNS))} reported near ${place} as ${random.pick(ACTORS)} ${random.pick(CRISIS_VERBS)} ${placeName(random)}`;
    case 2:
      return `Live: ${random.pick(CRISIS_NOUNS)} in ${place}, day ${random.integer(1, 400)}`;
    default:
      return `${capitalise(random.pick(ACTORS))} say ${random.integer(2, 90_000).toLocaleString('en-GB')} ${random.pick(['troops', 'refugees', 'civilians', 'shells'])} counted in ${place}`;
  }
}

function crisisSentence(random: SeededRandom): string {
  return random
    .pick(CRISIS_SENTENCES)
    .replace('{number}', random.integer(3, 12_000).toLocaleString('en-GB'))
    .replace('{place}', placeName(random))
    .replace('{noun}', random.pick(CRISIS_NOUNS))
    .replace('{actor}', capitalise(random.pick(ACTORS)))
    .replace('{verb}', random.pick(CRISIS_VERBS).split(' ')[0]!);
}

/** Mostly the standard spelling; sometimes another one, as different outlets write it. */
function placeName(random: SeededRandom): string {
  const place = random.pick(PLACES);
  const aliases = PLACE_ALIASES[place];
  return aliases && random.next() < 0.25 ? random.pick(aliases) : place;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
